import { ProtocolError } from '../errors.js';
import { CONTEXT_NAMES, NAME_GROUPS, OPAQUE_MEMBERS, QUALIFIED_NAMES } from './tables.js';

/**
 * One name table, both ways. A tuple rather than an object of two named maps: property names are
 * kept whole in the minified bundle, tuple indexes are one character.
 */
type Table = readonly [toLong: ReadonlyMap<string, string>, toShort: ReadonlyMap<string, string>];

interface Tables {
  plain: Table;
  qualified: Table;
  contexts: ReadonlyMap<string, Table>;
  /** The table of a name outside every context element: empty. */
  noContext: Table;
  opaque: ReadonlySet<string>;
}
let tables: Tables | undefined;

// Maps, not object lookups: a key such as `__proto__` or `constructor` must never resolve to a
// prototype member. Built on first use, so importing this module costs nothing.
function load(): Tables {
  if (tables) return tables;
  const toLong = new Map<string, string>();
  const toShort = new Map<string, string>();
  for (const group of NAME_GROUPS) {
    for (const [short, long] of Object.entries(group)) {
      toLong.set(short, long);
      // First group wins for a long name shared by two short names (none today; tests check it).
      if (!toShort.has(long)) toShort.set(long, short);
    }
  }
  tables = {
    plain: [toLong, toShort],
    qualified: bothWays(QUALIFIED_NAMES),
    contexts: new Map(Object.entries(CONTEXT_NAMES).map(([parent, names]) => [parent, bothWays(names)])),
    noContext: bothWays({}),
    opaque: new Set(OPAQUE_MEMBERS),
  };
  return tables;
}

function bothWays(names: Readonly<Record<string, string>>): Table {
  const entries = Object.entries(names);
  return [new Map(entries), new Map(entries.map(([short, long]) => [long, short]))];
}

/** Deepest nesting {@link toShortNames} / {@link toLongNames} follow before refusing the value. */
export const MAX_NAME_DEPTH = 256;

/** The long name of a plain (unqualified) short name, e.g. `rn` → `resourceName`. */
export function longNameOf(short: string): string | undefined {
  return load().plain[0].get(short);
}

/** The short name of a plain (unqualified) long name, e.g. `resourceName` → `rn`. */
export function shortNameOf(long: string): string | undefined {
  return load().plain[1].get(long);
}

/** True when `name` is a known short name (parameter or attribute). */
export function isShortName(name: string): boolean {
  return load().plain[0].has(name);
}

/**
 * `[short, long]` of a member name; `undefined` for an unknown plain name, which is copied with its
 * value untouched. Known names and qualified elements are descended into.
 */
type Resolved = readonly [short: string, long: string] | undefined;

function resolveQualified(t: Tables, key: string, colon: number): Resolved {
  // Only m2m names have a long form; other namespaces (`cod:tempe`) are kept but descended into.
  if (key.slice(0, colon) !== 'm2m') return [key, key];
  const local = key.slice(colon + 1);
  const [toLong, toShort] = t.qualified;
  const long = toLong.get(local);
  if (long !== undefined) return [key, `m2m:${long}`];
  const short = toShort.get(local);
  return short === undefined ? [key, key] : [`m2m:${short}`, key];
}

function resolveKey(t: Tables, key: string, parent: string | undefined): Resolved {
  const colon = key.indexOf(':');
  if (colon > 0) return resolveQualified(t, key, colon);
  const [ctxToLong, ctxToShort] = (parent !== undefined && t.contexts.get(parent)) || t.noContext;
  const [toLong, toShort] = t.plain;
  const long = ctxToLong.get(key) ?? toLong.get(key);
  // A global name whose long form the context gives to another short name (`org` inside `om`,
  // where `or` is the originator) stays as written, so translation remains reversible.
  if (long !== undefined && !ctxToLong.has(key) && ctxToShort.has(long)) return [key, key];
  if (long !== undefined) return [key, long];
  const short = ctxToShort.get(key) ?? toShort.get(key);
  return short === undefined ? undefined : [short, key];
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object') return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

function setOwn(out: Record<string, unknown>, key: string, value: unknown): void {
  // Plain assignment of `__proto__` would replace the prototype instead of adding a member.
  if (key === '__proto__') {
    Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    out[key] = value;
  }
}

function translateValue(
  t: Tables,
  value: unknown,
  toShort: boolean,
  parent: string | undefined,
  depth: number,
): unknown {
  if (Array.isArray(value)) {
    if (depth > MAX_NAME_DEPTH) throw tooDeep();
    return value.map((item) => translateValue(t, item, toShort, parent, depth + 1));
  }
  if (!isPlainObject(value)) return value;
  if (depth > MAX_NAME_DEPTH) throw tooDeep();
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const names = resolveKey(t, key, parent);
    const child = value[key];
    if (names === undefined) {
      setOwn(out, key, child);
      continue;
    }
    const [short, long] = names;
    setOwn(
      out,
      toShort ? short : long,
      t.opaque.has(short) ? child : translateValue(t, child, toShort, short, depth + 1),
    );
  }
  return out;
}

function tooDeep(): ProtocolError {
  return new ProtocolError('INVALID_PRIMITIVE', `value nested deeper than ${MAX_NAME_DEPTH} levels`);
}

/**
 * Translate every member name of `value` to its short form, recursively: `resourceName` → `rn`,
 * `m2m:container` → `m2m:cnt`. Short names already present stay; unknown keys are kept as-is and
 * their values are copied untouched (custom flexContainer attributes, vendor data). Values are
 * never changed, and the contents of `con` are opaque. Returns a new object; the input is not
 * modified.
 *
 * @throws {ProtocolError} `INVALID_PRIMITIVE` for nesting deeper than {@link MAX_NAME_DEPTH} (or a cycle).
 */
export function toShortNames<T = unknown>(value: unknown): T {
  return translateValue(load(), value, true, undefined, 0) as T;
}

/**
 * Translate every member name of `value` to its long form, recursively: `rn` → `resourceName`,
 * `m2m:cnt` → `m2m:container`. The mirror of {@link toShortNames}, with the same rules.
 *
 * @throws {ProtocolError} `INVALID_PRIMITIVE` for nesting deeper than {@link MAX_NAME_DEPTH} (or a cycle).
 */
export function toLongNames<T = unknown>(value: unknown): T {
  return translateValue(load(), value, false, undefined, 0) as T;
}
