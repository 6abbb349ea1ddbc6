import { Emitter, type Listener, type Unsubscribe } from './events.js';
import type { NotificationEvent } from './notifications.js';

/** Events of a {@link Subscription} handle. */
export interface SubscriptionEvents {
  /** A notification of this subscription. */
  notification: NotificationEvent;
  /** The handle ended: unsubscribed, deleted by the CSE (`sud`), or the client closed. */
  end: { reason: 'unsubscribed' | 'deleted' | 'client-closed' };
}

/** What a handle needs from its client (the client's subscription registry). */
export interface SubscriptionOwner {
  /** Deletes the `<subscription>` resource. */
  deleteSubscription(target: string): Promise<unknown>;
  /** Stops routing to this handle. */
  remove(handle: Subscription): void;
  /** Where listener failures go. */
  listenerFailed(error: unknown): void;
}

/**
 * A `<subscription>` the client created with `nu = [originator]`. Notifications routed to it by
 * `sur` arrive as `notification` events and through async iteration; a deletion notice (`sud`),
 * `unsubscribe()` or `client.close()` ends it.
 *
 * Iteration buffers notifications that arrive between two `next()` calls (up to `bufferSize`;
 * beyond that the oldest are dropped, and listeners still see every one). Breaking out of a
 * `for await` stops iterating but does not delete the subscription.
 */
export class Subscription implements AsyncIterable<NotificationEvent> {
  /** Resource ID (`ri`) of the `<subscription>`. */
  declare readonly id: string;
  /** Address used to delete it: its `ri`, or `<target>/<rn>` when the CSE returned no `ri`. */
  declare readonly address: string;
  /** The `<subscription>` resource as the CSE returned it. */
  declare readonly resource: Record<string, unknown>;
  /** Why it ended, once ended. */
  endReason: SubscriptionEvents['end']['reason'] | undefined;
  readonly #owner: SubscriptionOwner;
  readonly #emitter: Emitter<SubscriptionEvents>;
  readonly #buffer: NotificationEvent[] = [];
  readonly #waiters: ((result: IteratorResult<NotificationEvent>) => void)[] = [];
  readonly #bufferSize: number;

  constructor(
    owner: SubscriptionOwner,
    id: string,
    address: string,
    resource: Record<string, unknown>,
    bufferSize = 1000,
  ) {
    this.#owner = owner;
    this.id = id;
    this.address = address;
    this.resource = resource;
    this.#bufferSize = bufferSize;
    this.#emitter = new Emitter((error) => owner.listenerFailed(error));
  }

  /** True once the handle ended. */
  get ended(): boolean {
    return this.endReason !== undefined;
  }

  /** Listen to `notification` or `end`; returns the function that removes the listener. */
  on<E extends keyof SubscriptionEvents>(event: E, listener: Listener<SubscriptionEvents[E]>): Unsubscribe {
    return this.#emitter.on(event, listener);
  }

  /**
   * Deletes the `<subscription>` on the CSE and ends the handle. A subscription the CSE already
   * removed (4004) counts as deleted.
   */
  async unsubscribe(): Promise<void> {
    if (this.ended) return;
    try {
      await this.#owner.deleteSubscription(this.address);
    } catch (error) {
      if ((error as { rsc?: number }).rsc !== 4004) throw error;
    }
    this.end('unsubscribed');
  }

  /** @internal Delivers a routed notification; resolves when its listeners ran. */
  async dispatch(event: NotificationEvent): Promise<void> {
    if (this.ended) return;
    const waiter = this.#waiters.shift();
    if (waiter) waiter({ value: event, done: false });
    else {
      this.#buffer.push(event);
      if (this.#buffer.length > this.#bufferSize) this.#buffer.shift();
    }
    await this.#emitter.emitAndWait('notification', event);
  }

  /** @internal Ends the handle. */
  end(reason: SubscriptionEvents['end']['reason']): void {
    if (this.ended) return;
    this.endReason = reason;
    this.#owner.remove(this);
    for (const waiter of this.#waiters.splice(0)) waiter({ value: undefined, done: true });
    this.#emitter.emit('end', { reason });
    this.#emitter.clear();
  }

  [Symbol.asyncIterator](): AsyncIterator<NotificationEvent> {
    return {
      next: () => {
        const buffered = this.#buffer.shift();
        if (buffered) return Promise.resolve({ value: buffered, done: false });
        if (this.ended) return Promise.resolve({ value: undefined, done: true });
        return new Promise((resolve) => this.#waiters.push(resolve));
      },
      return: () => Promise.resolve({ value: undefined, done: true }),
    };
  }
}

/** Finds the handle a notification belongs to, by `sur`; the owner of every handle of a client. */
export interface SubscriptionRegistry extends SubscriptionOwner {
  /** Routes notifications whose `sur` is the handle's `ri` (in any scope) to it. */
  add(handle: Subscription): void;
  /**
   * The handle for `sur`: exact match first, then by last segment, since CSEs send `sur`
   * SP-relative (`/id-in/sub123`) while the create response gives the CSE-relative `ri`.
   */
  find(sur: string | undefined): Subscription | undefined;
  /** Every live handle. */
  all(): Subscription[];
}

/** A new {@link SubscriptionRegistry} (a closure rather than a class: fewer bundle bytes). */
export function createSubscriptionRegistry(
  deleteSubscription: SubscriptionOwner['deleteSubscription'],
  listenerFailed: SubscriptionOwner['listenerFailed'],
): SubscriptionRegistry {
  const byKey = new Map<string, Subscription>();
  return {
    deleteSubscription,
    listenerFailed,
    add(handle) {
      byKey.set(handle.id, handle);
      byKey.set(lastSegment(handle.id), handle);
      if (handle.address !== handle.id) byKey.set(handle.address, handle);
    },
    remove(handle) {
      for (const [key, value] of byKey) if (value === handle) byKey.delete(key);
    },
    find: (sur) => (sur ? (byKey.get(sur) ?? byKey.get(lastSegment(sur))) : undefined),
    all: () => [...new Set(byKey.values())],
  };
}

function lastSegment(id: string): string {
  const slash = id.lastIndexOf('/');
  return slash < 0 ? id : id.slice(slash + 1);
}
