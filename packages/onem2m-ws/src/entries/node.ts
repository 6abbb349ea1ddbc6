/**
 * `onem2m-ws/node`: everything of `onem2m-ws` plus the Node-only parts of the client: the `ws`
 * socket adapter with TLS, CONNECT proxy, permessage-deflate, handshake-header and keepalive
 * options, and the JSON-file AE-ID store.
 * @packageDocumentation
 */

export * from '@onem2m-ws/client/node';
export * from '../index.js';
