import { acpiAttribute, attr, readOnly, stateTagAttribute, universalAttributes } from '../attributes.js';
import type { ResourceKind } from '../kind.js';
import { contentSize } from './instances.js';

/** `cs` of a flexContainer: size of its custom attributes as JSON. */
function customSize(attrs: Record<string, unknown>, attributes: Record<string, unknown>): number {
  const custom: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(attrs)) if (!(k in attributes)) custom[k] = v;
  return Object.keys(custom).length === 0 ? 0 : contentSize(custom);
}

/**
 * `<flexContainer>` (ty 28, TS-0004 §7.4.37), generic: `cnd` mandatory, any custom attributes, sent
 * under whatever qualified name the creator used (`m2m:fcnt`, `cod:tempe`, ...).
 */
export const flexContainerKind: ResourceKind = {
  ty: 28,
  qn: 'm2m:fcnt',
  prefix: 'fcnt',
  attributes: {
    ...universalAttributes,
    ...acpiAttribute,
    ...stateTagAttribute,
    cnd: attr('string', 'M', 'NP'),
    or: attr('string', 'O', 'O'),
    cs: readOnly('number'),
    nl: attr('string', 'O', 'O'),
  },
  childTypes: new Set([3, 23, 28, 29]),
  stateTag: true,
  customAttributes: true,
  create(_core, { attrs }) {
    attrs.cs = customSize(attrs, flexContainerKind.attributes);
  },
  update(_core, { next }) {
    next.cs = customSize(next, flexContainerKind.attributes);
  },
};
