import { acpiAttribute, attr, readOnly, stateTagAttribute, universalAttributes } from '../attributes.js';
import type { ResourceKind } from '../kind.js';
import { enforceLimits, instanceLimitAttributes, rescheduleInstances } from './instances.js';

/** `<container>` (ty 3, TS-0004 §7.4.6): instance limits `mni` / `mbs` / `mia`, oldest-first eviction. */
export const containerKind: ResourceKind = {
  ty: 3,
  qn: 'm2m:cnt',
  prefix: 'cnt',
  attributes: {
    ...universalAttributes,
    ...acpiAttribute,
    ...stateTagAttribute,
    ...instanceLimitAttributes,
    li: readOnly('string'),
    or: attr('string', 'O', 'O'),
    disr: attr('boolean', 'O', 'O'),
  },
  childTypes: new Set([3, 4, 23, 28]),
  stateTag: true,
  create(_core, { attrs }) {
    attrs.cni = 0;
    attrs.cbs = 0;
  },
  updated(core, resource, changes) {
    // TS-0001 §9.6.6: switching disableRetrieval on deletes the existing contentInstances.
    if (changes.disr === true)
      for (const instance of [...(resource.instances ?? [])]) core.removeResource(instance);
    rescheduleInstances(core, resource);
    enforceLimits(core, resource);
  },
};
