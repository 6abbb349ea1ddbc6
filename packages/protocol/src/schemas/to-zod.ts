/** Builds zod/mini schemas from specs (`spec.ts`). Schemas are built once, at first use. */
import * as z from 'zod/mini';
import { isAbsRelTimestamp, TIMESTAMP_PATTERN } from '../timestamp.js';
import type { Infer, ObjectSpec, Spec, TypeCode } from './spec.js';

const obj = () => z.record(z.string(), z.unknown());

const CODES: Record<TypeCode, () => z.ZodMiniType> = {
  s: () => z.string(),
  e: () => z.string().check(z.minLength(1, 'must not be empty')),
  b: () => z.boolean(),
  i: () => z.int(),
  n: () => z.int().check(z.minimum(0)),
  p: () => z.int().check(z.minimum(1)),
  op: () => z.int().check(z.minimum(1), z.maximum(5)),
  m: () => z.int().check(z.minimum(0), z.maximum(63)),
  t: () => z.string().check(z.regex(TIMESTAMP_PATTERN, 'expected a YYYYMMDDTHHMMSS timestamp')),
  a: () =>
    z
      .union([z.int(), z.string()])
      .check(
        z.refine(isAbsRelTimestamp, 'expected a YYYYMMDDTHHMMSS timestamp or an integer of milliseconds'),
      ),
  S: () => z.array(z.string()),
  I: () => z.array(z.int()),
  A: () => z.array(z.unknown()),
  o: obj,
  '*': () => z.unknown(),
  is: () => z.union([z.int(), z.string()]),
  sN: () => z.nullable(z.string()),
  ois: () => z.union([obj(), z.int(), z.string()]),
  sA: () => z.union([z.string(), z.array(z.unknown())]),
};

// One schema instance per code and per spec object, shared by every schema that uses it.
const cache = new Map<Spec, z.ZodMiniType>();

function build(spec: Spec): z.ZodMiniType {
  const hit = cache.get(spec);
  if (hit) return hit;
  let schema: z.ZodMiniType;
  if (typeof spec === 'string') {
    schema = CODES[spec]();
  } else if (Array.isArray(spec)) {
    const list = z.array(build(spec[0] as Spec));
    schema = spec[1] === undefined ? list : list.check(z.maxLength(spec[1] as number));
  } else {
    const shape: Record<string, z.ZodMiniType> = {};
    for (const [key, member] of Object.entries(spec as ObjectSpec)) {
      const mandatory = key.endsWith('!');
      shape[mandatory ? key.slice(0, -1) : key] = mandatory ? build(member) : z.optional(build(member));
    }
    schema = z.looseObject(shape);
  }
  cache.set(spec, schema);
  return schema;
}

/** The zod/mini schema of a spec; unknown members are tolerated at every level. */
export function toZod<S extends Spec>(spec: S): z.ZodMiniType<Infer<S>> {
  return build(spec) as z.ZodMiniType<Infer<S>>;
}
