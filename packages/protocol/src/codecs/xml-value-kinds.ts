/**
 * How each short name is written in XML and typed back on read (TS-0004 §8.3, digest §8.2).
 * XML text carries no types, so the reader needs to know that `<mni>5</mni>` is a number,
 * `<lbl>a b</lbl>` an `xs:list` of strings and `<acr>` a complex element that repeats.
 *
 * The kinds are derived from the validation specs (`schemas/specs.ts`), so a name is typed once
 * for both; {@link EXCEPTIONS} holds only what the specs cannot say. Names not known are strings,
 * except qualified names (`m2m:cnt`, `cod:tempe`), which are complex elements. A value whose
 * JavaScript type does not fit its kind (for example a flexContainer custom attribute holding a
 * number, or a server-specific member) is written as JSON text with `type="json"` by the writer,
 * so no value is ever lost.
 */
import type { ObjectSpec, Spec, TypeCode } from '../schemas/spec.js';
import { CHILD_RESOURCE_REF_SPEC, CONTENT_SPECS } from '../schemas/specs.js';

export type ValueKind =
  /** xs:string, IDs, URIs, timestamps, durations. Empty element → `""`. */
  | 'string'
  /** A string that is NULL when empty (`cr` on CREATE is `<cr/>`). */
  | 'nullableString'
  /** Integers, enumerations, floats. Empty element → `null`. */
  | 'number'
  /** xs:boolean (`true`/`false`, also `1`/`0` on read). Empty element → `null`. */
  | 'boolean'
  /** m2m:absRelTimestamp: an integer (ms) or a timestamp string. */
  | 'absRel'
  /** xs:list of strings: one element, whitespace-separated. Empty element → `[]`. */
  | 'stringList'
  /** xs:list of numbers: one element, whitespace-separated. Empty element → `[]`. */
  | 'numberList'
  /** A simple-typed element with maxOccurs > 1 whose values may hold spaces: repeated elements. */
  | 'stringRepeated'
  /** A complex element. Empty element → `{}`. */
  | 'object'
  /** A complex element with maxOccurs > 1: repeated elements, always an array on read. */
  | 'objectList'
  /** m2m:childResourceRef items (`ch`, `rrf`): `<ch nm=".." typ="3" spty="..">val</ch>`, repeated. */
  | 'childRef'
  /** xs:anyType (`con`, `val`): a string as text, anything else as JSON text with `type="json"`. */
  | 'any';

/** Names per kind, space-separated, as {@link table} reads them. */
type NamesByKind = { readonly [K in ValueKind]?: string };

/**
 * Names per kind, space-separated: `table({ number: 'mni mbs' })` maps `mni` and `mbs` to
 * `number`. Strings, not arrays of names: the quotes and commas cost more than the names in the
 * browser bundle.
 */
function table(names: NamesByKind): Map<string, ValueKind> {
  const map = new Map<string, ValueKind>();
  for (const [kind, list] of Object.entries(names) as [ValueKind, string][]) {
    for (const name of list.split(' ')) map.set(name, kind);
  }
  return map;
}

/**
 * What the specs cannot say, by kind:
 * - `cty` (`S`) and `smf` (`sA`): string lists, but a value may hold spaces (`text/plain;
 *   charset=..`), so XML repeats the element instead of writing an `xs:list`; likewise `actw sce
 *   escert`, which the specs lack.
 * - `rep` (`*` in the specs), `spty` and `loc` (object, integer or string): complex elements.
 * - `mdlt` (`A`, a list of anything): an `xs:list` of strings.
 * - `con` and `val` (`*`): anyType. The other `*` members (`ape`, `conr`, `nsi`) and unions
 *   (`tri`, `mgca`, `geom`) give no kind and stay unknown (strings); `pc`, `*` in `<request>`,
 *   keeps the object kind the primitives give it.
 * - `ty`, `net`, `om`: typed differently by place in the specs (a list in `fc` or `enc`, single
 *   elsewhere); this is their kind outside the places that type them otherwise.
 * - Other names the specs lack: `ipv4 ipv6 accc accr esf mgd aclr acip esro se ltia`.
 */
const EXCEPTIONS: NamesByKind = {
  stringRepeated: 'cty smf actw sce escert',
  object: 'rep spty loc om aclr acip esro se',
  stringList: 'mdlt ipv4 ipv6 accc',
  numberList: 'accr esf',
  number: 'ty net mgd',
  objectList: 'ltia',
  any: 'con val',
};

/**
 * The kind of each simple type code. Codes not listed (`*`, unions, `A`) have none, and neither
 * have strings (`s`, `e`, `t`): the reader lets a name the table does not know repeat, which a
 * string kind would refuse.
 */
