/**
 * `onem2m-ws/json`: the same API as `onem2m-ws`, with a `createClient` that only speaks JSON.
 * CBOR and XML codecs (and cbor-x / txml) stay out of the bundle of an application importing this.
 * @packageDocumentation
 */
import { type Client, type ClientOptions, createClient as createCoreClient } from '@onem2m-ws/client';
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
 */
export function createClient(options: ClientOptions): Client {
  return createCoreClient({ codecs: [jsonCodec], ...options });
}
