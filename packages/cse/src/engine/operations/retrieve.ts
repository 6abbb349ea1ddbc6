import { Acop, requirePrivilege } from '../access.js';
import type { EngineCore } from '../core.js';
import { discover, parseFilter } from '../filter.js';
import { type Resource, representation } from '../resource.js';
import { knownAttributeNames } from '../resources/index.js';
import { fail, Rsc, show } from '../status.js';
import { parseAbsRel } from '../time.js';
import { type OperationInput, type Outcome, resultContentOf } from './outcome.js';
import { idOf, resultContent, visibleTo } from './representation.js';

/** How long a `pcu` long-poll waits when the request has no `rqet`. */
const DEFAULT_POLL_MS = 30_000;

/** The latest / oldest instance of a container or timeSeries (`la` / `ol`), 4004 when empty. */
export function instanceOf(parent: Resource, which: 'la' | 'ol'): Resource {
  const list = parent.instances ?? [];
  const instance = which === 'la' ? list[list.length - 1] : list[0];
  if (!instance)
    fail(
      Rsc.NOT_FOUND,
      `'${parent.path}/${which}': the ${parent.qn === 'm2m:ts' ? 'timeSeries' : 'container'} has no instances`,
    );
  return instance;
}

function attributeList(pc: unknown): string[] | undefined {
  if (pc === undefined) return undefined;
  const atrl = (pc as Record<string, unknown>)['m2m:atrl'];
  if (atrl === undefined) fail(Rsc.BAD_REQUEST, "a RETRIEVE 'pc' may only hold 'm2m:atrl'");
  if (!Array.isArray(atrl) || !atrl.every((a) => typeof a === 'string'))
    fail(Rsc.BAD_REQUEST, "'m2m:atrl' must be a list of attribute names");
  return atrl;
}

function partial(core: EngineCore, resource: Resource, names: readonly string[]): Outcome {
  const kind = core.kindOf(resource.ty)!;
  const rep = representation(resource);
  const out: Record<string, unknown> = {};
  for (const name of names) {
    if (!(name in kind.attributes) && !(kind.customAttributes && name in rep))
      fail(Rsc.BAD_REQUEST, `unknown attribute '${name}'`);
    if (name in rep) out[name] = rep[name];
  }
  return { rsc: Rsc.OK, pc: { [resource.qn]: out } };
}

async function longPoll(core: EngineCore, input: OperationInput): Promise<Outcome> {
  const pch = input.target.resource;
  // TS-0004 §7.4.21: only the AE the channel belongs to may poll it.
  if (input.originator !== pch.parent!.ri && input.originator !== core.cseId) {
    fail(Rsc.ORIGINATOR_HAS_NO_PRIVILEGE, `only '${pch.parent!.ri}' may poll '${pch.path}/pcu'`);
  }
  const now = core.now();
  const deadline = input.request.rqet === undefined ? undefined : parseAbsRel(input.request.rqet, now);
  const timeout = deadline === undefined ? DEFAULT_POLL_MS : Math.max(deadline - now, 0);
  const request = await core.polling.poll(pch.ri, timeout);
  if (!request)
    fail(Rsc.REQUEST_TIMEOUT, `no request arrived on '${pch.path}/pcu' before the poll timed out`);
  return { rsc: Rsc.OK, pc: { 'm2m:rqp': request } };
}

/** Discovery: RETRIEVE with `fc.fu = 1` (TS-0004 §7.3.3.17, digest §6). */
function discovery(core: EngineCore, input: OperationInput, root: Resource): Outcome {
  const { request, originator } = input;
  const filter = parseFilter(request.fc, knownAttributeNames);
  const rcn = request.rcn;
  if (rcn !== undefined && rcn !== 6 && rcn !== 11)
    fail(Rsc.BAD_REQUEST, `rcn ${rcn} is not valid for discovery (use 6, 11 or none)`);
  requirePrivilege(core, root, originator, Acop.DISCOVERY, input.memberPolicies);
  const drt = request.drt;
  const { found, truncated, nextOffset } = discover(root, filter, (r) =>
    visibleTo(core, r, originator, Acop.DISCOVERY),
  );
  const pc =
    rcn === 6
      ? { 'm2m:rrl': { rrf: found.map((r) => ({ nm: r.rn, typ: r.ty, val: idOf(r, drt) })) } }
      : { 'm2m:uril': found.map((r) => idOf(r, drt)) };
  return truncated ? { rsc: Rsc.OK, pc, cnst: 1, cnot: nextOffset } : { rsc: Rsc.OK, pc };
}

/** RETRIEVE (TS-0004 §7.3.3.x): attributes, children per `rcn`, partial, discovery, `la` / `ol` / `pcu`. */
export async function retrieve(core: EngineCore, input: OperationInput): Promise<Outcome> {
  const { request, target, originator } = input;
  if (request.drt !== undefined && request.drt !== 1 && request.drt !== 2)
    fail(Rsc.BAD_REQUEST, `drt ${show(request.drt)} is not 1 or 2`);
  if (target.virtual === 'pcu') return longPoll(core, input);
  const resource =
    target.virtual === 'la' || target.virtual === 'ol'
      ? instanceOf(target.resource, target.virtual)
      : target.resource;
  if (resource.ty === 4 && resource.parent?.attrs.disr === true) {
    fail(Rsc.OPERATION_NOT_ALLOWED, `the container '${resource.parent.path}' has disableRetrieval set`);
  }
  const filter = parseFilter(request.fc, knownAttributeNames);
  if (filter.fu === 1) return discovery(core, input, resource);
  requirePrivilege(core, resource, originator, Acop.RETRIEVE, input.memberPolicies);
  if (request.rcn === 10) fail(Rsc.NOT_IMPLEMENTED, 'semantic content (rcn 10) is not supported by this CSE');
  const rcn = resultContentOf(request, 1, [1, 4, 5, 6, 7, 8], 'RETRIEVE');
  if (target.attribute !== undefined) return partial(core, resource, [target.attribute]);
  const atrl = attributeList(request.pc);
  if (atrl) {
    if (rcn !== 1) fail(Rsc.BAD_REQUEST, `'m2m:atrl' requires rcn 1, not ${rcn}`);
    return partial(core, resource, atrl);
  }
  return { rsc: Rsc.OK, pc: resultContent(core, resource, rcn, filter, originator, request.drt) };
}
