/**
 * `onem2m-ws/json`: the same API as `onem2m-ws`, with a lean `createClient` that only speaks JSON
 * and leaves send-side validation and long names to the caller. The CBOR and XML codecs stay out
 * of the bundle of an application importing this, and so do the validation specs and the
 * short/long name tables unless it passes the functions that use them.
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
 * Unlike `createClient` of `onem2m-ws`, and so that this entry stays small (the name tables and
 * the validation specs would be most of its bundle), this one by default:
 * - sends resource content, `<AE>` and subscription attributes and filter criteria with the
 *   names they are given: short names (`rn`, `m2m:cnt`). A long resource name cannot give `ty`
 *   (`InvalidArgumentError`); a CSE refuses a long attribute name (`ResponseError`,
 *   `BAD_REQUEST`). Pass `translateNames: toShortNames` to accept long names (~3 KB gzip). The
 *   long names of the request options (`resultContent`, `filterCriteria`...) are always accepted.
 * - does not validate requests against the spec before sending them: the CSE does (a forbidden
 *   request comes back as a `ResponseError`, usually `BAD_REQUEST` with the CSE's reason in
 *   `dbg`). The client's own argument checks still apply. To reject such requests before they
 *   leave, pass `validateRequest: validateRequestParameters` (parameters and per-operation rules,
 *   ~2.3 KB gzip) or `validateRequest` (also the resource inside `pc`).
 *
 * @example
 * ```ts
 * import { createClient, toShortNames, validateRequestParameters } from 'onem2m-ws/json';
 * const lean = createClient({ url });
 * const full = createClient({ url, translateNames: toShortNames, validateRequest: validateRequestParameters });
 * ```
 */
export function createClient(options: ClientOptions): Client {
  return createCoreClient({ codecs: [jsonCodec], ...options });
}
