/**
 * How each short name is written in XML and typed back on read (TS-0004 §8.3, digest §8.2).
 * XML text carries no types, so the reader needs to know that `<mni>5</mni>` is a number,
 * `<lbl>a b</lbl>` an `xs:list` of strings and `<acr>` a complex element that repeats.
 *
 * The table comes from the attribute and parameter tables of the digest (§1, §2, §5, §6, §7) and
 * Appendix A. Names not listed are strings, except qualified names (`m2m:cnt`, `cod:tempe`), which
 * are complex elements. A value whose JavaScript type does not fit its kind (for example a
 * flexContainer custom attribute holding a number, or a server-specific member) is written as JSON
 * text with `type="json"` by the writer, so no value is ever lost.
 */
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

/**
 * Names per kind, space-separated: `table({ number: 'mni mbs' })` maps `mni` and `mbs` to
 * `number`. Strings, not arrays of names: the quotes and commas cost more than the names in the
 * browser bundle.
 */
function table(names: { readonly [K in ValueKind]?: string }): ReadonlyMap<string, ValueKind> {
  const map = new Map<string, ValueKind>();
  for (const [kind, list] of Object.entries(names) as [ValueKind, string][]) {
    for (const name of list.split(' ')) map.set(name, kind);
  }
  return map;
}

const GLOBAL_KINDS = /* @__PURE__ */ table({
  stringList:
    'lbl acpi at aa poa srv nu csz rids tkns tids ltids grtm aus mid macp daci adri apri airi ' +
    'acor scp subi acrs rrat srat rrats clbl palb ipv4 ipv6 accc mdlt hael hsl dcse m2m:uril m2m:atrl',
  numberList: 'srt chty pty accr esf',
  number:
    'op ty rsc rcn ec drt cnst cnot rtv st mni mbs mia cni cbs cs exc psn pn nsp nct nec net ' +
    'mt cnm mnm csy cst acop fu fo lim lvl ofst sts stb sza szb cfs regs trn pei peid mdn mdc ' +
    'mdt snr twt mnn num rs typ mgd gmty gsf ast dcnt ops mtcc',
  boolean:
    'rr da tqi asi auri sqi disr ln mtv ssi vrq sud trr tra aerp aerid acaf tren trps mdd nse ' +
    'eeno asri rqag rms fcied',
  absRel: 'rqet rset oet rp dgt',
  object:
    'pc rt fc enc bn rl md nev rep om pv pvs aclr acip spty nar esi esro loc ors mi idr encs se ati tqf',
  objectList: 'acr acco acod catr patr encn ltia',
  stringRepeated: 'cty smf actw sce escert',
  childRef: 'ch rrf',
  any: 'con val',
  nullableString: 'cr',
  string: 'm2m:uri m2m:dbg m2m:qres',
});

/** Kinds that depend on the enclosing element (the same short name means different types). */
const CONTEXT_KINDS: ReadonlyMap<string, ReadonlyMap<string, ValueKind>> = /* @__PURE__ */ new Map([
  // filterCriteria: `ty` is a list of resource types, `atr` a list of {nm, val}.
  ['fc', /* @__PURE__ */ table({ numberList: 'ty', objectList: 'atr' })],
  // eventNotificationCriteria: `net` holds up to 5 values, `atr` is an attribute-name list, `om` repeats.
  ['enc', /* @__PURE__ */ table({ numberList: 'net', stringList: 'atr', objectList: 'om' })],
  // Batch notifications and aggregated responses hold repeated primitives.
  ['m2m:agn', /* @__PURE__ */ table({ objectList: 'm2m:sgn' })],
  ['m2m:agr', /* @__PURE__ */ table({ objectList: 'm2m:rsp' })],
]);

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
  const contextual = CONTEXT_KINDS.get(parent)?.get(name);
  if (contextual !== undefined) return contextual;
  const known = GLOBAL_KINDS.get(name);
  if (known !== undefined) return known;
  if (isQualifiedName(name)) {
    // Inline child resources (rcn 4/8) repeat inside their parent resource; m2m:rce holds one.
    return isQualifiedName(parent) && parent !== 'm2m:rce' && parent !== 'm2m:rqp' && parent !== 'm2m:rsp'
      ? 'objectList'
      : 'object';
  }
  return undefined;
}
