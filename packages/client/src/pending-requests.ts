import type { RequestPrimitive, ResponsePrimitive } from '@onem2m-ws/protocol';

/**
 * The state of each request from the call to its settlement, and the list that times them out.
 * The client keys requests in flight by `rqi` in a plain `Map`; late and duplicate responses (ACME
 * can answer a request twice, interop.md) are recognised by their identifier (`rqi.ts`), so no
 * record of settled requests is kept.
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
  declare readonly primitive: RequestPrimitive;
  declare readonly resolve: (response: ResponsePrimitive) => void;
  declare readonly reject: (error: unknown) => void;
  declare readonly owner: PendingOwner;
  state: PendingState = 'queued';
  /** Epoch ms when the response timeout expires (Infinity: none). */
  timeoutAt = Infinity;
  /** Epoch ms when `rqet` passes (Infinity: none); enforced while the request is unsent. */
  expireAt = Infinity;
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
  /** The client's deadline list, which times every request out. */
  declare readonly deadlines: DeadlineList;
  /** The deadline the request is listed by (Infinity: not listed). */
  at = Infinity;
  /** Links of the deadline list. */
  prev: PendingRequest | undefined;
  next: PendingRequest | undefined;
  linked = false;

  constructor(
    primitive: RequestPrimitive,
    owner: PendingOwner,
    deadlines: DeadlineList,
    resolve: (response: ResponsePrimitive) => void,
    reject: (error: unknown) => void,
  ) {
    this.primitive = primitive;
    this.owner = owner;
    this.deadlines = deadlines;
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

  /** (Re)lists the request by its deadline: while queued the earlier of timeout and `rqet`, then the timeout. */
  arm(): void {
    const at = this.state === 'queued' ? Math.min(this.timeoutAt, this.expireAt) : this.timeoutAt;
    if (this.linked && at === this.at) return;
    this.deadlines.remove(this);
    this.at = at;
    if (at !== Infinity) this.deadlines.add(this);
  }

  /** Releases the request and rejects its promise. */
  fail(error: unknown): void {
    this.release();
    this.reject(error);
  }

  /** Marks the request settled and releases its deadline and signal listener. */
  release(): void {
    this.state = 'settled';
    this.deadlines.remove(this);
    if (this.signal) this.signal.removeEventListener('abort', this);
    this.signal = undefined;
  }
}

/** setTimeout overflows above 2^31-1 ms; the list re-arms when its timer fires early. */
const MAX_TIMER = 2_147_483_647;

/**
 * Requests ordered by deadline, with one timer for the earliest. Deadlines mostly arrive in
 * order (the client's default timeout, counted from the call), so an insertion walking back from
 * the tail is O(1) in the common case, removing is O(1), and a response costs no timer
 * operation: the timer is re-armed only when it fires or an earlier deadline arrives. When the
 * list empties, a timer due within `keepMs` (the client's default timeout) is left to fire
 * harmlessly, so back-to-back requests cost no timer operation each; one due later (armed by a
 * longer custom timeout) is cleared, so it does not keep the timer (and a Node process) alive long
 * after its request settled.
 */
export interface DeadlineList {
  /** Inserts `entry` by its `at` (after entries with the same deadline). */
  add(entry: PendingRequest): void;
  /** Unlinks `entry` (no-op when it is not listed). */
  remove(entry: PendingRequest): void;
  /** Stops the timer (the list is empty, or the client closed). */
  clear(): void;
}

/** A new {@link DeadlineList} (a closure rather than a class: fewer bundle bytes). */
export function createDeadlineList(keepMs: number): DeadlineList {
  let head: PendingRequest | undefined;
  let tail: PendingRequest | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let timerAt = Infinity;

  const clear = (): void => {
    clearTimeout(timer);
    timerAt = Infinity;
  };
  const arm = (at: number): void => {
    clearTimeout(timer);
    timerAt = at;
    timer = setTimeout(fire, Math.min(Math.max(0, at - Date.now()), MAX_TIMER));
  };
  const remove = (entry: PendingRequest): void => {
    if (!entry.linked) return;
    entry.linked = false;
    if (entry.prev) entry.prev.next = entry.next;
    else head = entry.next;
    if (entry.next) entry.next.prev = entry.prev;
    else tail = entry.prev;
    entry.prev = undefined;
    entry.next = undefined;
    if (!head && timerAt - Date.now() > keepMs) clear();
  };
  const fire = (): void => {
    timerAt = Infinity;
    const now = Date.now();
    let entry = head;
    while (entry !== undefined && entry.at <= now) {
      remove(entry);
      entry.owner.onTimer(entry);
      entry = head;
    }
    if (entry !== undefined) arm(entry.at);
  };
  return {
    add(entry) {
      let before = tail;
      while (before && before.at > entry.at) before = before.prev;
      entry.linked = true;
      entry.prev = before;
      entry.next = before ? before.next : head;
      if (entry.next) entry.next.prev = entry;
      else tail = entry;
      if (before) before.next = entry;
      else head = entry;
      if (entry.at < timerAt) arm(entry.at);
    },
    remove,
    clear,
  };
}
