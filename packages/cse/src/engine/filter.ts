import type { FilterCriteria } from '@onem2m-ws/protocol';
import type { Resource } from './resource.js';
import { fail, Rsc } from './status.js';
import { parseTimestamp } from './time.js';

/** A test over one resource (attributes and, for child/parent criteria, its place in the tree). */
type Condition = (attrs: Record<string, unknown>, resource?: Resource) => boolean;

/** Filter criteria parsed and validated (TS-0004 §7.3.3.17, digest §6). */
export interface ParsedFilter {
  /** filterUsage: 1 discovery, 2 conditional retrieval. */
  fu: number;
  /** filterOperation: 1 AND, 2 OR (between different criteria; the same criterion is always ORed). */
  fo: number;
  lim?: number;
  ofst?: number;
  lvl?: number;
  /** applyRelativePath: each match is replaced by the resource at this path relative to it. */
  arp?: string;
  /** One entry per criterion tag (flat attribute keys are one tag each). */
  conditions: Condition[];
}

const HANDLING = new Set(['fu', 'fo', 'lim', 'ofst', 'lvl', 'arp']);
const UNSUPPORTED = new Set(['smf', 'cfs', 'cfq', 'gmty', 'geom', 'gsf', 'aq']);

function toList(value: unknown, key: string, check: (v: unknown) => boolean): unknown[] {
  const list = Array.isArray(value) ? value : [value];
  if (!list.every(check)) fail(Rsc.BAD_REQUEST, `filter criterion '${key}' has a wrong type`);
  return list;
}

function time(value: unknown, key: string): number {
  const t = parseTimestamp(value);
  if (t === undefined) fail(Rsc.BAD_REQUEST, `filter criterion '${key}' is not a timestamp`);
  return t;
}

function num(value: unknown, key: string, min: number): number {
  if (!Number.isInteger(value) || (value as number) < min)
    fail(Rsc.BAD_REQUEST, `filter criterion '${key}' must be an integer >= ${min}`);
  return value as number;
}

function ts(attrs: Record<string, unknown>, name: string): number | undefined {
  return parseTimestamp(attrs[name]);
}

