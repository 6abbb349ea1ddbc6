import type { RequestPrimitive } from '@onem2m-ws/protocol';

/** A notification kept for an offline AE. */
export interface StoredRequest {
  request: RequestPrimitive;
  /** Epoch ms after which it is dropped undelivered. */
  expiresAt: number;
  /** Response timeout the engine asked for, if any. */
  timeoutMs?: number;
}

/**
 * Requests for AEs whose connection is closed, kept in arrival order until the AE reconnects or
 * they expire (TS-0020 V3 §6.5). Bounded per AE: the oldest entry goes when the cap is reached.
 */
export class OfflineStore {
  readonly #queues = new Map<string, StoredRequest[]>();
  readonly #maxPerOriginator: number;
  readonly #now: () => number;

  constructor(maxPerOriginator: number, now: () => number) {
    this.#maxPerOriginator = maxPerOriginator;
    this.#now = now;
  }

  /** Keep `entry` for `originator`; returns the number of entries dropped to stay within the cap. */
  add(originator: string, entry: StoredRequest): number {
    const queue = this.#live(originator);
    queue.push(entry);
    let dropped = 0;
    while (queue.length > this.#maxPerOriginator) {
      queue.shift();
      dropped++;
    }
    this.#queues.set(originator, queue);
    return dropped;
  }

  /** Remove and return the unexpired entries of `originator`, oldest first. */
  take(originator: string): StoredRequest[] {
    const queue = this.#live(originator);
    this.#queues.delete(originator);
    return queue;
  }

  /** Put entries that could not be delivered back in front of any stored since. */
  restore(originator: string, entries: StoredRequest[]): void {
    if (entries.length === 0) return;
    const queue = [...entries, ...(this.#queues.get(originator) ?? [])];
    while (queue.length > this.#maxPerOriginator) queue.shift();
    this.#queues.set(originator, queue);
  }

  /** Number of unexpired entries kept for `originator`. */
  count(originator: string): number {
    const queue = this.#live(originator);
    if (queue.length === 0) this.#queues.delete(originator);
    else this.#queues.set(originator, queue);
    return queue.length;
  }

  /** Drop everything (CSE shutdown). */
  clear(): void {
    this.#queues.clear();
  }

  #live(originator: string): StoredRequest[] {
    const now = this.#now();
    return (this.#queues.get(originator) ?? []).filter((e) => e.expiresAt > now);
  }
}
