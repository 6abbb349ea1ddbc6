/**
 * Validation of primitives and resource representations.
 *
 * - Send side (`validateRequest`, `validateResponse`, `validateResource`): rejects what the spec
 *   forbids, with a {@link ProtocolError} whose `field` names the offending member.
 * - Receive side (`parseIncomingRequest`, `parseIncomingResponse`): checks types only and
 *   tolerates unknown members, because real servers add them.
 *
 * These functions use the zod-free checker compiled from the same specs as the zod schemas
 * (`schemas/check.ts`), once per spec on first use, to keep the browser bundle small; a call
 * walks the primitive once plus a few property checks.
 */
import { isResultContentAllowed, Operation } from './constants.js';
import { ProtocolError } from './errors.js';
import { contentKeyOf, resourceTypeOf } from './names/resource-types.js';
import type { RequestPrimitive, ResponsePrimitive } from './primitive.js';
import { checkerOf, isObjectLike } from './schemas/check.js';
import { rulesOf } from './schemas/resource-rules.js';
import type { Spec } from './schemas/spec.js';
import {
  AGGREGATED_NOTIFICATION_SPEC,
  CONTENT_SPECS,
  FLEX_CONTAINER_SPEC,
  GENERIC_RESOURCE_SPEC,
  NOTIFICATION_SPEC,
  REQUEST_PRIMITIVE_SPEC,
  RESPONSE_PRIMITIVE_SPEC,
} from './schemas/specs.js';
import type { ContentTypes } from './schemas/types.js';

/** How a resource representation is used: in a CREATE, an UPDATE, or as returned by a CSE. */
export type ResourceMode = 'create' | 'update' | 'representation';

const RELEASE_VERSION = /^\d+[a-z]?$/;
/** m2m:resourceName: `(ALPHA / DIGIT) *(ALPHA / DIGIT / "-" / "." / "_")` (TS-0004 Table 6.3.3-1). */
const RESOURCE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
/** App-IDs start with R (registered) or N (non-registered); lower-case r is still tolerated. */
const APP_ID = /^[RNr]/;

/** A set of `m2m:` names from their local parts, space-separated (smaller in the bundle). */
const m2mNames = (locals: string): ReadonlySet<string> =>
  new Set(locals.split(' ').map((local) => `m2m:${local}`));

/** `pc` members a NOTIFY may carry (TS-0004 Table 7.5.1.1-2). */
const NOTIFY_CONTENT = /* @__PURE__ */ m2mNames('sgn agn rsp seci');

/** Non-resource `pc` members: never the content of a CREATE or UPDATE. */
const NON_RESOURCE = /* @__PURE__ */ m2mNames(
  'sgn agn atrl seci rqp rsp agr rce uri uril rrl dbg qres tsn tgp',
);

function fail(field: string, reason: string): never {
  throw new ProtocolError(
    'INVALID_PRIMITIVE',
    field ? `${field}: ${reason}` : reason,
    field ? { field } : {},
  );
}

const isObject = isObjectLike;
/** Resource types the rules name (literals: the ResourceType table is large). */
const AE = 2;
const FLEX_CONTAINER = 28;
const CONTENT: Readonly<Record<string, Spec>> = CONTENT_SPECS;
// Pure: a bundle that only validates requests (`validateRequestParameters`) drops the response spec.
const REQUEST_PARAMETERS = /* @__PURE__ */ parameterNames(REQUEST_PRIMITIVE_SPEC);
const RESPONSE_PARAMETERS = /* @__PURE__ */ parameterNames(RESPONSE_PRIMITIVE_SPEC);

function parameterNames(spec: Readonly<Record<string, unknown>>): ReadonlySet<string> {
  return new Set(Object.keys(spec).map((k) => k.replace('!', '')));
}

function has(p: Record<string, unknown>, key: string): boolean {
  return Object.hasOwn(p, key) && p[key] !== undefined;
}

function check(spec: Spec, value: unknown, prefix: string): void {
  const problem = checkerOf(spec)(value);
  if (problem)
    fail(prefix && problem.path ? `${prefix}.${problem.path}` : prefix || problem.path, problem.reason);
}

