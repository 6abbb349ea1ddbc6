/**
 * The API every entry of `onem2m-ws` re-exports: the client and the protocol layer. Each entry
 * adds its own `createClient` (with the codecs and validation it brings), which takes precedence
 * over the client's.
 */
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
