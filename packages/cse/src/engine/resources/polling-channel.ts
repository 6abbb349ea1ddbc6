import { attr, universalAttributes } from '../attributes.js';
import type { ResourceKind } from '../kind.js';

/**
 * `<pollingChannel>` (ty 15, TS-0004 §7.4.21): a request queue for its parent AE, drained by
 * long-polling the virtual child `pcu`.
 */
export const pollingChannelKind: ResourceKind = {
  ty: 15,
  qn: 'm2m:pch',
  prefix: 'pch',
  attributes: { ...universalAttributes, rqag: attr('boolean', 'O', 'O') },
  childTypes: new Set(),
  created(core, resource) {
    core.polling.open(resource.ri, resource.parent!.ri);
  },
  removed(core, resource) {
    core.polling.remove(resource.ri);
  },
};
