import type { RequestPrimitive, ResponsePrimitive } from '@onem2m-ws/protocol';

/**
 * The seam between the WebSocket binding (`server/`) and the resource engine (`engine/`).
 * The engine knows nothing of sockets; the server knows nothing of resources.
 */

/** Per-request facts the binding knows and the engine needs. */
export interface RequestContext {
  /** Originator bound to the connection (handshake `X-M2M-Origin` or an earlier registration on it). */
  boundOriginator?: string;
  /** Serialization of the connection the request came on (for logging / `poa` defaults). */
  serialization?: 'json' | 'xml' | 'cbor';
}

/** Options for delivering a request the CSE originates (notify, verification, async result). */
export interface DeliveryOptions {
  /** Epoch ms after which an undelivered notification is dropped from the offline store. */
  expiresAt?: number;
  /** Store and retry when the target AE is offline (TS-0020 6.5). Verification requests set false. */
  storeIfOffline?: boolean;
  /** Give up waiting for the response after this many ms. */
  timeoutMs?: number;
}

/**
 * Delivers requests the CSE originates. `target` is a notification URI: an AE-ID / AE resource ID
 * (sent over that AE's WebSocket connection) or a `ws://` / `wss://` URL (a new connection).
 * Resolves with the receiver's response, or `undefined` when it was stored for later or could not
 * be delivered.
 */
export interface NotificationSink {
  deliver(
    target: string,
    request: RequestPrimitive,
    options?: DeliveryOptions,
  ): Promise<ResponsePrimitive | undefined>;
}

/** Options to create an engine. */
export interface EngineOptions {
  /** CSE-ID with a leading slash, e.g. `/id-in`. */
  cseId: string;
  /** Resource name of the CSEBase, e.g. `cse-in`. */
  cseName: string;
  /** Points of access advertised in the CSEBase `poa`. */
  poa: string[];
  /** `rvi` the CSE puts on requests it originates. */
  releaseVersion: string;
  /** Where the engine sends notifications. */
  sink: NotificationSink;
  /** Clock, injectable for tests. */
  now?: () => number;
}

/** The resource engine: TS-0004 request processing over an in-memory tree. */
export interface Engine {
  /** Process one request and produce its response (never throws; errors become rsc 4xxx/5xxx). */
  handle(request: RequestPrimitive, context: RequestContext): Promise<ResponsePrimitive>;
  /** True when `originator` is a registered AE-ID (with or without the SP-relative prefix). */
  isRegistered(originator: string): boolean;
  /** Stop timers (expiry, batching, long-poll). */
  close(): void;
}
