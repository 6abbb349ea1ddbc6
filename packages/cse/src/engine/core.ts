import type { RequestPrimitive, ResponsePrimitive } from '@onem2m-ws/protocol';
import type { EngineOptions, RequestContext } from './contract.js';
import type { ExpiryQueue } from './expiry.js';
import type { ResourceKind } from './kind.js';
import type { Notifier } from './notifier.js';
import type { PollingChannels } from './polling.js';
import type { Resource } from './resource.js';
import type { ResourceTree } from './tree.js';

/** Shared state and services of one engine, handed to operations and resource types. */
export interface EngineCore {
  /** The options the engine was created with. */
  readonly options: EngineOptions;
  /** SP-relative CSE-ID, e.g. `/id-in`. */
  readonly cseId: string;
  /** Clock in epoch ms. */
  now(): number;
  /** The resource tree and its indexes. */
  readonly tree: ResourceTree;
  /** Subscription notifications and delivery routing. */
  readonly notifier: Notifier;
  /** Expiration deadlines (`et`, `mia`). */
  readonly expiry: ExpiryQueue;
  /** Request queues of polling channels. */
  readonly polling: PollingChannels;
  /** Behaviour of a resource type, `undefined` when unsupported. */
  kindOf(ty: number): ResourceKind | undefined;
  /** Process a request as if received (group fan-out, non-blocking execution). */
  process(
    request: RequestPrimitive,
    context: RequestContext,
    memberPolicies?: readonly string[],
  ): Promise<ResponsePrimitive>;
  /**
   * Remove a resource and its subtree, firing deletion notifications (net 2 / net 4, `sud`).
   * Used by DELETE, expiry and the subscription expiration counter.
   */
  removeResource(resource: Resource): void;
  /** Originate a request identifier for a request the CSE sends. */
  nextRequestId(): string;
}
