import type { RequestPrimitive, ResponsePrimitive } from '@onem2m-ws/protocol';
import type { DeliveryOptions, NotificationSink } from '../engine/contract.js';
import type { ClientConnection } from './connection.js';
import type { ConnectionRegistry } from './connection-registry.js';
import type { ServerLog } from './logger.js';
import type { OfflineStore, StoredRequest } from './offline-store.js';
import { isWebSocketUrl, originatorKey } from './originator-id.js';
import type { RequestOutcome } from './pending-requests.js';
import type { UrlDelivery } from './url-delivery.js';

/** Stored requests sent at once when an AE comes back (their answers are awaited per window). */
const DRAIN_WINDOW = 64;

/** What the sink needs from the rest of the server. */
export interface SinkDependencies {
  cseId: string;
  registry: ConnectionRegistry;
  store: OfflineStore;
  urls: UrlDelivery;
  log: ServerLog;
  requestTimeoutMs: number;
  defaultTtlMs: number;
  now: () => number;
  /** Whether an originator is a registered AE (set once the engine exists). */
  isRegistered: (originator: string) => boolean;
}

/**
 * The engine's {@link NotificationSink}: sends CSE-originated requests over the target AE's live
 * connection, to a `ws://` URI over a new connection, or into the offline store.
 */
export class ServerNotificationSink implements NotificationSink {
  readonly #deps: SinkDependencies;
  /** Originators whose stored requests are being delivered; new ones queue behind them. */
  readonly #flushing = new Set<string>();

  constructor(deps: SinkDependencies) {
    this.#deps = deps;
  }

  async deliver(
    target: string,
    request: RequestPrimitive,
    options: DeliveryOptions = {},
  ): Promise<ResponsePrimitive | undefined> {
    const { log } = this.#deps;
    const timeoutMs = options.timeoutMs ?? this.#deps.requestTimeoutMs;
    try {
      if (isWebSocketUrl(target)) {
        const outcome = await this.#deps.urls.deliver(target, request, timeoutMs);
        this.#logOutcome(target, request, outcome);
        return outcome.status === 'response' ? outcome.response : undefined;
      }
      if (/^[a-z][a-z0-9+.-]*:\/\//i.test(target)) {
        log.warn(
          `cannot deliver rqi=${request.rqi} to ${target}: only ws:// and wss:// URIs and AE-IDs are supported`,
        );
        return undefined;
      }
      const key = originatorKey(target, this.#deps.cseId);
      const storeIfOffline = options.storeIfOffline ?? true;
      const connection = this.#deps.registry.get(key);
      // While stored requests are going out, new storable ones queue behind them to keep the order.
      if (!connection || (storeIfOffline && this.#flushing.has(key))) {
        if (storeIfOffline) this.#store(key, request, options, timeoutMs);
        else log.primitive(`op=${request.op} rqi=${request.rqi} -> ${key}: offline, not stored`);
        return undefined;
      }
      const outcome = await connection.request(request, timeoutMs);
      this.#logOutcome(key, request, outcome);
      if (outcome.status === 'closed' && storeIfOffline) this.#store(key, request, options, timeoutMs);
      return outcome.status === 'response' ? outcome.response : undefined;
    } catch (err) {
      log.error(`delivery of rqi=${request.rqi} to ${target} failed: ${String(err)}`);
      return undefined;
    }
  }

  /**
   * Deliver the requests stored for `originator` over its new connection, oldest first, one at a
   * time so their order holds. The drain starts on the next turn of the event loop (after the
   * response to the request that bound the connection), but new requests queue behind the stored
   * ones from now on. Entries the connection could not take go back to the store.
   */
  scheduleFlush(originator: string, connection: ClientConnection): void {
    if (this.#flushing.has(originator) || this.#deps.store.count(originator) === 0) return;
    this.#flushing.add(originator);
    setImmediate(() => void this.#drain(originator, connection));
  }

  async #drain(originator: string, connection: ClientConnection): Promise<void> {
    try {
      for (;;) {
        const entries = this.#deps.store.take(originator);
        if (entries.length === 0) return;
        // Pipelined a window at a time (the socket keeps their order): one round trip per stored
        // request would fall behind an AE's live notifications, which queue behind the drain, and
        // the bounded store would then drop them although the AE is connected.
        for (let start = 0; start < entries.length; start += DRAIN_WINDOW) {
          const now = this.#deps.now();
          const window = entries.slice(start, start + DRAIN_WINDOW).filter((e) => e.expiresAt > now);
          const outcomes = await Promise.all(
            window.map((entry: StoredRequest) =>
              connection.isOpen
                ? connection.request(entry.request, entry.timeoutMs ?? this.#deps.requestTimeoutMs)
                : Promise.resolve({ status: 'closed' } as const),
            ),
          );
          const undelivered = window.filter((_, j) => outcomes[j]!.status === 'closed');
          window.forEach((entry, j) => {
            if (outcomes[j]!.status !== 'closed')
              this.#logOutcome(originator, entry.request, outcomes[j]!, 'stored ');
          });
          if (undelivered.length > 0) {
            this.#deps.store.restore(originator, [...undelivered, ...entries.slice(start + DRAIN_WINDOW)]);
            return;
          }
        }
      }
    } catch (err) {
      this.#deps.log.error(`delivering stored requests to ${originator} failed: ${String(err)}`);
    } finally {
      this.#flushing.delete(originator);
      // The AE may have come back on another connection while this one failed.
      const current = this.#deps.registry.get(originator);
      if (current && current !== connection) this.scheduleFlush(originator, current);
    }
  }

  #store(key: string, request: RequestPrimitive, options: DeliveryOptions, timeoutMs: number): void {
    const { log } = this.#deps;
    if (!this.#deps.isRegistered(key)) {
      log.warn(`dropped rqi=${request.rqi} for ${key}: not a registered AE`);
      return;
    }
    const expiresAt = options.expiresAt ?? this.#deps.now() + this.#deps.defaultTtlMs;
    const entry: StoredRequest = { request, expiresAt };
    if (options.timeoutMs !== undefined) entry.timeoutMs = timeoutMs;
    const dropped = this.#deps.store.add(key, entry);
    log.primitive(`op=${request.op} rqi=${request.rqi} -> ${key}: offline, stored`);
    if (dropped > 0) log.warn(`offline store for ${key} is full: dropped ${dropped} oldest request(s)`);
    // The AE may have connected between the lookup and now.
    const connection = this.#deps.registry.get(key);
    if (connection) this.scheduleFlush(key, connection);
  }

  #logOutcome(target: string, request: RequestPrimitive, outcome: RequestOutcome, prefix = ''): void {
    const result =
      outcome.status === 'response'
        ? `rsc=${outcome.response.rsc}`
        : outcome.status === 'timeout'
          ? 'timeout'
          : 'closed';
    const line = `${prefix}op=${request.op} rqi=${request.rqi} -> ${target}: ${result}`;
    if (outcome.status === 'response') this.#deps.log.primitive(line);
    else this.#deps.log.warn(line);
  }
}
