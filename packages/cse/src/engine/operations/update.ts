import { Acop, checkAcpi, requirePrivilege } from '../access.js';
import { checkContent } from '../attributes.js';
import type { EngineCore } from '../core.js';
import { representation } from '../resource.js';
import { fail, Rsc, show } from '../status.js';
import { DEFAULT_LIFETIME_MS, formatTimestamp, parseTimestamp } from '../time.js';
import { type OperationInput, type Outcome, resultContentOf } from './outcome.js';

/** UPDATE (TS-0004 §7.3.3.x): `null` deletes an attribute, read-only ones are 4000, immutable types 4005. */
export async function update(core: EngineCore, input: OperationInput): Promise<Outcome> {
  const { request, target, originator } = input;
  if (target.virtual)
    fail(Rsc.OPERATION_NOT_ALLOWED, `the virtual resource '${target.virtual}' cannot be updated`);
  if (target.attribute !== undefined)
    fail(Rsc.BAD_REQUEST, "an UPDATE cannot target a single attribute ('#'); send the attribute in 'pc'");
  const resource = target.resource;
  const kind = core.kindOf(resource.ty)!;
  if (kind.immutable)
    fail(Rsc.OPERATION_NOT_ALLOWED, `a resource of type ${resource.ty} ('${resource.qn}') cannot be updated`);
  const pc = request.pc;
  const keys = pc && typeof pc === 'object' ? Object.keys(pc) : [];
  if (keys.length !== 1 || (keys[0] !== resource.qn && keys[0] !== kind.qn)) {
    fail(Rsc.BAD_REQUEST, `'pc' must hold exactly one member '${resource.qn}'`);
  }
  const changes = pc![keys[0]!];
  if (typeof changes !== 'object' || changes === null || Array.isArray(changes))
    fail(Rsc.BAD_REQUEST, `'pc.${keys[0]}' must be an object`);
  const content = changes as Record<string, unknown>;
  const rcn = resultContentOf(request, 1, [0, 1, 9], 'UPDATE');
  requirePrivilege(core, resource, originator, Acop.UPDATE, input.memberPolicies);
  checkContent('update', kind.attributes, content, { allowCustom: kind.customAttributes === true });
  if (content.acpi !== undefined && content.acpi !== null) checkAcpi(core, content.acpi);

  const now = core.now();
  let expiresAt = resource.expiresAt;
  // Deleting et gives the resource the default lifetime again.
  if (content.et === null) expiresAt = now + DEFAULT_LIFETIME_MS;
  else if (content.et !== undefined) {
    expiresAt = parseTimestamp(content.et)!;
    if (expiresAt <= now) fail(Rsc.BAD_REQUEST, `expirationTime '${show(content.et)}' is in the past`);
  }
  const next: Record<string, unknown> = { ...resource.attrs };
  for (const [name, value] of Object.entries(content)) {
    if (value === null) delete next[name];
    else next[name] = value;
  }
  await kind.update?.(core, { resource, changes: content, next, originator });
  if (!resource.alive) fail(Rsc.NOT_FOUND, `'${resource.path}' was deleted meanwhile`);

  next.lt = formatTimestamp(now);
  if (content.et === null && expiresAt !== undefined) next.et = formatTimestamp(expiresAt);
  if (kind.stateTag) next.st = ((next.st as number | undefined) ?? 0) + 1;
  resource.attrs = next;
  resource.modifiedAt = now;
  if (expiresAt !== resource.expiresAt) {
    if (expiresAt === undefined) {
      delete resource.expiresAt;
      core.expiry.cancel(resource.ri);
    } else {
      resource.expiresAt = expiresAt;
      core.expiry.schedule(resource.ri, expiresAt);
    }
  }
  kind.updated?.(core, resource, content);
  const modified: Record<string, unknown> = { ...content, lt: next.lt };
  if (kind.stateTag) modified.st = next.st;
  core.notifier.updated(resource, modified);
  if (rcn === 0) return { rsc: Rsc.UPDATED };
  return { rsc: Rsc.UPDATED, pc: { [resource.qn]: rcn === 9 ? modified : representation(resource) } };
}
