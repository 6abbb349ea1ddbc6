import { checkAcpi } from '../access.js';
import { resolveTarget } from '../addressing.js';
import { acpiAttribute, attr, readOnly, universalAttributes } from '../attributes.js';
import type { EngineCore } from '../core.js';
import type { ResourceKind } from '../kind.js';
import { fail, Rsc } from '../status.js';

/**
 * Validate `mid` against the tree (TS-0004 §7.4.13.2.1): duplicates and unknown members are
 * dropped, members of the wrong `mt` follow `csy` (1 drop, 2 → 4110, 3 → mixed), more members
 * than `mnm` is 6010. Fills `cnm` and `mtv`.
 */
function validateMembers(core: EngineCore, attrs: Record<string, unknown>): void {
  const mid = [...new Set(attrs.mid as string[])];
  const csy = (attrs.csy as number | undefined) ?? 1;
  const kept: string[] = [];
  for (const id of mid) {
    let ty: number;
    try {
      const target = resolveTarget(id, core.tree, core.options);
      ty = target.virtual ? -1 : target.resource.ty;
    } catch {
      continue;
    }
    const mt = attrs.mt as number;
    if (mt !== 0 && ty !== mt) {
      if (csy === 2) fail(Rsc.GROUP_MEMBER_TYPE_INCONSISTENT, `member '${id}' is not of memberType ${mt}`);
      if (csy === 3) attrs.mt = 0;
      else continue;
    }
    kept.push(id);
  }
  const mnm = attrs.mnm as number;
  if (kept.length > mnm) fail(Rsc.MAX_NUMBER_OF_MEMBER_EXCEEDED, `${kept.length} members exceed mnm ${mnm}`);
  attrs.mid = kept;
  attrs.cnm = kept.length;
  attrs.mtv = true;
}

/**
 * `<group>` (ty 9, TS-0004 §7.4.13): members validated on create / update; fan-out via `fopt`,
 * under the policies in `macp` when set.
 */
export const groupKind: ResourceKind = {
  ty: 9,
  qn: 'm2m:grp',
  prefix: 'grp',
  attributes: {
    ...universalAttributes,
    ...acpiAttribute,
    mt: attr('nonNegInt', 'O', 'NP'),
    spty: attr('any', 'O', 'NP'),
    cnm: readOnly('number'),
    mnm: attr('posInt', 'M', 'O'),
    mid: attr('strings', 'M', 'O'),
    macp: attr('strings', 'O', 'O'),
    mtv: readOnly('boolean'),
    csy: attr('nonNegInt', 'O', 'NP'),
    gn: attr('string', 'O', 'O'),
    ssi: readOnly('boolean'),
    nar: attr('object', 'O', 'O'),
  },
  childTypes: new Set([23]),
  create(core, { attrs }) {
    attrs.mt ??= 0;
    attrs.csy ??= 1;
    if (attrs.macp !== undefined) checkAcpi(core, attrs.macp);
    validateMembers(core, attrs);
  },
  update(core, { changes, next }) {
    if (changes.macp) checkAcpi(core, changes.macp);
    validateMembers(core, next);
  },
};
