/**
 * Presence rules of resource attributes in CREATE and UPDATE requests (digest §5.2–5.3, the
 * C/U columns): mandatory on create, not permitted on create, not permitted on update, and
 * resources an AE can never update. Kept as space-separated data to stay small.
 */

/** The presence rules of one resource type. */
export interface ResourceRules {
  /** Mandatory in a CREATE. */
  readonly mandatory: readonly string[];
  /** Not permitted in a CREATE (read-only, assigned by the CSE). */
  readonly notOnCreate: readonly string[];
  /** Not permitted in an UPDATE. */
  readonly notOnUpdate: readonly string[];
  /** The resource cannot be updated at all (contentInstance, timeSeriesInstance, request). */
  readonly immutable: boolean;
  /** The resource cannot be created by a request (request resources are made by the CSE). */
  readonly notCreatable: boolean;
}

const list = (s: string): readonly string[] => (s ? s.split(' ') : []);

/** Assigned by the CSE: never in a CREATE or UPDATE. */
const READ_ONLY = 'ty ri pi ct lt st lnk ch';

function rules(
  mandatory: string,
  notOnCreate: string,
  notOnUpdate: string,
  flags: '' | 'immutable' | 'readonly' = '',
): ResourceRules {
  return {
    mandatory: list(mandatory),
    notOnCreate: list(`${READ_ONLY} ${notOnCreate}`.trim()),
    notOnUpdate: list(`${READ_ONLY} rn cr ${notOnUpdate}`.trim()),
    immutable: flags !== '',
    notCreatable: flags === 'readonly',
  };
}

const RULES = /* @__PURE__ */ new Map<string, ResourceRules>([
  ['m2m:acp', /* @__PURE__ */ rules('pv pvs', '', '')],
  ['m2m:ae', /* @__PURE__ */ rules('api rr srv', 'aei', 'api aei')],
  ['m2m:cnt', /* @__PURE__ */ rules('', 'cni cbs li', 'cni cbs li')],
  ['m2m:cin', /* @__PURE__ */ rules('con', 'cs', '', 'immutable')],
  ['m2m:cb', /* @__PURE__ */ rules('', 'cst csi srt', 'cst csi srt', 'readonly')],
  ['m2m:grp', /* @__PURE__ */ rules('mnm mid', 'cnm mtv ssi', 'mt spty csy cnm mtv ssi')],
  ['m2m:pch', /* @__PURE__ */ rules('', '', '')],
  ['m2m:csr', /* @__PURE__ */ rules('cb rr srv', '', 'cb')],
  ['m2m:req', /* @__PURE__ */ rules('', '', '', 'readonly')],
  ['m2m:sub', /* @__PURE__ */ rules('nu', '', 'psn su')],
  ['m2m:fcnt', /* @__PURE__ */ rules('cnd', 'cs', 'cnd cs')],
  ['m2m:ts', /* @__PURE__ */ rules('', 'cni cbs mdlt mdc', 'cni cbs mdlt mdc cnf')],
  ['m2m:tsi', /* @__PURE__ */ rules('dgt con', 'cs', '', 'immutable')],
  ['m2m:crs', /* @__PURE__ */ rules('twt tws nu', 'rrats', 'rrat srat rrats encs nec su')],
]);

/** Rules for any resource without its own entry: only the universal read-only attributes. */
export const DEFAULT_RULES: ResourceRules = /* @__PURE__ */ rules('', '', '');

/** The rules of a resource by qualified short name; flexContainer specializations use `m2m:fcnt`. */
export function rulesOf(qualifiedName: string): ResourceRules {
  const own = RULES.get(qualifiedName);
  if (own) return own;
  return qualifiedName.startsWith('m2m:') ? DEFAULT_RULES : (RULES.get('m2m:fcnt') ?? DEFAULT_RULES);
}
