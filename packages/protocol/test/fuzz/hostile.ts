import { Encoder } from 'cbor-x';
import fc from 'fast-check';
import { encodeXml } from '../../src/codecs/xml.js';
import type { Primitive } from '../../src/primitive.js';
import { corpus } from '../fixtures/corpus.js';

/**
 * Hostile inputs for fuzzing the decoders and the CSE's request handling: raw frames in all three
 * serializations built from the corpus and then damaged (byte flips, truncation, splices, wrong
 * types for every primitive parameter, hostile keys, deep nesting, huge numbers and strings).
 * Frames are produced as text or bytes directly, not through the SDK's encoders, so they can hold
 * what those encoders refuse.
 */

/** How many runs each property makes; `FUZZ_RUNS` raises it for a long local run. */
export const FUZZ_RUNS = Math.max(1, Number(process.env.FUZZ_RUNS) || 300);

/** Primitive parameters of TS-0004 §8.1 (requests and responses), the targets of wrong types. */
// biome-ignore format: one compact list
export const PARAMETERS = [
  'op', 'to', 'fr', 'rqi', 'rvi', 'ty', 'pc', 'rids', 'ot', 'rqet', 'rset', 'oet', 'rt', 'rp', 'rcn',
  'ec', 'da', 'gid', 'fc', 'drt', 'tkns', 'tids', 'ltids', 'tqi', 'grtm', 'asi', 'aus', 'auri', 'sqi',
  'vsi', 'rsc', 'cnst', 'cnot',
] as const;

/** Keys that are handles of prototype pollution. */
export const HOSTILE_KEYS = ['__proto__', 'constructor', 'prototype'] as const;

/** A raw CBOR encoder that writes anything (bigints, tags, Maps, undefined), unlike the SDK's. */
const rawCbor = new Encoder({ useRecords: false, mapsAsObjects: true });

/** A frame as it would arrive on the wire. */
export type Frame = { kind: 'text'; data: string } | { kind: 'binary'; data: Uint8Array };

/** Values of the wrong type for any parameter (and some of the right type at absurd sizes). */
export const wrongValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    null,
    true,
    false,
    0,
    -1,
    1.5,
    -0.000001,
    Number.MAX_SAFE_INTEGER + 2,
    1e308,
    -1e308,
    2 ** 64,
    '',
    ' ',
    'x',
    '-1',
    '1e400',
    [],
    {},
    [null],
    [[[]]],
    { '': '' },
    { 'm2m:cin': null },
    { 'm2m:ae': [] },
  ),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.integer(),
  fc.double(),
  fc.array(fc.oneof(fc.integer(), fc.string(), fc.constant(null)), { maxLength: 5 }),
  fc.dictionary(fc.string({ maxLength: 6 }), fc.oneof(fc.integer(), fc.string(), fc.constant(null)), {
    maxKeys: 4,
  }),
);

/** A corpus primitive (deep-copied so mutations never leak into the shared fixture). */
export const corpusPrimitive: fc.Arbitrary<Primitive> = fc
  .constantFrom(...corpus.map((entry) => entry.primitive))
  .map((p) => structuredClone(p));

/** Sets an own enumerable property even for `__proto__` (a plain assignment would set the prototype). */
export function defineOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Paths of every object member in a value, to aim mutations anywhere in a primitive. */
function objectPaths(value: unknown, path: string[] = [], out: string[][] = []): string[][] {
  if (typeof value !== 'object' || value === null) return out;
  out.push(path);
  for (const [key, child] of Object.entries(value)) objectPaths(child, [...path, key], out);
  return out;
}

function objectAt(root: unknown, path: string[]): Record<string, unknown> | undefined {
  let node: unknown = root;
  for (const key of path) node = (node as Record<string, unknown>)[key];
  return typeof node === 'object' && node !== null ? (node as Record<string, unknown>) : undefined;
}

/** Nests `leaf` `depth` levels deep in arrays or objects. */
export function nested(depth: number, leaf: unknown, asObject: boolean): unknown {
  let value = leaf;
  for (let i = 0; i < depth; i++) value = asObject ? { a: value } : [value];
  return value;
}