function checkRvi(p: Record<string, unknown>): void {
  const rvi = p.rvi;
  if (rvi === undefined) fail('rvi', 'is mandatory');
  if (typeof rvi !== 'string') fail('rvi', 'must be a string ("3"), not a number');
  if (!RELEASE_VERSION.test(rvi)) fail('rvi', `"${rvi}" is not a release version`);
}

/**
 * `to` as a resource ID: at most two leading slashes (absolute form) and no trailing slash
 * (digest §9.4). A URL (a NOTIFY to a `nu` such as `http://host/`) follows its own syntax.
 */
function checkTo(to: string): void {
  if (to.includes('://')) return;
  if (to.startsWith('///')) fail('to', 'has more than two leading slashes');
  const hash = to.indexOf('#');
  const path = hash < 0 ? to : to.slice(0, hash);
  if (path.endsWith('/')) fail('to', 'must not end with a slash');
  if (hash >= 0 && hash === to.length - 1) fail('to', 'names no attribute after "#"');
}

function checkKnownKeys(p: Record<string, unknown>, known: ReadonlySet<string>, kind: string): void {
  for (const key of Object.keys(p)) if (!known.has(key)) fail(key, `is not a ${kind} parameter`);
}

/** The spec of a `pc` member; unknown m2m names are treated as generic resources. */
function specFor(qualifiedName: string): Spec {
  if (Object.hasOwn(CONTENT, qualifiedName)) return CONTENT[qualifiedName]!;
  // Resources of other namespaces are flexContainer specializations (TS-0023).
  return qualifiedName.startsWith('m2m:') ? GENERIC_RESOURCE_SPEC : FLEX_CONTAINER_SPEC;
}

/** An UPDATE deletes an attribute with null, which is valid whatever the attribute's type. */
function withoutNulls(value: Record<string, unknown>): Record<string, unknown> {
  // fromEntries defines data properties: a `__proto__` member stays data, not the prototype.
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null));
}

function checkResource(qualifiedName: string, value: unknown, mode: ResourceMode, prefix: string): void {
  const checked = mode === 'update' && isObject(value) ? withoutNulls(value) : value;
  check(specFor(qualifiedName), checked, prefix);
  if (mode === 'representation' || !isObject(value)) return;
  const rules = rulesOf(qualifiedName);
  if (mode === 'create') {
    if (rules.notCreatable) fail(prefix, 'cannot be created by a request');
    for (const key of rules.mandatory)
      if (!has(value, key)) fail(`${prefix}.${key}`, 'is mandatory on CREATE');
    for (const key of rules.notOnCreate)
      if (has(value, key)) fail(`${prefix}.${key}`, 'is not permitted on CREATE');
    for (const key of Object.keys(value)) {
      if (value[key] !== null) continue;
      if (key !== 'cr') fail(`${prefix}.${key}`, 'null is only allowed on UPDATE');
    }
    const rn = value.rn;
    if (typeof rn === 'string' && !RESOURCE_NAME.test(rn)) {
      fail(`${prefix}.rn`, 'is not a valid resource name ([A-Za-z0-9][A-Za-z0-9._-]*)');
    }
    if (qualifiedName === 'm2m:ae' && typeof value.api === 'string' && !APP_ID.test(value.api)) {
      fail(`${prefix}.api`, 'must start with R or N');
    }
    if (value.cr !== undefined && value.cr !== null) {
      fail(`${prefix}.cr`, 'must be null on CREATE');
    }
    const pvs = value.pvs;
    if (qualifiedName === 'm2m:acp' && isObject(pvs) && Array.isArray(pvs.acr) && pvs.acr.length === 0) {
      fail(`${prefix}.pvs.acr`, 'needs at least one rule');
    }
  } else {
    if (rules.immutable) fail(prefix, 'cannot be updated');
    for (const key of rules.notOnUpdate)
      if (Object.hasOwn(value, key)) fail(`${prefix}.${key}`, 'is not permitted on UPDATE');
  }
}

