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
export interface OfflineQueue {
  /** Requests waiting. */
  readonly length: number;
  /**
   * Appends `entry` (or puts it first, for a retried request that was already in order).
   * @throws {QueueFullError} when a bound would be exceeded; the queue is unchanged.
   */
  push(entry: PendingRequest, first?: boolean): void;
  /** Removes and returns the oldest waiting request. */
  shift(): PendingRequest | undefined;
  /** Removes `entry` wherever it is (timeout, abort). */
  remove(entry: PendingRequest): void;
  /** Removes and returns everything waiting. */
  drain(): PendingRequest[];
}

/**
 * A new {@link OfflineQueue} (a closure rather than a class: fewer bundle bytes).
 * @throws {InvalidArgumentError} when a bound is below 1.
 */
export function createOfflineQueue(options: OfflineQueueOptions = {}): OfflineQueue {
  const maxCount = options.maxCount ?? 1000;
  const maxBytes = options.maxBytes ?? 1_048_576;
  // Every request waits here until the first connection opens, so zero would refuse them all.
  if (!(maxCount >= 1) || !(maxBytes >= 1)) {
    throw new InvalidArgumentError('offlineQueue.maxCount and offlineQueue.maxBytes must be >= 1');
  }
  const items: PendingRequest[] = [];
  let bytes = 0;
  return {
    get length() {
      return items.length;
    },
    push(entry, first) {
      const size = estimateBytes(entry);
      if (items.length >= maxCount) {
        throw new QueueFullError('count', `offline queue full: ${maxCount} requests already waiting`);
      }
      if (bytes + size > maxBytes) {
        throw new QueueFullError('bytes', `offline queue full: ${bytes} + ${size} bytes > ${maxBytes}`);
      }
      entry.queuedBytes = size;
      bytes += size;
      if (first) items.unshift(entry);
      else items.push(entry);
    },
    shift() {
      const entry = items.shift();
      if (entry) bytes -= entry.queuedBytes;
      return entry;
    },
    remove(entry) {
      const index = items.indexOf(entry);
      if (index < 0) return;
      items.splice(index, 1);
      bytes -= entry.queuedBytes;
    },
    drain() {
      bytes = 0;
      return items.splice(0);
    },
  };
}

function estimateBytes(entry: PendingRequest): number {
  try {
    return JSON.stringify(entry.primitive).length;
  } catch {
    return 0;
  }
}
