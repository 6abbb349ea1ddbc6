import { InvalidArgumentError, QueueFullError } from './errors.js';
import type { PendingRequest } from './pending-requests.js';

/**
 * Requests waiting to be sent: while the client is disconnected (the offline queue of issue 5)
 * and while `maxInFlight` requests are already on the wire. Bounded by count and by bytes so a
 * long outage cannot exhaust memory; the byte size is estimated from the request's JSON form
 * because the serialization is only known once a connection is negotiated.
 */

/** Bounds of the queue (`createClient({ offlineQueue })`). */
export interface OfflineQueueOptions {
  /**
   * Most requests waiting at once; one more rejects with `QueueFullError` (limit `count`).
   * @default 1000
   */
  maxCount?: number;
  /**
   * Most bytes (estimated as the JSON length of the primitives) waiting at once; one more rejects
   * with `QueueFullError` (limit `bytes`).
   * @default 1048576 (1 MiB)
   */
  maxBytes?: number;
}

/** FIFO of unsent requests with count and byte bounds. */
export class OfflineQueue {
  declare readonly maxCount: number;
  declare readonly maxBytes: number;
  #items: PendingRequest[] = [];
  #bytes = 0;

  constructor(options: OfflineQueueOptions = {}) {
    this.maxCount = options.maxCount ?? 1000;
    this.maxBytes = options.maxBytes ?? 1_048_576;
    // Every request waits here until the first connection opens, so zero would refuse them all.
    if (!(this.maxCount >= 1) || !(this.maxBytes >= 1)) {
      throw new InvalidArgumentError('offlineQueue.maxCount and offlineQueue.maxBytes must be >= 1');
    }
  }

  /** Requests waiting. */
  get length(): number {
    return this.#items.length;
  }

  /**
   * Appends `entry` (or puts it first, for a retried request that was already in order).
   * @throws {QueueFullError} when a bound would be exceeded; the queue is unchanged.
   */
  push(entry: PendingRequest, first = false): void {
    const size = estimateBytes(entry);
    if (this.#items.length >= this.maxCount) {
      throw new QueueFullError('count', `offline queue full: ${this.maxCount} requests already waiting`);
    }
    if (this.#bytes + size > this.maxBytes) {
      throw new QueueFullError(
        'bytes',
        `offline queue full: ${this.#bytes} + ${size} bytes > ${this.maxBytes}`,
      );
    }
    entry.queuedBytes = size;
    this.#bytes += size;
    if (first) this.#items.unshift(entry);
    else this.#items.push(entry);
  }

  /** Removes and returns the oldest waiting request. */
  shift(): PendingRequest | undefined {
    const entry = this.#items.shift();
    if (entry) this.#bytes -= entry.queuedBytes;
    return entry;
  }

  /** Removes `entry` wherever it is (timeout, abort). */
  remove(entry: PendingRequest): void {
    const index = this.#items.indexOf(entry);
    if (index < 0) return;
    this.#items.splice(index, 1);
    this.#bytes -= entry.queuedBytes;
  }

  /** Removes and returns everything waiting. */
  drain(): PendingRequest[] {
    this.#bytes = 0;
    return this.#items.splice(0);
  }
}

function estimateBytes(entry: PendingRequest): number {
  try {
    return JSON.stringify(entry.primitive).length;
  } catch {
    return 0;
  }
}