/** One structural mutation applied to a copy of a corpus primitive (as a JS value). */
export const mutatedValue: fc.Arbitrary<Record<string, unknown>> = fc
  .tuple(
    corpusPrimitive,
    fc.nat(),
    fc.oneof(
      fc.record({
        type: fc.constant('wrong-type' as const),
        key: fc.constantFrom(...PARAMETERS),
        value: wrongValue,
      }),
      fc.record({
        type: fc.constant('hostile-key' as const),
        key: fc.constantFrom(...HOSTILE_KEYS),
        value: fc.constantFrom<unknown>({ polluted: 'yes' }, { prototype: { polluted: 'yes' } }, 'yes', null),
      }),
      fc.record({
        type: fc.constant('deep' as const),
        depth: fc.integer({ min: 60, max: 3000 }),
        asObject: fc.boolean(),
      }),
      fc.record({
        type: fc.constant('huge-string' as const),
        length: fc.integer({ min: 10_000, max: 100_000 }),
      }),
      fc.record({ type: fc.constant('drop' as const) }),
    ),
  )
  .map(([primitive, at, mutation]) => {
    const root = primitive as unknown as Record<string, unknown>;
    const paths = objectPaths(root);
    const target = objectAt(root, paths[at % paths.length]!) ?? root;
    const keys = Object.keys(target);
    switch (mutation.type) {
      case 'wrong-type':
        // Aim at a top-level parameter half of the time, anywhere else otherwise.
        defineOwn(at % 2 === 0 ? root : target, mutation.key, mutation.value);
        break;
      case 'hostile-key':
        defineOwn(target, mutation.key, mutation.value);
        break;
      case 'deep':
        defineOwn(
          target,
          keys[at % Math.max(1, keys.length)] ?? 'pc',
          nested(mutation.depth, 1, mutation.asObject),
        );
        break;
      case 'huge-string':
        defineOwn(target, keys[at % Math.max(1, keys.length)] ?? 'to', 'x'.repeat(mutation.length));
        break;
      case 'drop':
        if (keys.length > 0) delete target[keys[at % keys.length]!];
        break;
    }
    return root;
  });

/** A mutated primitive written as a JSON text frame (JSON.stringify writes own `__proto__` keys). */
export function jsonFrame(value: unknown): string {
  try {
    return JSON.stringify(value);
  } catch {
    return '{}';
  }
}

/** A mutated primitive written as a CBOR binary frame with a raw encoder. */
export function cborFrame(value: unknown): Uint8Array {
  try {
    return rawCbor.encode(value);
  } catch {
    return new Uint8Array([0xa0]);
  }
}

