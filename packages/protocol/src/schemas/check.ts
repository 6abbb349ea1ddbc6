/**
 * A zod-free checker for specs (`spec.ts`). It accepts exactly what the zod schemas built from
 * the same specs accept (a property test holds them together), but costs a fraction of the
 * bundle size, so the send/receive validators can run on every primitive in the browser.
 * Specs are compiled to check functions once, on first use.
 */
import { isAbsRelTimestamp, TIMESTAMP_PATTERN } from '../timestamp.js';
import type { ObjectSpec, Spec, TypeCode } from './spec.js';

/** The first problem found: the dotted path of the member and why it was refused. */
export interface Problem {
  path: string;
  reason: string;
}

/** A compiled spec: returns the first problem, or `undefined` when the value conforms. */
export type Checker = (value: unknown, path: string) => Problem | undefined;

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

const at = (path: string, key: string | number): string => (path ? `${path}.${key}` : String(key));

function scalar(test: (v: unknown) => boolean, reason: string): Checker {
  return (v, path) => (test(v) ? undefined : { path, reason });
}

function intRange(min: number, max: number): Checker {
  return (v, path) => {
    if (!isInt(v)) return { path, reason: 'expected an integer' };
    if (v < min) return { path, reason: `must be at least ${min}` };
    if (v > max) return { path, reason: `must be at most ${max}` };
    return undefined;
  };
}

function listOf(item: Checker, max?: number): Checker {
  return (v, path) => {
    if (!Array.isArray(v)) return { path, reason: 'expected array' };
    if (max !== undefined && v.length > max) return { path, reason: `holds at most ${max} item(s)` };
    for (let i = 0; i < v.length; i++) {
      const problem = item(v[i], at(path, i));
      if (problem) return problem;
    }
    return undefined;
  };
}

const str = scalar((v) => typeof v === 'string', 'expected string');
const int = scalar(isInt, 'expected an integer');

const CODES: Record<TypeCode, Checker> = {
  s: str,
  e: (v, path) =>
    typeof v !== 'string'
      ? { path, reason: 'expected string' }
      : v
        ? undefined
        : { path, reason: 'must not be empty' },
  b: scalar((v) => typeof v === 'boolean', 'expected boolean'),
  i: int,
  n: intRange(0, Number.MAX_SAFE_INTEGER),
  p: intRange(1, Number.MAX_SAFE_INTEGER),
  op: intRange(1, 5),
  m: intRange(0, 63),
  t: (v, path) =>
    typeof v !== 'string'
      ? { path, reason: 'expected string' }
      : TIMESTAMP_PATTERN.test(v)
        ? undefined
        : { path, reason: 'expected a YYYYMMDDTHHMMSS timestamp' },
  a: (v, path) =>
    !isInt(v) && typeof v !== 'string'
      ? { path, reason: 'expected int or string' }
      : isAbsRelTimestamp(v)
        ? undefined
        : { path, reason: 'expected a YYYYMMDDTHHMMSS timestamp or an integer of milliseconds' },
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

const compiled = new Map<Spec, Checker>();

/** Compile a spec to a checker (cached per spec object). */
export function checkerOf(spec: Spec): Checker {
  const hit = compiled.get(spec);
  if (hit) return hit;
  let checker: Checker;
  if (typeof spec === 'string') {
    checker = CODES[spec];
  } else if (Array.isArray(spec)) {
    checker = listOf(checkerOf(spec[0] as Spec), spec[1] as number | undefined);
  } else {
    const members = Object.entries(spec as ObjectSpec).map(([key, member]) => {
      const mandatory = key.endsWith('!');
      return { name: mandatory ? key.slice(0, -1) : key, mandatory, check: checkerOf(member) };
    });
    checker = (v, path) => {
      if (!isObjectLike(v)) return { path, reason: 'expected object' };
      for (const m of members) {
        const value = Object.hasOwn(v, m.name) ? v[m.name] : undefined;
        if (value === undefined) {
          if (m.mandatory) return { path: at(path, m.name), reason: 'is mandatory' };
          continue;
        }
        const problem = m.check(value, at(path, m.name));
        if (problem) return problem;
      }
      return undefined;
    };
  }
  compiled.set(spec, checker);
  return checker;
}