function wildcard(pattern: string): RegExp {
  return new RegExp(
    `^${pattern
      .split('*')
      .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
    's',
  );
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Attribute value matching: `*` wildcards on strings, list members, string forms of scalars. */
export function valueMatches(actual: unknown, expected: unknown): boolean {
  if (actual === undefined) return false;
  if (Array.isArray(actual) && !Array.isArray(expected)) return actual.some((a) => valueMatches(a, expected));
  if (typeof expected === 'string' && typeof actual === 'string' && expected.includes('*'))
    return wildcard(expected).test(actual);
  if (typeof expected === 'string' && (typeof actual === 'number' || typeof actual === 'boolean'))
    return String(actual) === expected;
  return deepEqual(actual, expected);
}

function contentSize(attrs: Record<string, unknown>): number | undefined {
  return typeof attrs.cs === 'number' ? attrs.cs : undefined;
}

function attributePairs(value: unknown, key: string): { nm: string; val: unknown }[] {
  const list = toList(
    value,
    key,
    (v) => typeof v === 'object' && v !== null && typeof (v as { nm?: unknown }).nm === 'string',
  );
  return list as { nm: string; val: unknown }[];
}

function children(resource: Resource | undefined): Resource[] {
  return resource ? [...resource.children.values()] : [];
}

/** Build the condition of one criterion; `undefined` for handling parameters. */
function condition(key: string, value: unknown, knownAttributes: ReadonlySet<string>): Condition | undefined {
  switch (key) {
    case 'crb': {
      const t = time(value, key);
      return (a) => (ts(a, 'ct') ?? Infinity) < t;
    }
    case 'cra': {
      const t = time(value, key);
      return (a) => (ts(a, 'ct') ?? -Infinity) >= t;
    }
    case 'ms': {
      const t = time(value, key);
      return (a) => (ts(a, 'lt') ?? -Infinity) >= t;
    }
    case 'us': {
      const t = time(value, key);
      return (a) => (ts(a, 'lt') ?? Infinity) < t;
    }
    case 'exb': {
      const t = time(value, key);
      return (a) => (ts(a, 'et') ?? Infinity) < t;
    }
    case 'exa': {
      const t = time(value, key);
      return (a) => (ts(a, 'et') ?? -Infinity) >= t;
    }
    case 'sts': {
      const n = num(value, key, 0);
      return (a) => typeof a.st === 'number' && a.st < n;
    }
    case 'stb': {
      const n = num(value, key, 0);
      return (a) => typeof a.st === 'number' && a.st >= n;
    }
    case 'sza': {
      const n = num(value, key, 0);
      return (a) => (contentSize(a) ?? -1) >= n;
    }
    case 'szb': {
      const n = num(value, key, 0);
      return (a) => (contentSize(a) ?? Infinity) < n;
    }
    case 'ty': {
      const list = toList(value, key, Number.isInteger);
      return (a) => list.includes(a.ty);
    }
    case 'lbl': {
      const list = toList(value, key, (v) => typeof v === 'string');
      return (a) => Array.isArray(a.lbl) && a.lbl.some((l) => list.includes(l));
    }
    case 'cty': {
      const list = toList(value, key, (v) => typeof v === 'string');
      return (a) => typeof a.cnf === 'string' && list.some((t) => (a.cnf as string).split(':')[0] === t);
    }
    case 'chty': {
      const list = toList(value, key, Number.isInteger);
      return (_a, r) => children(r).some((c) => list.includes(c.ty));
    }
    case 'pty': {
      const list = toList(value, key, Number.isInteger);
      return (_a, r) => r?.parent !== undefined && list.includes(r.parent.ty);
    }
    case 'clbl': {
      const list = toList(value, key, (v) => typeof v === 'string');
      return (_a, r) =>
        children(r).some((c) => Array.isArray(c.attrs.lbl) && c.attrs.lbl.some((l) => list.includes(l)));
    }
    case 'palb': {
      const list = toList(value, key, (v) => typeof v === 'string');
      return (_a, r) =>
        Array.isArray(r?.parent?.attrs.lbl) &&
        (r.parent.attrs.lbl as unknown[]).some((l) => list.includes(l));
    }
    case 'lbq': {
      if (typeof value !== 'string') fail(Rsc.BAD_REQUEST, "filter criterion 'lbq' must be a string");
      const query = labelsQuery(value);
      return (a) =>
        query(Array.isArray(a.lbl) ? a.lbl.filter((l): l is string => typeof l === 'string') : []);
    }
    case 'atr': {
      const pairs = attributePairs(value, key);
      return (a) => pairs.some((p) => valueMatches(a[p.nm], p.val));
    }
    case 'catr': {
      const pairs = attributePairs(value, key);
      return (_a, r) => children(r).some((c) => pairs.some((p) => valueMatches(c.attrs[p.nm], p.val)));
    }
    case 'patr': {
      const pairs = attributePairs(value, key);
      return (_a, r) =>
        r?.parent !== undefined && pairs.some((p) => valueMatches(r.parent!.attrs[p.nm], p.val));
    }
    default:
      if (HANDLING.has(key)) return undefined;
      if (UNSUPPORTED.has(key))
        fail(Rsc.NOT_IMPLEMENTED, `filter criterion '${key}' is not supported by this CSE`);
      // ACME-style flat attribute keys: {"cr": "CAdmin"} (digest §6, interop).
      if (!knownAttributes.has(key)) fail(Rsc.BAD_REQUEST, `unknown attribute '${key}' in filter criteria`);
      return (a) => valueMatches(a[key], value);
  }
}

/** Validate `fc` and build its conditions. 4000 for malformed criteria, 5001 for unsupported ones. */
export function parseFilter(
  fc: FilterCriteria | undefined,
  knownAttributes: ReadonlySet<string>,
): ParsedFilter {
  if (fc === undefined) return { fu: 2, fo: 1, conditions: [] };
  if (typeof fc !== 'object' || fc === null || Array.isArray(fc))
    fail(Rsc.BAD_REQUEST, "'fc' must be an object");
  const fu = fc.fu === undefined ? 2 : num(fc.fu, 'fu', 1);
  if (fu > 2) fail(Rsc.NOT_IMPLEMENTED, `filterUsage ${fu} is not supported by this CSE`);
  const fo = fc.fo === undefined ? 1 : num(fc.fo, 'fo', 1);
  if (fo > 2) fail(Rsc.BAD_REQUEST, `filterOperation ${fo} is not valid`);
  const parsed: ParsedFilter = { fu, fo, conditions: [] };
  if (fc.lim !== undefined) parsed.lim = num(fc.lim, 'lim', 0);
  if (fc.ofst !== undefined) parsed.ofst = num(fc.ofst, 'ofst', 1);
  if (fc.lvl !== undefined) parsed.lvl = num(fc.lvl, 'lvl', 1);
  if (fc.arp !== undefined) {
    const arp = fc.arp;
    if (typeof arp !== 'string' || arp === '' || arp.startsWith('/') || arp.split('/').includes('')) {
      fail(Rsc.BAD_REQUEST, "filter criterion 'arp' must be a relative path such as 'la' or '../x'");
    }
    parsed.arp = arp;
  }
  for (const [key, value] of Object.entries(fc)) {
    if (value === undefined) continue;
    const c = condition(key, value, knownAttributes);
    if (c) parsed.conditions.push(c);
  }
  return parsed;
}

/** Whether a resource satisfies the criteria (no criteria: everything matches). */
export function matches(filter: ParsedFilter, resource: Resource): boolean {
  if (filter.conditions.length === 0) return true;
  return filter.fo === 2
    ? filter.conditions.some((c) => c(resource.attrs, resource))
    : filter.conditions.every((c) => c(resource.attrs, resource));
}

/**
 * Discovery (fu = 1): descendants of `root` (not `root` itself) within `lvl` levels, in tree
 * order, that match and that `visible` allows. Returns the page after `ofst` / `lim` and whether
 * more remained.
 */
export function discover(
  root: Resource,
  filter: ParsedFilter,
  visible: (r: Resource) => boolean,
): { found: Resource[]; truncated: boolean; nextOffset: number } {
  let all: Resource[] = [];
  const maxDepth = filter.lvl ?? Number.POSITIVE_INFINITY;
  const walk = (r: Resource, depth: number) => {
    for (const child of r.children.values()) {
      if (matches(filter, child) && visible(child)) all.push(child);
      if (depth < maxDepth) walk(child, depth + 1);
    }
  };
  walk(root, 1);
  if (filter.arp !== undefined) {
    // Matches whose relative path leads nowhere (or somewhere not visible) drop out; duplicates merge.
    const mapped = new Set<Resource>();
    for (const r of all) {
      const target = relative(r, filter.arp);
      if (target && visible(target)) mapped.add(target);
    }
    all = [...mapped];
  }
  const start = (filter.ofst ?? 1) - 1;
  const end = filter.lim === undefined ? all.length : start + filter.lim;
  return { found: all.slice(start, end), truncated: end < all.length, nextOffset: end + 1 };
}

const EVENT_CRITERIA = ['crb', 'cra', 'ms', 'us', 'sts', 'stb', 'exb', 'exa', 'sza', 'szb'];

/** The `enc` conditions besides net/chty/atr, applied to the notified representation. */
export function matchesEventCriteria(
  attrs: Record<string, unknown>,
  enc: Record<string, unknown>,
  _now: number,
): boolean {
  const conditions: Condition[] = [];
  for (const key of EVENT_CRITERIA) {
    if (enc[key] !== undefined) conditions.push(condition(key, enc[key], new Set())!);
  }
  if (conditions.length === 0) return true;
  return enc.fo === 2 ? conditions.some((c) => c(attrs)) : conditions.every((c) => c(attrs));
}

/** Follow a relative path (`..`, child names, `la` / `ol` of instance parents) from a resource. */
function relative(from: Resource, path: string): Resource | undefined {
  let r: Resource | undefined = from;
  for (const segment of path.split('/')) {
    if (!r) return undefined;
    if (segment === '..') r = r.parent;
    else if ((segment === 'la' || segment === 'ol') && r.instances && !r.children.has(segment)) {
      r = segment === 'la' ? r.instances[r.instances.length - 1] : r.instances[0];
    } else r = r.children.get(segment);
  }
  return r;
}

/** Split labels into key → values (`key:value`; a bare `key` has the value ''). */
function labelMap(labels: readonly string[]): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const label of labels) {
    const colon = label.indexOf(':');
    const key = colon < 0 ? label : label.slice(0, colon);
    const list = map.get(key) ?? [];
    list.push(colon < 0 ? '' : label.slice(colon + 1));
    map.set(key, list);
  }
  return map;
}

/**
 * labelsQuery (TS-0004 §7.3.3.17.16): `key`, `NT key`, `key EQ v` (or `key:v`), `key NE v`,
 * `key IN (a, b)`, `key NI (a, b)`. 4000 for anything else.
 */
function labelsQuery(text: string): (labels: readonly string[]) => boolean {
  const q = text.trim();
  let m = /^NT\s+(\S+)$/.exec(q);
  if (m) {
    const key = m[1]!;
    return (labels) => !labelMap(labels).has(key);
  }
  const eq = /^(\S+)\s+(EQ|NE)\s+(\S+)$/.exec(q);
  const colon = /^([^:\s]+):(\S+)$/.exec(q);
  const parts = eq ? [eq[1]!, eq[2]!, eq[3]!] : colon ? [colon[1]!, 'EQ', colon[2]!] : undefined;
  if (parts) {
    const [key, op, v] = parts as [string, string, string];
    return (labels) => {
      const values = labelMap(labels).get(key);
      if (!values) return false;
      return op === 'EQ' ? values.includes(v) : !values.includes(v);
    };
  }
  m = /^(\S+)\s+(IN|NI)\s*\((.*)\)$/.exec(q);
  if (m) {
    const [, key, op, list] = m as unknown as [string, string, string, string];
    const wanted = list
      .split(',')
      .map((v) => v.trim())
      .filter((v) => v !== '');
    return (labels) => {
      const values = labelMap(labels).get(key);
      if (!values) return false;
      const hit = values.some((v) => wanted.includes(v));
      return op === 'IN' ? hit : !hit;
    };
  }
  if (/^[^\s:()]+$/.test(q)) return (labels) => labelMap(labels).has(q);
  fail(
    Rsc.BAD_REQUEST,
    `labelsQuery '${q}' is not an expression this CSE understands (key, NT key, key EQ v, key NE v, key IN (a, b), key NI (a, b))`,
  );
}
