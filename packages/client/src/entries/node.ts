/**
 * `@onem2m-ws/client/node`: the Node-only parts of the client — the `ws` socket adapter with TLS,
 * CONNECT proxy, permessage-deflate and keepalive options, and the JSON-file AE-ID store.
 * Everything else comes from `@onem2m-ws/client`, which stays platform-neutral.
 */
export {
  AeIdStoreError,
  type AeIdStoreErrorCode,
  createJsonFileAeIdStore,
  JsonFileAeIdStore,
  type JsonFileAeIdStoreOptions,
} from '../stores/json-file-store.js';
export { createNodeSocketAdapter, type NodeSocketAdapterOptions } from '../transports/node-adapter.js';
export {
  ProxyConnectError,
  type ProxyConnectErrorCode,
  TransportOptionsError,
  type TransportOptionsErrorCode,
} from '../transports/node-errors.js';
export {
  type KeepaliveOptions,
  type KeepaliveSocket,
  type KeepaliveTimeout,
  startKeepalive,
} from '../transports/node-keepalive.js';
export {
  type NodeTlsOptions,
  type NodeTransportOptions,
  type PerMessageDeflateSettings,
  type TlsMaterial,
  toWsClientOptions,
  validateNodeTransportOptions,
} from '../transports/node-options.js';
