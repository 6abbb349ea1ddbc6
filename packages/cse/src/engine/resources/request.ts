import { readOnly, universalAttributes } from '../attributes.js';
import type { ResourceKind } from '../kind.js';

/**
 * `<request>` (ty 17, TS-0004 §7.4.12): created by the CSE for a non-blocking request; carries
 * its status `rs` and result `ors`. Read-only for AEs.
 */
export const requestKind: ResourceKind = {
  ty: 17,
  qn: 'm2m:req',
  prefix: 'req',
  attributes: {
    ...universalAttributes,
    op: readOnly('number'),
    tg: readOnly('string'),
    org: readOnly('string'),
    rid: readOnly('string'),
    mi: readOnly('object'),
    pc: readOnly('any'),
    rs: readOnly('number'),
    ors: readOnly('object'),
  },
  // Its state changes are not UPDATE operations, so a subscription on it would never fire.
  childTypes: new Set(),
  immutable: true,
  internal: true,
};
