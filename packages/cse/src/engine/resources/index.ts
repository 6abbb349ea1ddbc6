import type { ResourceKind } from '../kind.js';
import { accessControlPolicyKind } from './access-control-policy.js';
import { aeKind } from './ae.js';
import { containerKind } from './container.js';
import { contentInstanceKind } from './content-instance.js';
import { cseBaseKind } from './cse-base.js';
import { flexContainerKind } from './flex-container.js';
import { groupKind } from './group.js';
import { pollingChannelKind } from './polling-channel.js';
import { requestKind } from './request.js';
import { subscriptionKind } from './subscription.js';
import { timeSeriesInstanceKind, timeSeriesKind } from './time-series.js';

/** Every resource type the engine implements, by `ty`. */
export const resourceKinds: ReadonlyMap<number, ResourceKind> = new Map(
  [
    accessControlPolicyKind,
    aeKind,
    containerKind,
    contentInstanceKind,
    cseBaseKind,
    groupKind,
    pollingChannelKind,
    requestKind,
    subscriptionKind,
    flexContainerKind,
    timeSeriesKind,
    timeSeriesInstanceKind,
  ].map((k) => [k.ty, k]),
);

/** Every attribute short name of the implemented types (flat filter keys must be one of these). */
export const knownAttributeNames: ReadonlySet<string> = new Set(
  [...resourceKinds.values()].flatMap((k) => Object.keys(k.attributes)),
);

/** The `m2m:` names of the implemented types (a flexContainer specialization may not reuse one). */
export const qualifiedNames: ReadonlySet<string> = new Set([...resourceKinds.values()].map((k) => k.qn));
