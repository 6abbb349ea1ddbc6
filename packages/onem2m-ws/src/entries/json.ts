/**
 * `onem2m-ws/json`: the same API as `onem2m-ws`, with a `createClient` that only speaks JSON and
 * leaves send-side validation to the caller. The CBOR and XML codecs stay out of the bundle of an
 * application importing this, and so do the validation specs unless it passes a validator.
 * @packageDocumentation
 */
import { type Client, type ClientOptions, createClient as createCoreClient } from '@onem2m-ws/client';
import { jsonCodec } from '@onem2m-ws/protocol/json';

export * from '../api.js';
export { jsonCodec };

/**
 * Creates a client that speaks JSON only. Asking it for `serializations: ['cbor']` fails with the
 * client's error for an unavailable codec; import `createClient` from `onem2m-ws` for CBOR and XML.
 *
 * Unlike `createClient` of `onem2m-ws`, this one does not validate requests against the spec
 * before sending them: the CSE does (a forbidden request comes back as a `ResponseError`, usually
 * `BAD_REQUEST` with the CSE's reason in `dbg`), and the validation specs would be the largest
 * part of a JSON-only bundle after the name tables. The client's own argument checks still apply.
 * To reject such requests before they leave, pass a validator; only then is it bundled:
 * `validateRequestParameters` (parameters and per-operation rules, ~2.3 KB gzip) or
 * `validateRequest` (also the resource inside `pc`).
 *
 * @example
 * ```ts
 * import { createClient, validateRequestParameters } from 'onem2m-ws/json';
 * const client = createClient({ url, validateRequest: validateRequestParameters });
 * ```
 */
export function createClient(options: ClientOptions): Client {
  return createCoreClient({ codecs: [jsonCodec], ...options });
}