function checkFilterCriteria(fc: Record<string, unknown>): void {
  const { fu, fo, cfs, gmty, geom, gsf } = fc;
  if (fu !== undefined && ((fu as number) < 1 || (fu as number) > 4)) {
    fail('fc.fu', 'must be 1..4');
  }
  if (fo !== undefined && ((fo as number) < 1 || (fo as number) > 3)) fail('fc.fo', 'must be 1..3');
  if (cfs !== undefined && fc.cfq === undefined) fail('fc.cfq', 'is required with fc.cfs');
  const geo = [gmty, geom, gsf].filter((x) => x !== undefined).length;
  if (geo !== 0 && geo !== 3) fail('fc.gmty', 'gmty, geom and gsf go together');
}

/**
 * The primitive-level rules of `pc` in a request (TS-0004 Table 7.2.1.1-1): exactly one member,
 * a resource matching `ty` on CREATE and UPDATE, `m2m:atrl` on RETRIEVE, notification content on
 * NOTIFY, nothing on DELETE. Returns the member's name; its value is checked by
 * {@link checkRequestContent}.
 */
function checkRequestPc(p: RequestPrimitive, op: number, pc: Record<string, unknown>): string {
  const key = contentKeyOf(pc);
  if (key === undefined) fail('pc', 'must have exactly one member');
  const value = pc[key];
  switch (op) {
    case Operation.Create: {
      if (NON_RESOURCE.has(key)) fail('pc', `${key} is not a resource`);
      const ty = resourceTypeOf(key);
      if (ty !== undefined && ty !== p.ty) fail('ty', `${p.ty} does not match ${key}`);
      if (!key.startsWith('m2m:') && p.ty !== FLEX_CONTAINER) {
        fail('ty', `${key} needs ty 28`);
      }
      return key;
    }
    case Operation.Update:
      if (NON_RESOURCE.has(key)) fail('pc', `${key} is not a resource`);
      return key;
    case Operation.Retrieve:
      if (key !== 'm2m:atrl') fail('pc', 'only m2m:atrl is allowed on RETRIEVE');
      check('S', value, `pc.${key}`);
      if ((value as unknown[]).length === 0) fail(`pc.${key}`, 'needs at least one attribute');
      return key;
    case Operation.Notify:
      if (!NOTIFY_CONTENT.has(key)) fail('pc', `${key} is not notification content`);
      return key;
    default:
      return fail('pc', 'is not permitted on DELETE');
  }
}

/** The value of the request's `pc` member against its resource or notification spec and rules. */
function checkRequestContent(op: number, key: string, value: unknown): void {
  const prefix = `pc.${key}`;
  if (op === Operation.Create) checkResource(key, value, 'create', prefix);
  else if (op === Operation.Update) checkResource(key, value, 'update', prefix);
  else if (op === Operation.Notify) {
    if (key === 'm2m:sgn') checkNotification(value, prefix);
    else if (key === 'm2m:agn') checkAggregatedNotification(value, prefix);
    else check(specFor(key), value, prefix);
  }
}

function checkNotification(value: unknown, prefix: string): void {
  check(NOTIFICATION_SPEC, value, prefix);
  if (typeof (value as Record<string, unknown>).sur !== 'string') fail(`${prefix}.sur`, 'is mandatory');
}

function checkAggregatedNotification(value: unknown, prefix: string): void {
  check(AGGREGATED_NOTIFICATION_SPEC, value, prefix);
  const list = (value as Record<string, unknown[]>)['m2m:sgn']!;
  if (list.length === 0) fail(`${prefix}.m2m:sgn`, 'needs at least one notification');
  for (let i = 0; i < list.length; i++) checkNotification(list[i], `${prefix}.m2m:sgn.${i}`);
}

/**
 * Validate the parameters of a request primitive before sending it (short names, JSON form):
 * every parameter's type and the per-operation rules of TS-0004 Table 7.2.1.1-1 — `ty` only and
 * always on CREATE, `pc` where mandatory and with exactly one member matching `ty`, no `fc` on
 * CREATE or NOTIFY, `rcn` valid for the operation, `rt.nu` only with `rtv` 2, `rvi` a string, and
 * more. The resource representation inside `pc` is not looked into: {@link validateRequest} does
 * that too. Pass it as `validateRequest` to the JSON-only `createClient` of `onem2m-ws/json`
 * (which validates nothing by default) to check requests without bundling the resource specs.
 *
 * @returns the same object, typed.
 * @throws {ProtocolError} `INVALID_PRIMITIVE` with `field` naming the offending member.
 */
