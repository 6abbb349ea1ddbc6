/**
 * Entry of the script-tag bundle `onem2m-ws.min.js`: an IIFE that defines the global `OneM2M`
 * with the `onem2m-ws` API a page needs (all three serializations, the browser WebSocket adapter,
 * the localStorage AE-ID store). The in-memory socket adapter and server, which only serve tests
 * in Node, are left out: everything else of `onem2m-ws` is here (a test compares the two lists).
 *
 * @example
 * ```html
 * <script src="onem2m-ws.min.js"></script>
 * <script>
 *   const client = OneM2M.createClient({ url: 'ws://127.0.0.1:8180' });
 * </script>
 * ```
 * @packageDocumentation
 */

// The client's names win over the protocol's, as in the `onem2m-ws` entry.
export {
  AbortError,
  ConnectionError,
  createLocalStorageAeIdStore,
  createMemoryAeIdStore,
  createWebSocketAdapter,
  HandshakeError,
  IncomingRequestEvent,
  InvalidArgumentError,
  LocalStorageAeIdStore,
  MemoryAeIdStore,
  NotificationEvent,
  OneM2MClient,
  OneM2MError,
  OriginatorBindingError,
  ProtocolError,
  QueueFullError,
  ResponseError,
  Subscription,
  TimeoutError,
} from '@onem2m-ws/client';
export * from '@onem2m-ws/protocol';
export { allCodecs, cborCodec, createClient, jsonCodec, xmlCodec } from '../index.js';
