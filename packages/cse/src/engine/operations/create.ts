import { normalizeOriginator } from '../../originator-stem.js';
import { Acop, checkAcpi, requirePrivilege } from '../access.js';
import { checkContent, RESOURCE_NAME, VIRTUAL_NAMES } from '../attributes.js';
import type { EngineCore } from '../core.js';
import type { ResourceKind } from '../kind.js';
import { type Resource, representation } from '../resource.js';
import { qualifiedNames } from '../resources/index.js';
import { fail, Rsc, show } from '../status.js';
import { DEFAULT_LIFETIME_MS, formatTimestamp, parseTimestamp } from '../time.js';
import { type OperationInput, type Outcome, resultContentOf } from './outcome.js';

/** Highest standard resource type number; a known-but-unimplemented type is 5001, not 4000. */
const LAST_STANDARD_TYPE = 66;

/** Find the kind and the content of a CREATE `pc` (exactly one member, keyed by the type's name). */
function contentFor(
  core: EngineCore,
  input: OperationInput,
): { kind: ResourceKind; qn: string; content: Record<string, unknown> } {
  const { request } = input;
  const ty = request.ty;
  if (!Number.isInteger(ty)) fail(Rsc.BAD_REQUEST, "'ty' is missing or not an integer in a CREATE request");
  const kind = core.kindOf(ty as number);
  if (!kind) {
    fail(
      ty! >= 1 && ty! <= LAST_STANDARD_TYPE ? Rsc.NOT_IMPLEMENTED : Rsc.BAD_REQUEST,
      `resource type ${ty} is not supported by this CSE`,
    );
  }
  if (kind.internal) fail(Rsc.OPERATION_NOT_ALLOWED, `resources of type ${ty} are created by the CSE only`);
  const pc = request.pc;
  const keys = pc && typeof pc === 'object' ? Object.keys(pc) : [];
  if (keys.length !== 1) fail(Rsc.BAD_REQUEST, `'pc' must hold exactly one member '${kind.qn}'`);
  const qn = keys[0]!;
  const custom = kind.customAttributes === true && qn.includes(':') && !qualifiedNames.has(qn);
  if (qn !== kind.qn && !custom)
    fail(Rsc.BAD_REQUEST, `'pc' member '${qn}' does not match ty ${ty} ('${kind.qn}')`);
  const content = pc![qn];
  if (typeof content !== 'object' || content === null || Array.isArray(content))
    fail(Rsc.BAD_REQUEST, `'pc.${qn}' must be an object`);
  return { kind, qn, content: content as Record<string, unknown> };
}

/**
 * AE-ID for a registration (TS-0001 §10.2.2.2, digest §9.3): absent / '' / 'C' → a new C-ID,
 * 'S' → a new S-ID, 'C…' / 'S…' (also SP-relative) → that ID, 4117 if it is registered.
 */
