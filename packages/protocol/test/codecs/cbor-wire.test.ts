/**
 * The CBOR reader and writer against cbor-x, a complete RFC 8949 implementation used here as the
 * reference: whatever JSON-model value one writes, the other reads back identically, and the
 * wire-level corners a peer may send (indefinite lengths, half and single floats, 64-bit heads,
 * integer keys, `undefined`) are read as the RFC defines them.
 */
import { Decoder, Encoder } from 'cbor-x';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readCbor } from '../../src/codecs/cbor-reader.js';
import { writeCbor } from '../../src/codecs/cbor-writer.js';
import { primitive } from '../fixtures/arbitraries.js';
import { codeOf } from '../fixtures/protocol-error.js';

const reference = new Encoder({ useRecords: false, mapsAsObjects: true, variableMapSize: true });
// `int64AsNumber` (in cbor-x, missing from its typings): 64-bit heads as numbers, not bigints.
const referenceDecoder = new Decoder({
  useRecords: false,
  mapsAsObjects: true,
  int64AsNumber: true,
} as ConstructorParameters<typeof Decoder>[0]);

// fast-check likes to try `__proto__`: the reader refuses it and cbor-x renames it, by design.
const memberName = fc
  .string({ unit: 'binary' })
  .filter((k) => !['__proto__', 'constructor', 'prototype'].includes(k));

/** JSON-model values, nested a few levels (JSON.parse(JSON.stringify()) is the expected value). */
const jsonValue = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.string({ unit: 'binary' }),
    fc.integer({ min: -(2 ** 53) + 1, max: 2 ** 53 - 1 }),
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 5 }),
    fc.dictionary(memberName, tie('value'), { maxKeys: 5 }),
  ),
})).value;

const bytes = (...b: number[]) => Uint8Array.from(b);

