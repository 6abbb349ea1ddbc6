import { normalizeOriginator } from '../originator-stem.js';
import { resolveTarget } from './addressing.js';
import type { EngineCore } from './core.js';
import type { Resource } from './resource.js';
import { scheduleMatches } from './schedule.js';
import { fail, Rsc, show } from './status.js';

/** m2m:accessControlOperations bits (TS-0004 §6.3.4.2.29, digest §3.12). */
export const Acop = { CREATE: 1, RETRIEVE: 2, UPDATE: 4, DELETE: 8, NOTIFY: 16, DISCOVERY: 32 } as const;

const OPERATION_NAMES: Record<number, string> = {
  1: 'CREATE',
  2: 'RETRIEVE',
  4: 'UPDATE',
  8: 'DELETE',
  16: 'NOTIFY',
  32: 'DISCOVERY',
};

/** What registered originators may do on the CSEBase itself (register, read, discover, create below). */
const CSE_BASE_PRIVILEGES = Acop.CREATE | Acop.RETRIEVE | Acop.DISCOVERY;

interface AccessControlRule {
  acor?: unknown;
  acop?: unknown;
  acco?: unknown;
}

interface AccessControlContext {
  actw?: unknown;
  acip?: unknown;
  aclr?: unknown;
}

/**
 * `acco` (TS-0004 §7.3.3.15): a rule with contexts applies only when one context holds. Time
 * windows (`actw`) are checked; IP (`acip`) and location (`aclr`) contexts cannot be evaluated
 * here (the engine does not see the peer's address or position), so such a context never holds.
 */
function contextsHold(acco: unknown, now: number): boolean {
  if (acco === undefined) return true;
  if (!Array.isArray(acco)) return false;
  if (acco.length === 0) return true;
  return acco.some((context: AccessControlContext) => {
    if (typeof context !== 'object' || context === null) return false;
    if (context.acip !== undefined || context.aclr !== undefined) return false;
    if (context.actw === undefined) return true;
    return (
      Array.isArray(context.actw) &&
      context.actw.some((w) => typeof w === 'string' && scheduleMatches(w, now) === true)
    );
  });
}

function originatorMatches(pattern: string, originator: string, cseId: string): boolean {
  if (pattern === 'all' || pattern === '*') return true;
  const p = normalizeOriginator(pattern, cseId);
  if (!p.includes('*')) return p === originator;
  const rx = new RegExp(
    `^${p
      .split('*')
      .map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
  );
  return rx.test(originator);
}

function rulesGrant(setOfAcrs: unknown, originator: string, op: number, cseId: string, now: number): boolean {
  const acr = (setOfAcrs as { acr?: unknown } | undefined)?.acr;
  if (!Array.isArray(acr)) return false;
  return acr.some((rule: AccessControlRule) => {
    if (typeof rule.acop !== 'number' || (rule.acop & op) === 0) return false;
    const listed =
      Array.isArray(rule.acor) &&
      rule.acor.some((p) => typeof p === 'string' && originatorMatches(p, originator, cseId));
    return listed && contextsHold(rule.acco, now);
  });
}

function findAcp(core: EngineCore, id: string): Resource | undefined {
  try {
    const { resource, virtual } = resolveTarget(id, core.tree, core.options);
    return !virtual && resource.ty === 1 ? resource : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Whether `originator` may perform `op` (an {@link Acop} bit) on `resource`. Default privileges
 * (TS-0001 §9.6.2): the CSE itself, the creator of the resource or of any ancestor, and the AE the
 * resource lives under have full access. Anyone else needs a rule in the `pv` of an
 * accessControlPolicy listed in the nearest `acpi` (the resource's own, else an ancestor's); on an
 * accessControlPolicy itself its `pvs` applies. `policies` replaces that lookup (a group's `macp`
 * for requests fanned out to its members).
 */
export function hasPrivilege(
  core: EngineCore,
  resource: Resource,
  originator: string,
  op: number,
  policies?: readonly string[],
): boolean {
  const { cseId, tree } = core;
  if (originator === cseId) return true;
  if (resource === tree.base) return (CSE_BASE_PRIVILEGES & op) !== 0;
  for (let r: Resource | undefined = resource; r && r !== tree.base; r = r.parent) {
    if (r.creator === originator || (r.ty === 2 && r.ri === originator)) return true;
  }
  if (policies && policies.length > 0) return policiesGrant(core, policies, originator, op);
  if (resource.ty === 1) return rulesGrant(resource.attrs.pvs, originator, op, cseId, core.now());
  for (let r: Resource | undefined = resource; r && r !== tree.base; r = r.parent) {
    const acpi = r.attrs.acpi;
    if (Array.isArray(acpi) && acpi.length > 0) {
      return policiesGrant(core, acpi, originator, op);
    }
  }
  return false;
}

/** Whether any of the listed accessControlPolicies grants `op` to `originator` through its `pv`. */
function policiesGrant(
  core: EngineCore,
  policies: readonly unknown[],
  originator: string,
  op: number,
): boolean {
  return policies.some((id) => {
    const acp = typeof id === 'string' ? findAcp(core, id) : undefined;
    return acp !== undefined && rulesGrant(acp.attrs.pv, originator, op, core.cseId, core.now());
  });
}

/** Throw 4103 ORIGINATOR_HAS_NO_PRIVILEGE unless {@link hasPrivilege}. */
export function requirePrivilege(
  core: EngineCore,
  resource: Resource,
  originator: string,
  op: number,
  policies?: readonly string[],
): void {
  if (!hasPrivilege(core, resource, originator, op, policies)) {
    fail(
      Rsc.ORIGINATOR_HAS_NO_PRIVILEGE,
      `originator '${originator}' has no ${OPERATION_NAMES[op]} privilege on '${resource.path}'`,
    );
  }
}

/** Check that every `acpi` entry names an existing accessControlPolicy (4000 otherwise). */
export function checkAcpi(core: EngineCore, acpi: unknown): void {
  if (!Array.isArray(acpi)) return;
  for (const id of acpi) {
    if (typeof id !== 'string' || !findAcp(core, id))
      fail(Rsc.BAD_REQUEST, `acpi entry '${show(id)}' is not an accessControlPolicy`);
  }
}
