import { acpiAttribute, attr, readOnly, universalAttributes } from '../attributes.js';
import type { ResourceKind } from '../kind.js';
import { fail, Rsc } from '../status.js';

/** `<AE>` (ty 2, TS-0004 §7.4.5): registration; the AE-ID is assigned by the create operation. */
export const aeKind: ResourceKind = {
  ty: 2,
  qn: 'm2m:ae',
  prefix: 'C',
  attributes: {
    ...universalAttributes,
    ...acpiAttribute,
    apn: attr('string', 'O', 'O'),
    api: attr('string', 'M', 'NP'),
    aei: readOnly('string'),
    poa: attr('strings', 'O', 'O'),
    or: attr('string', 'O', 'O'),
    nl: attr('string', 'O', 'O'),
    rr: attr('boolean', 'M', 'O'),
    csz: attr('strings', 'O', 'O'),
    esi: attr('object', 'O', 'O'),
    mei: attr('string', 'O', 'O'),
    srv: attr('strings', 'M', 'O'),
    regs: attr('any', 'O', 'O'),
    trps: attr('boolean', 'O', 'O'),
    scp: attr('strings', 'O', 'O'),
    tren: attr('boolean', 'O', 'O'),
    ape: attr('any', 'O', 'O'),
    tri: attr('any', 'O', 'O'),
    trn: attr('number', 'O', 'O'),
  },
  childTypes: new Set([1, 3, 9, 15, 23, 28, 29]),
  create(_core, { content, attrs }) {
    const api = content.api as string;
    // TS-0004 §7.4.5.2.1: App-ID starts with R (registered) or N (non-registered); r is tolerated.
    if (!/^[RNr]/.test(api)) fail(Rsc.BAD_REQUEST, `api '${api}' must start with 'R' or 'N'`);
    attrs.aei = attrs.ri;
  },
};