describe('CBOR reader and writer', () => {
  it('cbor-x reads what the writer writes', () => {
    fc.assert(
      fc.property(fc.oneof(jsonValue, primitive), (value) => {
        const expected = JSON.parse(JSON.stringify(value));
        expect(referenceDecoder.decode(writeCbor(value))).toEqual(expected);
      }),
      { numRuns: 500 },
    );
  });

  it('the reader reads what cbor-x writes', () => {
    fc.assert(
      fc.property(fc.oneof(jsonValue, primitive), (value) => {
        const expected = JSON.parse(JSON.stringify(value));
        // `-0` is an integer to the writer (JSON has no -0 either); cbor-x writes a float.
        expect(readCbor(reference.encode(value))).toEqual(expected);
      }),
      { numRuns: 500 },
    );
  });

  it('writes every head in its preferred (shortest) form', () => {
    expect([...writeCbor(23)]).toEqual([0x17]);
    expect([...writeCbor(24)]).toEqual([0x18, 24]);
    expect([...writeCbor(256)]).toEqual([0x19, 1, 0]);
    expect([...writeCbor(65536)]).toEqual([0x1a, 0, 1, 0, 0]);
    expect([...writeCbor(2 ** 32)]).toEqual([0x1b, 0, 0, 0, 1, 0, 0, 0, 0]);
    expect([...writeCbor(-1)]).toEqual([0x20]);
    expect([...writeCbor(-500)]).toEqual([0x39, 0x01, 0xf3]);
    expect([...writeCbor(1.5)]).toEqual([0xfb, 0x3f, 0xf8, 0, 0, 0, 0, 0, 0]);
    expect([...writeCbor('é')]).toEqual([0x62, 0xc3, 0xa9]);
    expect([...writeCbor([true, false, null, undefined])]).toEqual([0x84, 0xf5, 0xf4, 0xf6, 0xf6]);
    expect([...writeCbor({ a: 1, b: undefined })]).toEqual([0xa1, 0x61, 0x61, 0x01]);
    expect([...writeCbor(bytes(1, 2))]).toEqual([0x42, 1, 2]);
  });

  it('writes strings around every head boundary, ASCII and multi-byte, as cbor-x reads them', () => {
    for (const length of [0, 1, 22, 23, 24, 25, 85, 86, 255, 256, 21845, 21846, 65535, 65536, 70000]) {
      for (const unit of ['a', 'é', '€', '😀']) {
        // `length` characters (code points, so no emoji is cut in half).
        const s = unit.repeat(length);
        const key = unit.repeat(Math.min(length, 30));
        const mixed = `${s}x€`;
        expect(referenceDecoder.decode(writeCbor([s, mixed, { [key]: s }]))).toEqual([
          s,
          mixed,
          { [key]: s },
        ]);
      }
    }
  });

  it('keeps an outer write intact when a toJSON writes CBOR itself', () => {
    const inner = { toJSON: () => Array.from(writeCbor({ deep: 'x'.repeat(300) })) };
    const frame = writeCbor({ before: 'a'.repeat(100), inner, after: 1 });
    const read = readCbor(frame) as { before: string; inner: number[]; after: number };
    expect(read.before).toBe('a'.repeat(100));
    expect(read.after).toBe(1);
    expect(readCbor(Uint8Array.from(read.inner))).toEqual({ deep: 'x'.repeat(300) });
  });

  it('writes a value with toJSON as its result, as JSON does', () => {
    const at = new Date(Date.UTC(2024, 0, 2));
    expect(readCbor(writeCbor({ at }))).toEqual({ at: at.toISOString() });
  });

  it('refuses bigints, functions, symbols and cycles with UNENCODABLE', () => {
    const cyclic: unknown[] = [];
    cyclic.push(cyclic);
    for (const value of [1n, () => 1, Symbol('s'), cyclic]) {
      expect(codeOf(() => writeCbor({ x: value }))).toBe('UNENCODABLE');
    }
  });

  it('reads indefinite-length strings, arrays and maps', () => {
    // {_ "a": [_ 1, 2], "b": (_ "x", "yz") }
    const frame = bytes(
      0xbf,
      0x61,
      0x61,
      0x9f,
      1,
      2,
      0xff,
      0x61,
      0x62,
      0x7f,
      0x61,
      0x78,
      0x62,
      0x79,
      0x7a,
      0xff,
      0xff,
    );
    expect(readCbor(frame)).toEqual({ a: [1, 2], b: 'xyz' });
    // An indefinite byte string of UTF-8 chunks.
    expect(readCbor(bytes(0x5f, 0x41, 0x68, 0x41, 0x69, 0xff))).toEqual('hi');
  });

  it('reads half, single and double floats and 64-bit heads', () => {
    expect(readCbor(bytes(0xf9, 0x3c, 0x00))).toBe(1);
    expect(readCbor(bytes(0xf9, 0xc4, 0x00))).toBe(-4);
    expect(readCbor(bytes(0xf9, 0x00, 0x01))).toBe(2 ** -24);
    expect(readCbor(bytes(0xfa, 0x47, 0xc3, 0x50, 0x00))).toBe(100000);
    expect(readCbor(bytes(0xfb, 0x3f, 0xf1, 0x99, 0x99, 0x99, 0x99, 0x99, 0x9a))).toBe(1.1);
    expect(readCbor(bytes(0x1b, 0, 0x1f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff))).toBe(2 ** 53 - 1);
    expect(readCbor(bytes(0x18, 0x05))).toBe(5); // a non-preferred head is still valid CBOR
  });

  it('drops undefined members, turns undefined items into null, and integer keys into text', () => {
    expect(readCbor(bytes(0xa2, 0x61, 0x61, 0xf7, 0x01, 0x82, 0xf7, 0x02))).toEqual({ '1': [null, 2] });
  });

  it.each([
    ['an integer beyond 2^53', bytes(0x1b, 0, 0x20, 0, 0, 0, 0, 0, 0), 'INVALID_PRIMITIVE'],
    ['a simple value other than false/true/null/undefined', bytes(0xf0), 'INVALID_PRIMITIVE'],
    ['infinity', bytes(0xf9, 0x7c, 0x00), 'INVALID_PRIMITIVE'],
    ['a boolean map key', bytes(0xa1, 0xf5, 0x01), 'INVALID_PRIMITIVE'],
    ['a reserved head', bytes(0x1c), 'MALFORMED'],
    ['a break outside an indefinite item', bytes(0x82, 0x01, 0xff), 'MALFORMED'],
    ['a lone break', bytes(0xff), 'MALFORMED'],
    ['an unterminated indefinite array', bytes(0x9f, 0x01), 'MALFORMED'],
    ['a nested indefinite chunk', bytes(0x7f, 0x7f, 0xff, 0xff), 'MALFORMED'],
    ['a chunk of another major type', bytes(0x7f, 0x41, 0x61, 0xff), 'MALFORMED'],
    ['a map missing its last value', bytes(0xa1, 0x61, 0x61), 'MALFORMED'],
    ['an array count beyond the frame', bytes(0x9b, 0, 0, 0, 1, 0, 0, 0, 0), 'MALFORMED'],
    ['invalid UTF-8 in a long text string', bytes(0x78, 70, ...new Array(69).fill(0x61), 0xff), 'MALFORMED'],
  ])('refuses %s', (_, frame, code) => {
    expect(codeOf(() => readCbor(frame))).toBe(code);
  });
});
