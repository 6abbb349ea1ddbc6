import { fail, Rsc } from './status.js';
import { parseAbsRel, parseTimestamp } from './time.js';

/** JSON shape an attribute value must have. */
export type AttrType =
  | 'string'
  | 'strings'
  | 'boolean'
  | 'number'
  | 'numbers'
  | 'nonNegInt'
  | 'posInt'
  | 'timestamp'
  | 'absRel'
  | 'object'
  | 'any';

/** Create / Update optionality: mandatory, optional, not permitted (read-only). */
export type Presence = 'M' | 'O' | 'NP';

/** Attribute policy: its JSON type and whether a request may set it on create / update. */
export interface AttrPolicy {
  readonly type: AttrType;
  readonly create: Presence;
  readonly update: Presence;
}

/** Build a policy entry (keeps the tables of each resource type one line per attribute). */
export function attr(type: AttrType, create: Presence, update: Presence): AttrPolicy {
  return { type, create, update };
}

/** Read-only attribute computed by the CSE. */
export const readOnly = (type: AttrType = 'any'): AttrPolicy => attr(type, 'NP', 'NP');

/** Universal attributes every resource has (TS-0004 Table 6.3.6-1, digest §5.2). */
export const universalAttributes: Record<string, AttrPolicy> = {
  ty: readOnly('number'),
  ri: readOnly('string'),
  rn: attr('string', 'O', 'NP'),
  pi: readOnly('string'),
  ct: readOnly('timestamp'),
  lt: readOnly('timestamp'),
  et: attr('timestamp', 'O', 'O'),
  lbl: attr('strings', 'O', 'O'),
  at: attr('strings', 'O', 'O'),
  aa: attr('strings', 'O', 'O'),
  daci: attr('strings', 'O', 'O'),
  cstn: attr('string', 'O', 'O'),
  // `cr` on create must be null (the CSE fills it in); handled specially by the validator.
  cr: attr('any', 'O', 'NP'),
};

/** `acpi` for resource types that carry it (not acp, cin, tsi). */
export const acpiAttribute: Record<string, AttrPolicy> = { acpi: attr('strings', 'O', 'O') };

/** `st` for resource types that carry a state tag. */
export const stateTagAttribute: Record<string, AttrPolicy> = { st: readOnly('number') };

/** m2m:resourceName: `(ALPHA / DIGIT) *(ALPHA / DIGIT / "-" / "." / "_")`. */
export const RESOURCE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** Names of the virtual children, never usable as resource names. */
export const VIRTUAL_NAMES = new Set(['la', 'ol', 'fopt', 'sfop', 'pcu', 'ntsr']);

function typeOk(type: AttrType, value: unknown): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'strings':
      return Array.isArray(value) && value.every((v) => typeof v === 'string');
    case 'boolean':
      return typeof value === 'boolean';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'numbers':
      return Array.isArray(value) && value.every((v) => typeof v === 'number' && Number.isFinite(v));
    case 'nonNegInt':
      return Number.isInteger(value) && (value as number) >= 0;
    case 'posInt':
      return Number.isInteger(value) && (value as number) >= 1;
    case 'timestamp':
      return parseTimestamp(value) !== undefined;
    case 'absRel':
      return parseAbsRel(value, 0) !== undefined;
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value);
    case 'any':
      return value !== undefined;
  }
}

/** Options for {@link checkContent}. */
export interface CheckOptions {
  /** Unknown attribute names are accepted as custom attributes (flexContainer). */
  allowCustom?: boolean;
}

/**
 * Validate the attributes of a CREATE or UPDATE `pc` against a policy table: unknown or read-only
 * attributes, missing mandatory ones and wrong JSON types are 4000 BAD_REQUEST (TS-0004 §7.3.3.2).
 * On UPDATE a `null` value deletes an optional attribute.
 */
export function checkContent(
  op: 'create' | 'update',
  policies: Record<string, AttrPolicy>,
  content: Record<string, unknown>,
  options: CheckOptions = {},
): void {
  for (const [name, value] of Object.entries(content)) {
    const policy = policies[name];
    if (!policy) {
      if (options.allowCustom && !name.includes(':')) continue;
      fail(Rsc.BAD_REQUEST, `unknown attribute '${name}'`);
    }
    const presence = op === 'create' ? policy.create : policy.update;
    if (op === 'create' && name === 'cr') {
      if (value !== null) fail(Rsc.BAD_REQUEST, "attribute 'cr' must be null in a CREATE request");
      continue;
    }
    if (presence === 'NP')
      fail(
        Rsc.BAD_REQUEST,
        `attribute '${name}' is not permitted in ${op === 'create' ? 'a CREATE' : 'an UPDATE'} request`,
      );
    if (value === null) {
      if (op === 'create') fail(Rsc.BAD_REQUEST, `attribute '${name}' must not be null`);
      if (presence === 'M' || policy.create === 'M')
        fail(Rsc.BAD_REQUEST, `mandatory attribute '${name}' cannot be deleted`);
      continue;
    }
    if (!typeOk(policy.type, value))
      fail(Rsc.BAD_REQUEST, `attribute '${name}' has a wrong type (expected ${policy.type})`);
  }
  if (op === 'create') {
    for (const [name, policy] of Object.entries(policies)) {
      if (policy.create === 'M' && content[name] === undefined)
        fail(Rsc.BAD_REQUEST, `mandatory attribute '${name}' is missing`);
    }
  }
}
