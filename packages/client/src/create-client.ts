import { OneM2MClient } from './client.js';
import type { ClientOptions } from './client-options.js';

/** The client `createClient` returns (an alias of {@link OneM2MClient}). */
export type Client = OneM2MClient;

/**
 * Creates a oneM2M WebSocket client. Nothing is opened until `connect()` or the first request.
 *
 * Codec choice stays tree-shakable: this core only knows the codecs passed in `options.codecs`
 * (JSON by default). The `onem2m-ws` package's `createClient` passes JSON, XML and CBOR;
 * `onem2m-ws/json` passes JSON only.
 *
 * @example
 * const client = createClient({ url: 'ws://localhost:8180' });
 * await client.register({ api: 'Nmyapp', rn: 'myAE' });
 * await client.create('-/myAE', { 'm2m:cnt': { rn: 'temp', mni: 100 } });
 * @throws {InvalidArgumentError} for an invalid option (bad URL, a serialization without codec...).
 */
export function createClient(options: ClientOptions): OneM2MClient {
  return new OneM2MClient(options);
}