export function validateRequestParameters(p: unknown): RequestPrimitive {
  checkRequestParameters(p);
  return p as RequestPrimitive;
}

/**
 * Validate a request primitive before sending it (short names, JSON form): the parameters, as
 * {@link validateRequestParameters} does, and the content of `pc` — the resource's attribute
 * types, `cr` null on CREATE, mandatory attributes present and read-only ones absent, a
 * notification's shape — as {@link validateResource} does.
 *
 * @returns the same object, typed.
 * @throws {ProtocolError} `INVALID_PRIMITIVE` with `field` naming the offending member.
 */
export function validateRequest(p: unknown): RequestPrimitive {
  const key = checkRequestParameters(p);
  const req = p as RequestPrimitive;
  if (key !== undefined) checkRequestContent(req.op, key, req.pc![key]);
  return req;
}

/** The parameter checks of a request; returns the name of the `pc` member, if any. */
function checkRequestParameters(p: unknown): string | undefined {
  if (!isObject(p)) fail('', 'a request primitive must be an object');
  checkKnownKeys(p, REQUEST_PARAMETERS, 'request');
  if (typeof p.rvi === 'number') fail('rvi', 'must be a string ("3"), not a number');
  check(REQUEST_PRIMITIVE_SPEC, p, '');
  const req = p as RequestPrimitive;
  const op = req.op;
  checkRvi(p);

  checkTo(req.to);
  const aeCreate = op === Operation.Create && req.ty === AE;
  if (req.fr === undefined ? !aeCreate : req.fr === '' && !aeCreate) {
    fail('fr', 'is mandatory (except on AE CREATE)');
  }
  if (op === Operation.Create) {
    if (req.ty === undefined) fail('ty', 'is mandatory on CREATE');
  } else if (req.ty !== undefined) {
    fail('ty', 'is only permitted on CREATE');
  }

  let key: string | undefined;
  if (req.pc === undefined) {
    if (op === Operation.Create || op === Operation.Update || op === Operation.Notify) {
      fail('pc', 'is mandatory for this operation');
    }
  } else {
    key = checkRequestPc(req, op, req.pc);
  }

  if (req.fc !== undefined) {
    if (op === Operation.Create || op === Operation.Notify)
      fail('fc', 'is not permitted on CREATE or NOTIFY');
    checkFilterCriteria(req.fc);
  }

  const rt = req.rt;
  if (rt !== undefined) {
    if (rt.rtv < 1 || rt.rtv > 5) fail('rt.rtv', 'must be 1..5');
    if (rt.nu !== undefined && rt.rtv !== 2) fail('rt.nu', 'needs rt.rtv 2');
  }

  if (req.rcn !== undefined) {
    if (op === Operation.Notify) fail('rcn', 'is not permitted on NOTIFY');
    if (!isResultContentAllowed(op, req.rcn, req.fc?.fu)) {
      fail('rcn', `${req.rcn} is not valid for this operation`);
    }
  }
  if (req.drt !== undefined) {
    if (op !== Operation.Retrieve) fail('drt', 'is only permitted on RETRIEVE');
    if (req.drt !== 1 && req.drt !== 2) fail('drt', 'must be 1 or 2');
  }
  if (req.sqi !== undefined) {
    if (op !== Operation.Retrieve) fail('sqi', 'is only permitted on RETRIEVE');
    if (req.sqi && req.rcn !== 10) fail('rcn', 'must be 10 with sqi');
  }
  if (op === Operation.Notify) {
    for (const name of ['rp', 'grtm', 'asi', 'aus', 'auri'])
      if (has(p, name)) fail(name, 'is not permitted on NOTIFY');
  }
  const ec = req.ec;
  if (ec !== undefined && !(ec >= 2 && ec <= 4) && !(ec >= 100 && ec <= 999)) {
    fail('ec', 'must be 2..4 or 100..999');
  }
  return key;
}