const CODE_KINDS: { readonly [C in TypeCode]?: ValueKind } = {
  b: 'boolean',
  i: 'number',
  n: 'number',
  p: 'number',
  op: 'number',
  m: 'number',
  a: 'absRel',
  S: 'stringList',
  I: 'numberList',
  o: 'object',
  sN: 'nullableString',
};

/** The kind of a member from its spec (`item` is the list item when `spec` is a list). */
function kindOfSpec(spec: Spec, item: Spec): ValueKind | undefined {
  if (spec !== item) {
    if (item === CHILD_RESOURCE_REF_SPEC) return 'childRef';
    return typeof item === 'object' || item === 'o' ? 'objectList' : item === 'i' ? 'numberList' : undefined;
  }
  return typeof item === 'object' ? 'object' : CODE_KINDS[item as TypeCode];
}

/** Kinds by name, and the kinds that depend on the enclosing element, by its name. */
type Tables = [global: Map<string, ValueKind>, contexts: Map<string, Map<string, ValueKind>>];

let tables: Tables | undefined;

/**
 * Builds the tables from the specs on first use (a bundle that never reads XML pays nothing). A
 * name typed one way everywhere goes in the global table; a name typed differently by place, or
 * a qualified member of a spec (`m2m:sgn` in `m2m:agn`), goes in the context of each element
 * whose kind differs from the global one. A spec held by two members is walked under each of
 * their names (eventNotificationCriteria is `enc` of a subscription and `encn` of a
 * crossResourceSubscription), once per name.
 */
function build(): Tables {
  const found: [parent: string, name: string, kind: ValueKind][] = [];
  const walked = new Set<string>();
  const ids = new Map<Spec, number>();
  const walk = (spec: ObjectSpec, parent: string): void => {
    // Once per spec and name: the specs nest (a response inside an aggregated response).
    const id = ids.get(spec) ?? ids.set(spec, ids.size).size - 1;
    if (walked.has(`${id} ${parent}`)) return;
    walked.add(`${id} ${parent}`);
    for (const [key, member] of Object.entries(spec)) {
      const name = key.replace('!', '');
      const item = Array.isArray(member) ? (member[0] as Spec) : member;
      const kind = kindOfSpec(member, item);
      if (kind) found.push([parent, name, kind]);
      if (typeof item === 'object') walk(item as ObjectSpec, name);
    }
  };
  for (const [name, spec] of Object.entries(CONTENT_SPECS) as [string, Spec][]) {
    if (typeof spec === 'object') {
      walk(spec as ObjectSpec, name);
    } else {
      // A qualified name is a complex element unless typed, so `m2m:uri` needs `string`.
      const kind = spec === 's' ? 'string' : CODE_KINDS[spec as TypeCode];
      if (kind) found.push(['', name, kind]);
    }
  }
  const global = new Map<string, ValueKind>();
  const mixed = new Set<string>();
  for (const [parent, name, kind] of found) {
    if ((parent && isQualifiedName(name)) || (global.get(name) ?? kind) !== kind) mixed.add(name);
    else global.set(name, kind);
  }
  for (const name of mixed) global.delete(name);
  for (const [name, kind] of table(EXCEPTIONS)) global.set(name, kind);
  const contexts = new Map<string, Map<string, ValueKind>>();
  for (const [parent, name, kind] of found) {
    if (!mixed.has(name) || global.get(name) === kind) continue;
    const context = contexts.get(parent) ?? new Map<string, ValueKind>();
    contexts.set(parent, context.set(name, kind));
  }
  return [global, contexts];
}

/** True for a qualified name (`m2m:cnt`, `cod:tempe`): an XSD global element. */
export function isQualifiedName(name: string): boolean {
  return name.includes(':');
}

/**
 * The kind of the member `name` inside the element `parent` (the parent's own member name, or the
 * root element name for top-level parameters).
 * @returns the kind, and whether the table knows the name (unknown names may repeat freely on read).
 */
export function kindOf(name: string, parent: string): ValueKind | undefined {
  tables ??= build();
  const [global, contexts] = tables;
  const contextual = contexts.get(parent)?.get(name);
  if (contextual !== undefined) return contextual;
  const known = global.get(name);
  if (known !== undefined) return known;
  if (isQualifiedName(name)) {
    // Inline child resources (rcn 4/8) repeat inside their parent resource; m2m:rce holds one.
    return isQualifiedName(parent) && parent !== 'm2m:rce' && parent !== 'm2m:rqp' && parent !== 'm2m:rsp'
      ? 'objectList'
      : 'object';
  }
  return undefined;
}
