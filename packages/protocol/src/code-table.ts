/**
 * Long lists of named integer codes (status codes, resource types) written as strings: names in
 * code order, each one more than the previous, and a number wherever the sequence jumps.
 * `codeTable('1 create retrieve', '10 ten')` is `{ create: 1, retrieve: 2, ten: 10 }`. As object
 * literals these lists are among the largest parts of the browser bundles; as strings the bundle
 * carries almost no numbers and gzip finds more repeats. The object type is parsed from the same
 * strings at compile time, so every member keeps its literal type.
 */

type NextDigit = { '0': '1'; '1': '2'; '2': '3'; '3': '4'; '4': '5'; '5': '6'; '6': '7'; '7': '8'; '8': '9' };

/** `N + 1` on a decimal string: TypeScript has no arithmetic on literal types. */
type Increment<N extends string> = N extends `${infer H}9`
  ? `${H extends '' ? '1' : Increment<H>}0`
  : { [D in keyof NextDigit]: N extends `${infer H}${D}` ? `${H}${NextDigit[D]}` : never }[keyof NextDigit];

type Member<Name extends string, Code extends string> = {
  [K in Name]: Code extends `${infer N extends number}` ? N : never;
};

/** Parse space-separated words; `Code` is the code of the next name. */
type Parse<S extends string, Code extends string, Acc> = S extends `${infer W} ${infer Rest}`
  ? W extends `${number}`
    ? Parse<Rest, W, Acc>
    : Parse<Rest, Increment<Code>, Acc & Member<W, Code>>
  : S extends `${number}`
    ? Acc
    : Acc & Member<S, Code>;

/** The lines joined by spaces (tail-recursive, so long tables stay within the compiler's limits). */
type Join<L extends readonly string[], Acc extends string = ''> = L extends readonly [
  infer H extends string,
  ...infer R extends readonly string[],
]
  ? Join<R, Acc extends '' ? H : `${Acc} ${H}`>
  : Acc;

/** The object a code table describes, with a numeric literal type per member. */
export type CodeTable<L extends readonly string[]> =
  Parse<Join<L>, '0', unknown> extends infer T ? { readonly [K in keyof T]: T[K] } : never;

/**
 * Build the object of a code table (see the module comment), members in table order. Lines are
 * only for reading: a line without a leading number continues the previous one.
 */
export function codeTable<const L extends readonly string[]>(...lines: L): CodeTable<L> {
  const out: Record<string, number> = {};
  let code = 0;
  for (const word of lines.join(' ').split(' ')) {
    if (/^\d/.test(word)) code = Number(word);
    else out[word] = code++;
  }
  return out as CodeTable<L>;
}
