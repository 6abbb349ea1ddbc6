/**
 * A zod-free checker for specs (`spec.ts`). It accepts exactly what the zod schemas built from
 * the same specs accept (a property test holds them together), but costs a fraction of the
 * bundle size, so the send/receive validators can run on every primitive in the browser.
 * Specs are compiled to check functions once, on first use.
 */
import { isAbsRelTimestamp, TIMESTAMP_PATTERN } from '../timestamp.js';
import type { ObjectSpec, Spec, TypeCode } from './spec.js';

/** The first problem found: the dotted path of the member and why it was refused. */
export interface SpecProblem {
  path: string;
  reason: string;
}

/**
 * A compiled spec: returns the first problem (its path relative to the value), or `undefined`
 * when the value conforms. Paths are built only on failure, so success allocates nothing.
 */
export type SpecChecker = (value: unknown) => SpecProblem | undefined;

const isInt = (v: unknown): v is number => Number.isSafeInteger(v);
/** A JSON-like object: not null, not an array (what zod's looseObject accepts). */
export const isObjectLike = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
/** A plain object (what zod's record accepts): its prototype is Object.prototype or null. */
const isPlain = (v: unknown): v is Record<string, unknown> => {
  if (!isObjectLike(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
};

/** Prefix a child's problem with the member name or index it was found under. */
const under = (key: string | number, p: SpecProblem): SpecProblem => ({
  path: p.path ? `${key}.${p.path}` : String(key),
  reason: p.reason,
});
const problem = (reason: string): SpecProblem => ({ path: '', reason });

function scalar(test: (v: unknown) => boolean, reason: string): SpecChecker {
  return (v) => (test(v) ? undefined : problem(reason));
}

function intRange(min: number, max: number): SpecChecker {
  return (v) => {
    if (!isInt(v)) return problem('expected an integer');
    if (v < min) return problem(`must be at least ${min}`);
    if (v > max) return problem(`must be at most ${max}`);
    return undefined;
  };
}

function listOf(item: SpecChecker, max?: number): SpecChecker {
  return (v) => {
    if (!Array.isArray(v)) return problem('expected array');
    if (max !== undefined && v.length > max) return problem(`holds at most ${max} item(s)`);
    for (let i = 0; i < v.length; i++) {
      const p = item(v[i]);
      if (p) return under(i, p);
    }
    return undefined;
  };
}

const str = scalar((v) => typeof v === 'string', 'expected string');
const int = scalar(isInt, 'expected an integer');

const CODES: Record<TypeCode, SpecChecker> = {
  s: str,
  e: (v) =>
    typeof v !== 'string' ? problem('expected string') : v ? undefined : problem('must not be empty'),
  b: scalar((v) => typeof v === 'boolean', 'expected boolean'),
  i: int,
  n: intRange(0, Number.MAX_SAFE_INTEGER),
  p: intRange(1, Number.MAX_SAFE_INTEGER),
  op: intRange(1, 5),
  m: intRange(0, 63),
  t: (v) =>
    typeof v !== 'string'
      ? problem('expected string')
      : TIMESTAMP_PATTERN.test(v)
        ? undefined
        : problem('expected a YYYYMMDDTHHMMSS timestamp'),
  a: (v) =>
    !isInt(v) && typeof v !== 'string'
      ? problem('expected int or string')
      : isAbsRelTimestamp(v)
        ? undefined
        : problem('expected a YYYYMMDDTHHMMSS timestamp or an integer of milliseconds'),
  S: listOf(str),
  I: listOf(int),
  A: scalar(Array.isArray, 'expected array'),
  o: scalar(isPlain, 'expected record'),
  '*': () => undefined,
  is: scalar((v) => isInt(v) || typeof v === 'string', 'expected int or string'),
  sN: scalar((v) => v === null || typeof v === 'string', 'expected string or null'),
  ois: scalar((v) => isPlain(v) || isInt(v) || typeof v === 'string', 'expected record or int or string'),
  sA: scalar((v) => typeof v === 'string' || Array.isArray(v), 'expected string or array'),
};

const compiled = new Map<Spec, SpecChecker>();

/** Compile a spec to a checker (cached per spec object). */
export function checkerOf(spec: Spec): SpecChecker {
  const hit = compiled.get(spec);
  if (hit) return hit;
  let checker: SpecChecker;
  if (typeof spec === 'string') {
    checker = CODES[spec];
  } else if (Array.isArray(spec)) {
    checker = listOf(checkerOf(spec[0] as Spec), spec[1] as number | undefined);
  } else {
    // Walk the value's own keys (usually few) rather than every member of the spec (often 30).
    const members = new Map<string, SpecChecker>();
    const mandatory: string[] = [];
    for (const [key, member] of Object.entries(spec as ObjectSpec)) {
      const name = key.endsWith('!') ? key.slice(0, -1) : key;
      if (name !== key) mandatory.push(name);
      members.set(name, checkerOf(member));
    }
    checker = (v) => {
      if (!isObjectLike(v)) return problem('expected object');
      for (const name of mandatory) {
        if (!Object.hasOwn(v, name) || v[name] === undefined) return { path: name, reason: 'is mandatory' };
      }
      for (const key of Object.keys(v)) {
        const check = members.get(key);
        const value = v[key];
        if (check === undefined || value === undefined) continue;
        const p = check(value);
        if (p) return under(key, p);
      }
      return undefined;
    };
  }
  compiled.set(spec, checker);
  return checker;
}
