/**
 * `onem2m-ws`: the oneM2M client SDK over WebSocket (TS-0020), for browsers and Node.js.
 *
 * This entry re-exports the client ({@link createClient} and everything around it) and the protocol
 * layer (primitives, codecs, names, status codes). Its `createClient` can speak all three
 * serializations: JSON, CBOR and XML. Applications that only ever use JSON import `onem2m-ws/json`
 * instead, which leaves the CBOR and XML codecs out of their bundle.
 * @packageDocumentation
 */
import { type Client, type ClientOptions, createClient as createCoreClient } from '@onem2m-ws/client';
import { type Codec, toShortNames, validateRequest } from '@onem2m-ws/protocol';
import { cborCodec } from '@onem2m-ws/protocol/cbor';
import { jsonCodec } from '@onem2m-ws/protocol/json';
import { xmlCodec } from '@onem2m-ws/protocol/xml';

export * from './api.js';
export { cborCodec, jsonCodec, xmlCodec };

/** The codecs {@link createClient} of this entry brings: every serialization of TS-0020. */
export const allCodecs: readonly Codec[] = [jsonCodec, cborCodec, xmlCodec];

/**
 * Creates a client that can negotiate JSON, CBOR or XML; `serializations` picks which ones it
 * offers, in preference order (default `['json']`). It validates requests before sending them
 * (`validateRequest`) and accepts long names wherever short ones are (`translateNames:
 * toShortNames`); both can be replaced through the options.
 *
 * @example
 * ```ts
 * import { createClient } from 'onem2m-ws';
 * const client = createClient({ url: 'ws://127.0.0.1:8180', serializations: ['cbor', 'json'] });
 * await client.register({ rn: 'my-ae', api: 'Nmy-app', rr: true, srv: ['3'] }, { to: 'cse-in' });
 * ```
 */
export function createClient(options: ClientOptions): Client {
  return createCoreClient({
    codecs: [...allCodecs],
    validateRequest,
    translateNames: toShortNames,
    ...options,
  });
}