/** JSON text with numbers and nesting JSON.stringify never writes (1e400, 10⁵-deep arrays...). */
export const exoticJsonText: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '{"rsc": 1e400, "rqi": "a"}',
    '{"rsc": -1e400, "rqi": "a"}',
    '{"op": 1, "to": "x", "rqi": "a", "ty": 1e999}',
    '{"op": 2, "to": "x", "rqi": "a", "fr": "C", "rcn": 123456789012345678901234567890}',
    `{"op": 1, "to": "x", "rqi": "a", "pc": {"m2m:cin": {"con": ${'9'.repeat(5000)}}}}`,
    '{"__proto__": {"polluted": "yes"}, "op": 2, "to": "x", "rqi": "a"}',
    '{"constructor": {"prototype": {"polluted": "yes"}}, "rsc": 2000}',
    '{"op": 2, "to": "x", "rqi": "a", "pc": {"__proto__": {"polluted": "yes"}}}',
    '{"rsc": 2000, "rqi": "a", "pc": {"m2m:cin": {"con": {"__proto__": {"polluted": 1}}}}}',
    '{"op": 2, "op": "dup", "to": "x", "rqi": "a"}',
    '\uFEFF{"rsc": 2000}',
    '{"rsc": 2000, "rqi": "\\ud800"}',
    '',
    'null',
    '[]',
    '"string"',
    '12',
  ),
  fc
    .integer({ min: 100, max: 20_000 })
    .map((depth) => `{"op":2,"to":"x","rqi":"a","pc":${'['.repeat(depth)}${']'.repeat(depth)}}`),
  fc.integer({ min: 100, max: 20_000 }).map((depth) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`),
);

/** XML text from the corpus, damaged: hostile element names, deep nesting, entities, huge text. */
export const exoticXmlText: fc.Arbitrary<string> = fc.oneof(
  fc
    .tuple(corpusPrimitive, fc.nat(), fc.constantFrom(...HOSTILE_KEYS))
    .map(([p, at, key]) => insertAt(encodeXml(p), at, `<${key}><polluted>yes</polluted></${key}>`)),
  fc
    .tuple(corpusPrimitive, fc.nat(), fc.integer({ min: 60, max: 10_000 }))
    .map(([p, at, depth]) => insertAt(encodeXml(p), at, `${'<a>'.repeat(depth)}1${'</a>'.repeat(depth)}`)),
  fc
    .tuple(corpusPrimitive, fc.nat())
    .map(([p, at]) => insertAt(encodeXml(p), at, '<!DOCTYPE x [<!ENTITY e "e">]>&e;')),
  fc
    .tuple(corpusPrimitive, fc.nat())
    .map(([p, at]) => insertAt(encodeXml(p), at, `<con>${'9'.repeat(400)}</con>`)),
  fc
    .tuple(corpusPrimitive, fc.nat(), fc.string({ unit: 'binary', maxLength: 8 }))
    .map(([p, at, junk]) => insertAt(encodeXml(p), at, junk)),
  fc.constantFrom(
    '<m2m:rsp><rsc>1e400</rsc></m2m:rsp>',
    '<m2m:rqp><op>1</op><to>x</to><rqi>a</rqi><ty>-1</ty></m2m:rqp>',
    '<',
    '<a',
    '</a>',
    '<?xml?>',
  ),
);

/** CBOR bytes with items JSON has no form for (bigints, tags, undefined, byte/Map keys, deep arrays). */
export const exoticCborBytes: fc.Arbitrary<Uint8Array> = fc.oneof(
  fc.constantFrom(
    rawCbor.encode({ rsc: 2n ** 70n, rqi: 'a' }),
    rawCbor.encode({ op: 2, to: 'x', rqi: 'a', rcn: -(2n ** 64n) }),
    rawCbor.encode({ op: 2, to: 'x', rqi: 'a', ot: new Date(0) }),
    rawCbor.encode({
      rsc: 2000,
      pc: new Map<unknown, unknown>([
        [1, 2],
        [{ a: 1 }, 'k'],
      ]),
    }),
    rawCbor.encode(
      new Map<unknown, unknown>([
        ['__proto__', { polluted: 'yes' }],
        ['rsc', 2000],
      ]),
    ),
    rawCbor.encode({ rsc: 2000, rqi: 'a', pc: { 'm2m:cin': { con: new Set([1]) } } }),
    rawCbor.encode({ rsc: Number.NaN }),
    rawCbor.encode({ rsc: 2000, rqi: undefined }),
    new Uint8Array([0xbf, 0x63, 0x72, 0x73, 0x63]), // indefinite map, cut short
    new Uint8Array([0x5b, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]), // 2^64-byte string header
    new Uint8Array([0x9b, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]), // 2^64-item array header
    new Uint8Array([0xd8, 0x1c, 0xa1, 0x61, 0x61, 0xd8, 0x1d, 0x00]), // shared-reference tags (cycle)
  ),
  fc.integer({ min: 100, max: 20_000 }).map((depth) => new Uint8Array(depth).fill(0x81)),
  fc.integer({ min: 100, max: 10_000 }).map((depth) => {
    const bytes = new Uint8Array(depth * 3 + 1);
    for (let i = 0; i < depth; i++) bytes.set([0xa1, 0x61, 0x61], i * 3); // {"a": {"a": ...
    bytes[depth * 3] = 0x01;
    return bytes;
  }),
);

/** Byte-level damage to an encoded frame: flips, truncation, splices of random bytes. */
export const damage: fc.Arbitrary<(bytes: Uint8Array) => Uint8Array> = fc.oneof(
  fc.tuple(fc.nat(), fc.nat({ max: 255 })).map(([at, byte]) => (bytes: Uint8Array) => {
    const copy = Uint8Array.from(bytes);
    if (copy.length > 0) copy[at % copy.length] = byte;
    return copy;
  }),
  fc.nat().map((at) => (bytes: Uint8Array) => bytes.subarray(0, at % (bytes.length + 1))),
  fc
    .tuple(fc.nat(), fc.uint8Array({ minLength: 1, maxLength: 16 }))
    .map(([at, junk]) => (bytes: Uint8Array) => {
      const i = at % (bytes.length + 1);
      const out = new Uint8Array(bytes.length + junk.length);
      out.set(bytes.subarray(0, i));
      out.set(junk, i);
      out.set(bytes.subarray(i), i + junk.length);
      return out;
    }),
);

function insertAt(text: string, at: number, piece: string): string {
  const i = at % (text.length + 1);
  return text.slice(0, i) + piece + text.slice(i);
}

/** Any hostile frame, in the frame type its serialization uses or the other one. */
export const hostileFrame: fc.Arbitrary<Frame> = fc.oneof(
  mutatedValue.map((v): Frame => ({ kind: 'text', data: jsonFrame(v) })),
  mutatedValue.map((v): Frame => ({ kind: 'binary', data: cborFrame(v) })),
  exoticJsonText.map((data): Frame => ({ kind: 'text', data })),
  exoticXmlText.map((data): Frame => ({ kind: 'text', data })),
  exoticCborBytes.map((data): Frame => ({ kind: 'binary', data })),
  fc.tuple(corpusPrimitive, damage).map(([p, hurt]): Frame => ({ kind: 'binary', data: hurt(cborFrame(p)) })),
  fc.tuple(corpusPrimitive, damage).map(
    ([p, hurt]): Frame => ({
      kind: 'text',
      data: Buffer.from(hurt(Buffer.from(jsonFrame(p)))).toString('utf8'),
    }),
  ),
  fc.uint8Array({ maxLength: 300 }).map((data): Frame => ({ kind: 'binary', data })),
  fc.string({ unit: 'binary', maxLength: 300 }).map((data): Frame => ({ kind: 'text', data })),
);

/**
 * Snapshot of the built-in prototypes' own keys; compare before and after to detect pollution.
 * Also probes `({}).polluted`, the marker every hostile payload here tries to plant.
 */
export function prototypeSnapshot(): string {
  const keys = [Object.prototype, Array.prototype, Function.prototype, String.prototype].map((proto) =>
    Reflect.ownKeys(proto).map(String).sort().join(','),
  );
  return `${keys.join('|')}|${String(({} as Record<string, unknown>).polluted)}`;
}
