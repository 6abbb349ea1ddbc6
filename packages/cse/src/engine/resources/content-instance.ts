import { attr, readOnly, stateTagAttribute, universalAttributes } from '../attributes.js';
import type { ResourceKind } from '../kind.js';
import { addInstance, checkInstanceSize, contentSize, removeInstance } from './instances.js';

/** `<contentInstance>` (ty 4, TS-0004 §7.4.7): immutable; `cs` computed; counted by its container. */
export const contentInstanceKind: ResourceKind = {
  ty: 4,
  qn: 'm2m:cin',
  prefix: 'cin',
  attributes: {
    ...universalAttributes,
    ...stateTagAttribute,
    cnf: attr('string', 'O', 'NP'),
    cs: readOnly('number'),
    conr: attr('any', 'O', 'NP'),
    or: attr('string', 'O', 'NP'),
    con: attr('any', 'M', 'NP'),
    dgt: attr('absRel', 'O', 'NP'),
  },
  childTypes: new Set(),
  stateTag: true,
  immutable: true,
  create(_core, { parent, attrs }) {
    const cs = contentSize(attrs.con);
    checkInstanceSize(parent, cs);
    attrs.cs = cs;
  },
  created(core, resource) {
    addInstance(core, resource.parent!, resource);
  },
  removed(_core, resource) {
    removeInstance(resource.parent, resource);
  },
};
