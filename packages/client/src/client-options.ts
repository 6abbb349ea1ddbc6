import type { Codec, RequestPrimitive, ResponsePrimitive, Serialization } from '@onem2m-ws/protocol';
import type { OfflineQueueOptions } from './offline-queue.js';
import type { ReconnectOptions } from './reconnect.js';
import type { SocketAdapter } from './socket-adapter.js';
import type { AeIdStore } from './stores/ae-id-store.js';
import type { WebSocketConstructor } from './transports/ws-adapter.js';

/**
 * Options of `createClient`. Only `url` is required.
 */
export interface ClientOptions {
  /** `ws://` or `wss://` point of access of the CSE (TS-0020 6.2.1). */
  url: string;
  /**
   * The AE-ID, if the AE is already registered (or an originator of your choice, `C...`, to
   * register with). Otherwise `register()` obtains one. Every request uses it as `fr`.
   * @default undefined
   */
  originator?: string;
  /**
   * Serializations to offer, most preferred first. Each is offered in both spellings
   * (`oneM2M.json`, `oneM2M.R2.0.json`); the server's choice decides. Each needs its codec in
   * `codecs`.
   * @default ['json']
   */
  serializations?: Serialization[];
  /**
   * The codecs the client may use. The core imports none but JSON, so bundles stay small: the
   * `onem2m-ws` entry passes JSON, XML and CBOR, `onem2m-ws/json` only JSON. Include the JSON
   * codec when using CBOR against ACME, which sends JSON text notifications on CBOR connections.
   * @default [jsonCodec]
   */
  codecs?: Codec[];
  /**
   * `rvi` put on every request and response the client sends (a string, mandatory since R2).
   * Responses to the CSE's requests echo the request's `rvi` when it has one (ACME expects that).
   * @default '3'
   */
  releaseVersion?: string;
  /**
   * Milliseconds a request may wait for its response, counted from the call (time spent queued
   * included). Per-request `timeout` overrides it. `Infinity` disables it.
   * @default 30000
   */
  requestTimeout?: number;
  /**
   * Most requests on the wire at once; the rest wait in order. `1` works around ACME answering
   * pipelined requests wrongly (interop.md).
   * @default Infinity
   */
  maxInFlight?: number;
  /**
   * A {@link SocketAdapter}, or a WebSocket constructor to build the default adapter on.
   * @default the isomorphic-ws adapter (`ws` in Node, the global `WebSocket` in browsers)
   */
  webSocket?: SocketAdapter | WebSocketConstructor;
  /**
   * Extra handshake headers, e.g. `Authorization`. Only adapters that can send headers (Node)
   * send them.
   * @default {}
   */
  headers?: Record<string, string>;
  /**
   * Address of the CSEBase, the `to` of `register()` when none is given. `-` is the standard
   * shortcut for the CSEBase resource name (TS-0004 6.2.4).
   * @default '-'
   */
  cseBase?: string;
  /**
   * Reopen eagerly after a drop, with exponential backoff, jitter and a cap (`true` for the
   * defaults). Without it the client reopens lazily when it next has a request to send
   * (TS-0020 5.2), retrying with the default backoff only while requests wait, and
   * notifications are not received while disconnected.
   * @default false
   */
  reconnect?: boolean | ReconnectOptions;
  /**
   * Bounds of the queue of requests waiting to be sent (while disconnected or at `maxInFlight`).
   * @default { maxCount: 1000, maxBytes: 1048576 }
   */
  offlineQueue?: OfflineQueueOptions;
  /**
   * Where `register()` keeps the AE-ID so a restarted AE reuses it. A stored ID the CSE no longer
   * knows (4004/4106) is replaced by a fresh registration.
   * @default an in-memory store (kept for the life of the process/page)
   */
  aeIdStore?: AeIdStore;
  /**
   * Key of this AE's entry in `aeIdStore`.
   * @default `${url}#${rn ?? api}` of the registered AE
   */
  aeIdKey?: string;
  /**
   * Send `X-M2M-Origin: <originator>` in the opening handshake when the adapter can send headers,
   * and reconnect with it when registration on a connection without it assigned the AE-ID
   * (ACME binds connections to originators this way, interop.md).
   * @default true
   */
  originatorHeader?: boolean;
  /**
   * Answer subscription-verification requests (`vrq`) with 2000. `false` answers 4101
   * (SUBSCRIPTION_CREATOR_HAS_NO_PRIVILEGE). A `notification` listener may still choose.
   * @default true
   */
  acceptVerificationRequests?: boolean;
  /**
   * Translates the member names of what the application passes (the content of `create`,
   * `update` and `notify`, the `<AE>` attributes of `register()`, subscription attributes, filter
   * criteria) into the short names sent on the wire. Pass `toShortNames` from
   * `@onem2m-ws/protocol` to accept long names there too (`resourceName` → `rn`, `m2m:container`
   * → `m2m:cnt`). Injected rather than built in, like `validateRequest`: the name tables are the
   * largest part of a JSON-only bundle. Without it those names are sent as given, and a CSE
   * refuses a long one (usually `BAD_REQUEST`). The long names of the request options
   * (`resultContent`, `filterCriteria`...) are the client's own API and always accepted.
   * @default undefined; the `createClient` of `onem2m-ws` (also `onem2m-ws/node` and the script
   * tag) passes `toShortNames`, the one of `onem2m-ws/json` does not
   */
  translateNames?: (value: unknown) => unknown;
  /**
   * Validates every request the CRUDN methods build, before it is queued; whatever it throws
   * rejects the request and nothing is sent. Pass `validateRequest` from `@onem2m-ws/protocol`
   * (TS-0004 per-operation rules: `ty` only on CREATE, valid `rcn`, `rt.nu` only with `rtv` 2,
   * ...; it throws `ProtocolError` naming the `field`). It is injected rather than built in so a
   * bundle that does not want the schemas does not carry them. `client.request()` is never
   * validated (it is the escape hatch for any primitive).
   * @default undefined (only the client's own argument checks)
   */
  validateRequest?: (request: RequestPrimitive) => unknown;
  /**
   * Validates every response before it settles its request; whatever it throws rejects that
   * request instead (the response is not delivered). Pass `parseIncomingResponse` from
   * `@onem2m-ws/protocol` (parameter types, unknown members tolerated as CSEs send them; it throws
   * `ProtocolError` naming the `field`), optionally followed by `validateResource` of each `pc`
   * member; not the protocol's `validateResponse`, which holds responses an AE sends to the
   * stricter rules of sending. Injected rather than built in, like `validateRequest`, so a bundle
   * that does not want the schemas does not carry them. Responses that match no request are not
   * passed to it.
   * @default undefined (only the codec's structural checks)
   */
  validateResponse?: (response: ResponsePrimitive) => unknown;
  /**
   * Notifications a subscription handle buffers for async iteration before dropping the oldest.
   * @default 1000
   */
  subscriptionBufferSize?: number;
}