function assignAeId(core: EngineCore, input: OperationInput): string {
  const requested = input.request.fr ?? input.context.boundOriginator;
  if (requested === undefined || requested === '' || requested === 'C') return core.tree.newId('C');
  if (requested === 'S') return core.tree.newId('S');
  const stem = normalizeOriginator(requested, core.cseId);
  if (!/^[CS][^/\s#]*$/.test(stem)) {
    fail(
      Rsc.SECURITY_ASSOCIATION_REQUIRED,
      `originator '${requested}' is not an AE-ID (C… or S…) this CSE accepts`,
    );
  }
  if (core.tree.aes.has(stem))
    fail(Rsc.ORIGINATOR_HAS_ALREADY_REGISTERED, `originator '${stem}' is already registered`);
  if (core.tree.byRi.has(stem)) fail(Rsc.CONFLICT, `resource ID '${stem}' is already in use`);
  return stem;
}

function checkName(parent: Resource, rn: unknown): string {
  if (typeof rn !== 'string' || !RESOURCE_NAME.test(rn))
    fail(Rsc.BAD_REQUEST, `'${show(rn)}' is not a valid resource name`);
  if (VIRTUAL_NAMES.has(rn)) fail(Rsc.BAD_REQUEST, `'${rn}' is reserved for a virtual resource`);
  if (parent.children.has(rn))
    fail(Rsc.CONFLICT, `a resource named '${rn}' already exists under '${parent.path}'`);
  return rn;
}

/** CREATE (TS-0004 §7.3.3.2 / §7.4.x.2.1). */
export async function create(core: EngineCore, input: OperationInput): Promise<Outcome> {
  const { request, target } = input;
  if (target.virtual)
    fail(Rsc.OPERATION_NOT_ALLOWED, `cannot create under the virtual resource '${target.virtual}'`);
  if (target.attribute !== undefined) fail(Rsc.BAD_REQUEST, 'a CREATE cannot target an attribute');
  const parent = target.resource;
  const { kind, qn, content } = contentFor(core, input);
  const rcn = resultContentOf(request, 1, [0, 1, 2, 3, 9], 'CREATE');
  const parentKind = core.kindOf(parent.ty)!;
  if (!parentKind.childTypes.has(kind.ty)) {
    fail(
      Rsc.INVALID_CHILD_RESOURCE_TYPE,
      `a resource of type ${kind.ty} cannot be created under '${parent.path}' (type ${parent.ty})`,
    );
  }
  checkContent('create', kind.attributes, content, { allowCustom: kind.customAttributes === true });

  let originator = input.originator;
  let ri: string;
  if (kind.ty === 2) {
    ri = assignAeId(core, input);
    originator = ri;
  } else {
    requirePrivilege(
      core,
      parent,
      originator,
      kind.ty === 23 ? Acop.RETRIEVE : Acop.CREATE,
      input.memberPolicies,
    );
    ri = core.tree.newId(kind.prefix);
  }
  const rn =
    content.rn === undefined
      ? kind.ty === 2
        ? ri
        : core.tree.newName(parent, kind.prefix)
      : checkName(parent, content.rn);
  if (content.acpi !== undefined) checkAcpi(core, content.acpi);

  const now = core.now();
  let expiresAt = now + DEFAULT_LIFETIME_MS;
  if (content.et !== undefined) {
    expiresAt = parseTimestamp(content.et)!;
    if (expiresAt <= now) fail(Rsc.BAD_REQUEST, `expirationTime '${show(content.et)}' is in the past`);
  }
  const attrs: Record<string, unknown> = {
    ty: kind.ty,
    ri,
    rn,
    pi: parent.ri,
    ct: formatTimestamp(now),
    lt: formatTimestamp(now),
    et: content.et ?? formatTimestamp(expiresAt),
  };
  for (const [name, value] of Object.entries(content))
    if (name !== 'rn' && name !== 'cr') attrs[name] = value;
  if (content.cr === null) attrs.cr = originator;
  if (kind.stateTag) attrs.st = 0;

  await kind.create?.(core, { parent, content, attrs, originator, request });
  // The hook may have awaited (subscription verification): re-check what could have changed.
  if (!parent.alive) fail(Rsc.NOT_FOUND, `'${parent.path}' was deleted meanwhile`);
  if (parent.children.has(rn))
    fail(Rsc.CONFLICT, `a resource named '${rn}' already exists under '${parent.path}'`);
  if (kind.ty === 2 && core.tree.aes.has(ri))
    fail(Rsc.ORIGINATOR_HAS_ALREADY_REGISTERED, `originator '${ri}' is already registered`);

  const resource = core.tree.insert(parent, {
    ty: kind.ty,
    ri,
    rn,
    qn,
    creator: originator,
    attrs,
    createdAt: now,
  });
  resource.expiresAt = expiresAt;
  core.expiry.schedule(ri, expiresAt);
  kind.created?.(core, resource);
  core.notifier.childCreated(parent, resource);
  return { rsc: Rsc.CREATED, ...createdContent(resource, rcn, content) };
}

function createdContent(
  resource: Resource,
  rcn: number,
  content: Record<string, unknown>,
): Pick<Outcome, 'pc'> {
  switch (rcn) {
    case 0:
      return {};
    case 2:
      return { pc: { 'm2m:uri': resource.path } };
    case 3:
      return { pc: { 'm2m:rce': { uri: resource.path, [resource.qn]: representation(resource) } } };
    case 9: {
      // Modified attributes: what the CSE set or changed relative to the request.
      const rep = representation(resource);
      const modified: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(rep))
        if (JSON.stringify(content[k]) !== JSON.stringify(v)) modified[k] = v;
      return { pc: { [resource.qn]: modified } };
    }
    default:
      return { pc: { [resource.qn]: representation(resource) } };
  }
}