/**
 * Validate a response primitive before sending it: `rsc` an integer status code, `rqi` and
 * `rvi` (a string) present, `pc` with exactly one member whose representation type-checks,
 * `cnst` 1 or 2, and no unknown parameters.
 *
 * @returns the same object, typed.
 * @throws {ProtocolError} `INVALID_PRIMITIVE` with `field` naming the offending member.
 */
export function validateResponse(p: unknown): ResponsePrimitive {
  if (!isObject(p)) fail('', 'a response primitive must be an object');
  checkKnownKeys(p, RESPONSE_PARAMETERS, 'response');
  if (typeof p.rvi === 'number') fail('rvi', 'must be a string ("3"), not a number');
  check(RESPONSE_PRIMITIVE_SPEC, p, '');
  const rsp = p as ResponsePrimitive;
  if (rsp.rsc < 1000 || rsp.rsc > 6999) fail('rsc', 'must be a status code 1000..6999');
  if (!rsp.rqi) fail('rqi', 'is mandatory');
  checkRvi(p);
  if (rsp.pc !== undefined) {
    const key = contentKeyOf(rsp.pc);
    if (key === undefined) fail('pc', 'must have exactly one member');
    checkResource(key, rsp.pc[key], 'representation', `pc.${key}`);
  }
  if (rsp.cnst !== undefined && rsp.cnst !== 1 && rsp.cnst !== 2) fail('cnst', 'must be 1 or 2');
  return rsp;
}

/**
 * Check an incoming request primitive: parameter types only, unknown members tolerated. A
 * notification's `m2m:sgn` / `m2m:agn` is type-checked too, so handlers can rely on its shape.
 *
 * @throws {ProtocolError} `INVALID_PRIMITIVE` with `field` naming the offending member.
 */
export function parseIncomingRequest(p: unknown): RequestPrimitive {
  if (!isObject(p)) fail('', 'a request primitive must be an object');
  check(REQUEST_PRIMITIVE_SPEC, p, '');
  const req = p as RequestPrimitive;
  if (req.op === Operation.Notify && req.pc !== undefined) {
    const sgn = Object.hasOwn(req.pc, 'm2m:sgn') ? req.pc['m2m:sgn'] : undefined;
    if (sgn !== undefined) check(NOTIFICATION_SPEC, sgn, 'pc.m2m:sgn');
    const agn = Object.hasOwn(req.pc, 'm2m:agn') ? req.pc['m2m:agn'] : undefined;
    if (agn !== undefined) check(AGGREGATED_NOTIFICATION_SPEC, agn, 'pc.m2m:agn');
  }
  return req;
}

/**
 * Check an incoming response primitive: parameter types only, unknown members tolerated
 * (ACME echoes `rcn` / `drt`), `rqi` optional (some error answers lack it), `pc` may be `{}`
 * (Mobius on DELETE).
 *
 * @throws {ProtocolError} `INVALID_PRIMITIVE` with `field` naming the offending member.
 */
export function parseIncomingResponse(p: unknown): ResponsePrimitive {
  if (!isObject(p)) fail('', 'a response primitive must be an object');
  check(RESPONSE_PRIMITIVE_SPEC, p, '');
  return p as ResponsePrimitive;
}

/**
 * Validate a resource representation or other `pc` member by qualified short name
 * (`'m2m:cnt'`, `'cod:tempe'`, `'m2m:sgn'`). Known attributes are type-checked, unknown ones
 * pass. With `mode` `'create'` or `'update'`, the presence rules of that operation apply too
 * (mandatory attributes, read-only attributes, `cr` null on CREATE, no null on CREATE).
 *
 * @param mode how the value is used.
 * @default mode 'representation'
 * @returns the same value, typed for the known names.
 * @throws {ProtocolError} `INVALID_PRIMITIVE` with `field` such as `m2m:cnt.mni`.
 */
export function validateResource<K extends string>(
  qualifiedName: K,
  value: unknown,
  mode: ResourceMode = 'representation',
): K extends keyof ContentTypes ? ContentTypes[K] : Record<string, unknown> {
  if (mode !== 'representation' && NON_RESOURCE.has(qualifiedName)) fail(qualifiedName, 'is not a resource');
  checkResource(qualifiedName, value, mode, qualifiedName);
  return value as K extends keyof ContentTypes ? ContentTypes[K] : Record<string, unknown>;
}
