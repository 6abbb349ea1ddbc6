import type { RequestPrimitive, ResponsePrimitive } from '@onem2m-ws/protocol';

/**
 * The correlation table: requests sent and awaiting their response, keyed by `rqi`, plus a short
 * memory of recently settled identifiers so that late and duplicate responses (ACME can answer a
 * request twice, interop.md) are recognised and ignored instead of reported as unknown.
 *
 * Per-request state lives in one {@link PendingRequest} object; timers and abort signals call back
 * into it through shared functions and `handleEvent`, so no closure is created per request.
 */

/** What a {@link PendingRequest} reports to when its timer fires or its signal aborts. */
export interface PendingOwner {
  /** The request's timer fired (timeout or, while queued, `rqet`). */
  onTimer(entry: PendingRequest): void;
  /** The request's abort signal fired. */
  onAbort(entry: PendingRequest): void;
}

/** Where a request is in its life. */
export type PendingState = 'queued' | 'inflight' | 'settled';

/** One request from the call to its settlement. */
export class PendingRequest {
  /** The primitive to send; `fr` may be filled in at send time. */
  readonly primitive: RequestPrimitive;
  readonly resolve: (response: ResponsePrimitive) => void;
  readonly reject: (error: unknown) => void;
  readonly owner: PendingOwner;
  state: PendingState = 'queued';
  /** Epoch ms when the response timeout expires (Infinity: none). */
  timeoutAt = Number.POSITIVE_INFINITY;
  /** Epoch ms when `rqet` passes (Infinity: none); enforced while the request is unsent. */
  expireAt = Number.POSITIVE_INFINITY;
  /** `rqet` was relative: the remaining time is sent, not the original value. */
  rqetRelative = false;
  /** Estimated size while queued (bytes of its JSON form). */
  queuedBytes = 0;
  /** Re-send after a dropped connection (retrieves only, caller's opt-in). */
  retryOnReconnect = false;
  /** Fill `fr` with the client's originator at send time. */
  fillOriginator = false;
  /** This is the Create-AE of `register()`. */
  isRegistration = false;
  /** The first non-registration request after registration on a header-less connection. */
  bindingProbe = false;
  /** The connection it was sent on (opaque to this module). */
  connection: unknown;
  signal: AbortSignal | undefined;
  timer: ReturnType<typeof setTimeout> | undefined;
  /**
   * The client's shared deadline list, for requests with the client's default timeout and no
   * `rqet`: their deadlines come in call order, so one timer serves them all.
   */
  deadlines: DeadlineList | undefined;
  /** Links of the deadline list. */
  prev: PendingRequest | undefined;
  next: PendingRequest | undefined;
  linked = false;

  constructor(
    primitive: RequestPrimitive,
    owner: PendingOwner,
    resolve: (response: ResponsePrimitive) => void,
    reject: (error: unknown) => void,
  ) {
    this.primitive = primitive;
    this.owner = owner;
    this.resolve = resolve;
    this.reject = reject;
  }

  /** The request identifier. */
  get rqi(): string {
    return this.primitive.rqi;
  }

  /** `EventListener` interface: the abort signal fired. */
  handleEvent(): void {
    if (this.state !== 'settled') this.owner.onAbort(this);
  }

  /** (Re)arms the timer for the earliest relevant deadline. */
  arm(now: number): void {
    if (this.deadlines) {
      this.deadlines.add(this);
      return;
    }
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    const at = this.state === 'queued' ? Math.min(this.timeoutAt, this.expireAt) : this.timeoutAt;
    if (at === Number.POSITIVE_INFINITY) return;
    // setTimeout overflows above 2^31-1 ms; fireTimer re-arms when it fires early.
    this.timer = setTimeout(fireTimer, Math.min(Math.max(0, at - now), MAX_TIMER), this);
  }

  /** Releases the request and rejects its promise. */
  fail(error: unknown): void {
    this.release();
    this.reject(error);
  }

