import { acpiAttribute, attr, readOnly, stateTagAttribute, universalAttributes } from '../attributes.js';
import type { ResourceKind } from '../kind.js';
import { fail, Rsc, show } from '../status.js';
import { formatTimestamp, parseAbsRel, parseTimestamp } from '../time.js';
import {
  addInstance,
  checkInstanceSize,
  contentSize,
  enforceLimits,
  instanceLimitAttributes,
  removeInstance,
  rescheduleInstances,
} from './instances.js';

/** `<timeSeries>` (ty 29, TS-0004 §7.4.38), basic: instance limits like a container; no missing-data detection. */
export const timeSeriesKind: ResourceKind = {
  ty: 29,
  qn: 'm2m:ts',
  prefix: 'ts',
  attributes: {
    ...universalAttributes,
    ...acpiAttribute,
    ...stateTagAttribute,
    ...instanceLimitAttributes,
    pei: attr('nonNegInt', 'O', 'O'),
    peid: attr('nonNegInt', 'O', 'O'),
    mdd: attr('boolean', 'O', 'O'),
    mdn: attr('nonNegInt', 'O', 'O'),
    mdlt: readOnly('any'),
    mdc: readOnly('number'),
    mdt: attr('nonNegInt', 'O', 'O'),
    or: attr('string', 'O', 'O'),
    cnf: attr('string', 'O', 'NP'),
  },
  childTypes: new Set([23, 30]),
  stateTag: true,
  create(_core, { attrs }) {
    attrs.cni = 0;
    attrs.cbs = 0;
  },
  updated(core, resource) {
    rescheduleInstances(core, resource);
    enforceLimits(core, resource);
  },
};

/** `<timeSeriesInstance>` (ty 30, TS-0004 §7.4.39): immutable; `dgt` unique within its timeSeries. */
export const timeSeriesInstanceKind: ResourceKind = {
  ty: 30,
  qn: 'm2m:tsi',
  prefix: 'tsi',
  attributes: {
    ...universalAttributes,
    dgt: attr('absRel', 'M', 'NP'),
    con: attr('any', 'M', 'NP'),
    snr: attr('nonNegInt', 'O', 'NP'),
    cs: readOnly('number'),
  },
  childTypes: new Set(),
  immutable: true,
  create(core, { parent, attrs }) {
    // A relative dgt is made absolute, so every instance keeps one comparable instant.
    if (parseTimestamp(attrs.dgt) === undefined)
      attrs.dgt = formatTimestamp(parseAbsRel(attrs.dgt, core.now())!);
    if (parent.dataTimes?.has(parseTimestamp(attrs.dgt)!)) {
      fail(Rsc.CONFLICT, `a timeSeriesInstance with dgt '${show(attrs.dgt)}' already exists`);
    }
    const cs = contentSize(attrs.con);
    checkInstanceSize(parent, cs);
    attrs.cs = cs;
  },
  created(core, resource) {
    const parent = resource.parent!;
    parent.dataTimes ??= new Set();
    parent.dataTimes.add(parseTimestamp(resource.attrs.dgt)!);
    addInstance(core, parent, resource);
  },
  removed(_core, resource) {
    resource.parent?.dataTimes?.delete(parseTimestamp(resource.attrs.dgt)!);
    removeInstance(resource.parent, resource);
  },
};
