import { readOnly, universalAttributes } from '../attributes.js';
import type { ResourceKind } from '../kind.js';

/** `<CSEBase>` (ty 5): created by the engine, read-only for AEs (TS-0004 §7.4.3). */
export const cseBaseKind: ResourceKind = {
  ty: 5,
  qn: 'm2m:cb',
  prefix: 'cb',
  attributes: {
    ...universalAttributes,
    acpi: readOnly('strings'),
    cst: readOnly('number'),
    csi: readOnly('string'),
    srt: readOnly('numbers'),
    poa: readOnly('strings'),
    nl: readOnly('string'),
    csz: readOnly('strings'),
    srv: readOnly('strings'),
  },
  childTypes: new Set([1, 2, 3, 9, 17, 23, 28, 29]),
  immutable: true,
  internal: true,
};
