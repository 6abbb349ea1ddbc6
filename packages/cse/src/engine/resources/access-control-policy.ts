import { attr, universalAttributes } from '../attributes.js';
import type { ResourceKind } from '../kind.js';
import { scheduleMatches } from '../schedule.js';
import { fail, Rsc } from '../status.js';

function checkContexts(acco: unknown, name: string): void {
  if (acco === undefined) return;
  if (!Array.isArray(acco) || !acco.every((c) => typeof c === 'object' && c !== null && !Array.isArray(c))) {
    fail(Rsc.BAD_REQUEST, `'${name}.acr.acco' must be a list of access control contexts`);
  }
  for (const context of acco as { actw?: unknown }[]) {
    const actw = context.actw;
    if (actw === undefined) continue;
    if (
      !Array.isArray(actw) ||
      !actw.every((w) => typeof w === 'string' && scheduleMatches(w, 0) !== undefined)
    ) {
      fail(
        Rsc.BAD_REQUEST,
        `'${name}.acr.acco.actw' must be a list of schedule entries such as '* * 8-17 * * 1-5 *'`,
      );
    }
  }
}

function checkSetOfAcrs(value: unknown, name: string, requireRule: boolean): void {
  const acr = (value as { acr?: unknown }).acr;
  if (acr === undefined && !requireRule) return;
  if (!Array.isArray(acr)) fail(Rsc.BAD_REQUEST, `'${name}.acr' must be a list of access control rules`);
  if (requireRule && acr.length === 0)
    fail(Rsc.BAD_REQUEST, `'${name}' must contain at least one access control rule`);
  for (const rule of acr) {
    const r = rule as { acor?: unknown; acop?: unknown };
    if (typeof rule !== 'object' || rule === null)
      fail(Rsc.BAD_REQUEST, `'${name}.acr' entries must be objects`);
    if (!Array.isArray(r.acor) || !r.acor.every((o) => typeof o === 'string'))
      fail(Rsc.BAD_REQUEST, `'${name}.acr.acor' must be a list of originators`);
    checkContexts((rule as { acco?: unknown }).acco, name);
    if (!Number.isInteger(r.acop) || (r.acop as number) < 1 || (r.acop as number) > 63) {
      fail(Rsc.BAD_REQUEST, `'${name}.acr.acop' must be an access control operations bit mask (1..63)`);
    }
  }
}

/** `<accessControlPolicy>` (ty 1, TS-0004 §7.4.2): `pv` guards the resources that link it, `pvs` guards itself. */
export const accessControlPolicyKind: ResourceKind = {
  ty: 1,
  qn: 'm2m:acp',
  prefix: 'acp',
  attributes: {
    ...universalAttributes,
    pv: attr('object', 'M', 'O'),
    pvs: attr('object', 'M', 'O'),
    adri: attr('strings', 'O', 'O'),
    apri: attr('strings', 'O', 'O'),
    airi: attr('strings', 'O', 'O'),
  },
  childTypes: new Set([23]),
  create(_core, { content }) {
    checkSetOfAcrs(content.pv, 'pv', false);
    checkSetOfAcrs(content.pvs, 'pvs', true);
  },
  update(_core, { changes }) {
    if (changes.pv) checkSetOfAcrs(changes.pv, 'pv', false);
    if (changes.pvs) checkSetOfAcrs(changes.pvs, 'pvs', true);
  },
};
