/**
 * A compact type notation for oneM2M data, from which both the zod schemas (`to-zod.ts`) and
 * the zod-free validators (`check.ts`) are built. One source of truth, two consumers: the zod
 * schemas give users inferred types and standard schema objects, while the send/receive
 * validators on the hot path stay small enough for the browser bundle budget.
 *
 * - A string is a type code (see {@link TypeCode}).
 * - An object is a complex type: its members are optional unless the key ends in `!`. Unknown
 *   members are always tolerated (loose objects).
 * - `[spec]` is a list of `spec`; `[spec, n]` a list of at most `n` items.
 */

/**
 * Type codes: `s` string, `e` non-empty string, `b` boolean, `i` integer, `n` integer ≥ 0,
 * `p` integer ≥ 1, `op` operation 1..5, `m` acop mask 0..63, `t` m2m:timestamp, `a`
 * m2m:absRelTimestamp, `S` string list, `I` integer list, `A` list of anything, `o` object with
 * any members, `*` anything, and the unions `is` (integer or string), `sN` (string or null),
 * `ois` (object, integer or string), `sA` (string or list).
 */
export type TypeCode =
  | 's'
  | 'e'
  | 'b'
  | 'i'
  | 'n'
  | 'p'
  | 'op'
  | 'm'
  | 't'
  | 'a'
  | 'S'
  | 'I'
  | 'A'
  | 'o'
  | '*'
  | 'is'
  | 'sN'
  | 'ois'
  | 'sA';

/** A type in the notation: a code, a list `[spec]` / `[spec, max]`, or a complex type. */
export type Spec = TypeCode | ListSpec | ObjectSpec;
/** A list type. */
export type ListSpec = readonly [Spec] | readonly [Spec, number];
/** A complex type: member name (with `!` when mandatory) → type. */
export interface ObjectSpec {
  readonly [member: string]: Spec;
}

type CodeType<C> = C extends 's' | 'e' | 't'
  ? string
  : C extends 'b'
    ? boolean
    : C extends 'i' | 'n' | 'p' | 'op' | 'm'
      ? number
      : C extends 'a'
        ? string | number
        : C extends 'S'
          ? string[]
          : C extends 'I'
            ? number[]
            : C extends 'A'
              ? unknown[]
              : C extends 'o'
                ? Record<string, unknown>
                : C extends 'is'
                  ? number | string
                  : C extends 'sN'
                    ? string | null
                    : C extends 'ois'
                      ? Record<string, unknown> | number | string
                      : C extends 'sA'
                        ? string | unknown[]
                        : unknown;

type Simplify<T> = { [K in keyof T]: T[K] } & {};

type InferObject<S> = Simplify<
  { -readonly [K in keyof S as K extends `${infer N}!` ? N : never]: Infer<S[K]> } & {
    -readonly [K in keyof S as K extends `${string}!` ? never : K]?: Infer<S[K]>;
  } & { [extra: string]: unknown }
>;

/** The TypeScript type a spec describes. */
export type Infer<S> = S extends string
  ? CodeType<S>
  : S extends readonly [infer E, ...unknown[]]
    ? Infer<E>[]
    : S extends object
      ? InferObject<S>
      : never;
