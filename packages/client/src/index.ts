/**
 * `@onem2m-ws/client`: the platform-neutral oneM2M WebSocket client core (TS-0020).
 *
 * This entry binds JSON only; pass other codecs in `createClient({ codecs })`, or use the
 * `onem2m-ws` package, whose `createClient` includes JSON, XML and CBOR.
 * @packageDocumentation
 */

export { type ClientState, type CreateOptions, OneM2MClient, type SubscribeAttributes } from './client.js';
export type { ClientEvents, CloseEvent, DebugEvent, OpenEvent, ReconnectingEvent } from './client-events.js';
export type { ClientOptions } from './client-options.js';
export { type Client, createClient } from './create-client.js';
export type { DiscoverAllOptions, DiscoveryResult } from './discovery.js';
export {
  AbortError,
  ConnectionError,
  HandshakeError,
  InvalidArgumentError,
  OneM2MError,
  type OneM2MErrorCode,
  OriginatorBindingError,
  ProtocolError,
  QueueFullError,
  ResponseError,
  TimeoutError,
} from './errors.js';
export type { Listener, Unsubscribe } from './events.js';
export {
  IncomingRequestEvent,
  NotificationEvent,
  type NotificationEventInfo,
  type NotificationKind,
  type Sgn,
} from './notifications.js';
export type { OfflineQueueOptions } from './offline-queue.js';
export type { ReconnectOptions } from './reconnect.js';
export type { RegisterOptions, RegistrationResult } from './registration.js';
export type { RequestOptions } from './request-options.js';
export type { Result } from './results.js';
export type {
  Socket,
  SocketAdapter,
  SocketAdapterCapabilities,
  SocketCloseInfo,
  SocketHandshakeFailure,
  SocketListeners,
  SocketOpenRequest,
} from './socket-adapter.js';
export { type AeIdStore, createMemoryAeIdStore, MemoryAeIdStore } from './stores/ae-id-store.js';
export {
  createLocalStorageAeIdStore,
  LocalStorageAeIdStore,
  type LocalStorageAeIdStoreOptions,
  type StorageLike,
} from './stores/local-storage-store.js';
export { Subscription, type SubscriptionEvents } from './subscription.js';
export {
  createMemoryAdapter,
  type MemoryAdapterOptions,
  type MemoryHandshakeDecision,
  type MemoryPair,
  MemoryServer,
  MemoryServerConnection,
} from './transports/memory-adapter.js';
export {
  createWebSocketAdapter,
  type WebSocketAdapterOptions,
  type WebSocketConstructor,
  type WebSocketLike,
} from './transports/ws-adapter.js';
