import { ProtocolError } from '../errors.js';
import { CONTEXT_NAMES, NAME_GROUPS, OPAQUE_MEMBERS, QUALIFIED_NAMES } from './tables.js';

interface ContextTable {
  s2l: Map<string, string>;
  l2s: Map<string, string>;
}

interface Tables {
  shortToLong: Map<string, string>;
  longToShort: Map<string, string>;
  qShortToLong: Map<string, string>;
  qLongToShort: Map<string, string>;
  contexts: Map<string, ContextTable>;
  opaque: Set<string>;
}
let tables: Tables | undefined;

// Maps, not object lookups: a key such as `__proto__` or `constructor` must never resolve to a
// prototype member. Built on first use, so importing this module costs nothing.
function load(): Tables {
  if (tables) return tables;
  const shortToLong = new Map<string, string>();
  const longToShort = new Map<string, string>();
  for (const group of NAME_GROUPS) {
    for (const [short, long] of Object.entries(group)) {
      shortToLong.set(short, long);
      // First group wins for a long name shared by two short names (none today; tests check it).
      if (!longToShort.has(long)) longToShort.set(long, short);
    }
  }
  const qShortToLong = new Map<string, string>(Object.entries(QUALIFIED_NAMES));
  const qLongToShort = new Map<string, string>();
  for (const [short, long] of qShortToLong) qLongToShort.set(long, short);
  const contexts = new Map<string, ContextTable>();
  for (const [parent, table] of Object.entries(CONTEXT_NAMES)) {
    const entries = Object.entries(table);
    contexts.set(parent, { s2l: new Map(entries), l2s: new Map(entries.map(([s, l]) => [l, s])) });
  }
  tables = {
    shortToLong,
    longToShort,
    qShortToLong,
    qLongToShort,
    contexts,
    opaque: new Set(OPAQUE_MEMBERS),
  };
  return tables;
}

/** Deepest nesting {@link toShortNames} / {@link toLongNames} follow before refusing the value. */
export const MAX_NAME_DEPTH = 256;

/** The long name of a plain (unqualified) short name, e.g. `rn` → `resourceName`. */
export function longNameOf(short: string): string | undefined {
  return load().shortToLong.get(short);
}

/** The short name of a plain (unqualified) long name, e.g. `resourceName` → `rn`. */
export function shortNameOf(long: string): string | undefined {
  return load().longToShort.get(long);
}

/** True when `name` is a known short name (parameter or attribute). */
export function isShortName(name: string): boolean {
  return load().shortToLong.has(name);
}

interface Resolved {
  short: string;
  long: string;
  /** Known names and qualified elements are descended into; unknown plain keys are copied. */
  known: boolean;
}

function resolveQualified(t: Tables, key: string, colon: number): Resolved {
  // Only m2m names have a long form; other namespaces (`cod:tempe`) are kept but descended into.
  if (key.slice(0, colon) !== 'm2m') return { short: key, long: key, known: true };
  const local = key.slice(colon + 1);
  let short = t.qLongToShort.get(local);
  let long = t.qShortToLong.get(local);
  if (long !== undefined) short = local;
  else if (short !== undefined) long = local;
  else return { short: key, long: key, known: true };
  return { short: `m2m:${short}`, long: `m2m:${long}`, known: true };
}

function resolveKey(t: Tables, key: string, parent: string | undefined): Resolved {
  const colon = key.indexOf(':');
  if (colon > 0) return resolveQualified(t, key, colon);
  const ctx = parent === undefined ? undefined : t.contexts.get(parent);
  const long = ctx?.s2l.get(key) ?? t.shortToLong.get(key);
  // A global name whose long form the context gives to another short name (`org` inside `om`,
  // where `or` is the originator) stays as written, so translation remains reversible.
  if (long !== undefined && ctx !== undefined && !ctx.s2l.has(key) && ctx.l2s.has(long)) {
    return { short: key, long: key, known: true };
  }
  if (long !== undefined) return { short: key, long, known: true };
  const short = ctx?.l2s.get(key) ?? t.longToShort.get(key);
  if (short !== undefined) return { short, long: key, known: true };
  return { short: key, long: key, known: false };
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
    const r = resolveKey(t, key, parent);
    const child = value[key];
    const next =
      r.known && !t.opaque.has(r.short) ? translateValue(t, child, toShort, r.short, depth + 1) : child;
    setOwn(out, toShort ? r.short : r.long, next);
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
