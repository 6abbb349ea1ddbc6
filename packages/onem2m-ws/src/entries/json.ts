/**
 * `onem2m-ws/json`: the same API as `onem2m-ws`, with a `createClient` that only speaks JSON.
 * The CBOR and XML codecs stay out of the bundle of an application importing this, and
 * so do the resource specs: requests are checked with `validateRequestParameters`.
 * @packageDocumentation
 */
import { type Client, type ClientOptions, createClient as createCoreClient } from '@onem2m-ws/client';
import { validateRequestParameters } from '@onem2m-ws/protocol';
import { jsonCodec } from '@onem2m-ws/protocol/json';

export * from '@onem2m-ws/client';
// Both layers use these two names: the client for its runtime classes (a subscription handle, a
// received notification), the protocol for the resource / `nev` shapes. The client's win here;
// the protocol's types stay available under explicit names.
export { NotificationEvent, Subscription } from '@onem2m-ws/client';
export type {
  NotificationEvent as NotificationEventShape,
  Subscription as SubscriptionResource,
} from '@onem2m-ws/protocol';
export * from '@onem2m-ws/protocol';
export { jsonCodec };

/**
 * Creates a client that speaks JSON only. Asking it for `serializations: ['cbor']` fails with the
 * client's error for an unavailable codec; import `createClient` from `onem2m-ws` for CBOR and XML.
 *
 * Every request is checked before it is sent with `validateRequestParameters`: the parameters
 * and the per-operation rules of the spec (a request the spec forbids is rejected and nothing is
 * sent); the attributes of the resource inside `pc` are left to the CSE. Pass
 * `validateRequest` from `onem2m-ws` in the options to check those too.
 */
export function createClient(options: ClientOptions): Client {
  return createCoreClient({ codecs: [jsonCodec], validateRequest: validateRequestParameters, ...options });
}