  /** Marks the request settled and releases its timer and signal listener. */
  release(): void {
    this.state = 'settled';
    if (this.linked) this.deadlines!.remove(this);
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.signal) this.signal.removeEventListener('abort', this);
    this.signal = undefined;
  }
}

const MAX_TIMER = 2_147_483_647;

function fireTimer(entry: PendingRequest): void {
  entry.timer = undefined;
  if (entry.state === 'settled') return;
  const now = Date.now();
  const at = entry.state === 'queued' ? Math.min(entry.timeoutAt, entry.expireAt) : entry.timeoutAt;
  if (at > now) {
    entry.arm(now);
    return;
  }
  entry.owner.onTimer(entry);
}

/**
 * Requests ordered by deadline, with one timer for the earliest. Only requests whose deadlines
 * arrive in insertion order belong here (the client's default timeout, counted from the call), so
 * adding and removing are O(1) and a response costs no timer operation: the timer is re-armed
 * only when it fires. It may outlive the last request by up to one timeout; `clear()` stops it.
 */
export class DeadlineList {
  #head: PendingRequest | undefined;
  #tail: PendingRequest | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;

  /** Appends `entry` (no-op when it is already in the list). */
  add(entry: PendingRequest): void {
    if (entry.linked) return;
    entry.linked = true;
    entry.prev = this.#tail;
    entry.next = undefined;
    if (this.#tail) this.#tail.next = entry;
    else this.#head = entry;
    this.#tail = entry;
    if (this.#timer === undefined) this.#arm(entry.timeoutAt);
  }

  /** Unlinks `entry`. */
  remove(entry: PendingRequest): void {
    if (!entry.linked) return;
    entry.linked = false;
    if (entry.prev) entry.prev.next = entry.next;
    else this.#head = entry.next;
    if (entry.next) entry.next.prev = entry.prev;
    else this.#tail = entry.prev;
    entry.prev = undefined;
    entry.next = undefined;
  }

  /** Stops the timer (the client closed; every entry was settled). */
  clear(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #arm(at: number): void {
    this.#timer = setTimeout(this.#fire, Math.min(Math.max(0, at - Date.now()), MAX_TIMER));
  }

  readonly #fire = (): void => {
    this.#timer = undefined;
    const now = Date.now();
    let entry = this.#head;
    while (entry !== undefined && entry.timeoutAt <= now) {
      this.remove(entry);
      entry.owner.onTimer(entry);
      entry = this.#head;
    }
    if (entry !== undefined) this.#arm(entry.timeoutAt);
  };
}

/** How many settled identifiers are remembered to classify late/duplicate responses. */
const SETTLED_MEMORY = 512;

/** Requests in flight, by `rqi`. */
export class PendingTable {
  readonly #byRqi = new Map<string, PendingRequest>();
  // Insertion-ordered: the first identifier is the oldest, evicted first.
  readonly #settled = new Set<string>();

  /** Number of requests in flight. */
  get size(): number {
    return this.#byRqi.size;
  }

  /** Registers a sent request. */
  add(entry: PendingRequest): void {
    entry.state = 'inflight';
    this.#byRqi.set(entry.rqi, entry);
  }

  /** The in-flight request with this `rqi`. */
  get(rqi: string): PendingRequest | undefined {
    return this.#byRqi.get(rqi);
  }

  /** Removes an in-flight request and remembers its `rqi` as settled (bounded memory). */
  remove(entry: PendingRequest): void {
    if (this.#byRqi.get(entry.rqi) !== entry) return;
    this.#byRqi.delete(entry.rqi);
    this.#settled.add(entry.rqi);
    if (this.#settled.size > SETTLED_MEMORY) this.#settled.delete(this.#settled.values().next().value!);
  }

  /** True when `rqi` belonged to a request that was settled recently. */
  wasSettled(rqi: string): boolean {
    return this.#settled.has(rqi);
  }

  /** Every in-flight request (a copy, safe to settle while iterating). */
  entries(): PendingRequest[] {
    return [...this.#byRqi.values()];
  }
}
