import { describe, expect, it } from 'vitest';
import { cborCodec, decodeCbor, encodeCbor } from '../../src/codecs/cbor.js';
import { decodeJson } from '../../src/codecs/json.js';
import { hexToBytes, ts0004CborVectors } from '../fixtures/cbor-vectors.js';
import { codeOf } from '../fixtures/protocol-error.js';
import { specExamples } from '../fixtures/spec-examples.js';

/** Minimal CBOR writer for hand-made frames: head byte(s) for a major type and length. */
function head(major: number, length: number): number[] {
  if (length < 24) return [(major << 5) | length];
  if (length < 256) return [(major << 5) | 24, length];
  return [(major << 5) | 25, length >> 8, length & 0xff];
}
function text(s: string, major = 3): number[] {
  const bytes = [...new TextEncoder().encode(s)];
  return [...head(major, bytes.length), ...bytes];
}

describe('cborCodec', () => {
  it('is a binary codec', () => {
    expect(cborCodec.serialization).toBe('cbor');
    expect(cborCodec.frameType).toBe('binary');
  });

  it.each(ts0004CborVectors.map((v) => [v.source, v]))(
    '%s decodes (byte-string keys and values)',
    (_, vector) => {
      const decoded = decodeCbor(hexToBytes(vector.hex));
      expect(decoded.primitive).toEqual(vector.json);
      expect(decoded.kind).toBe('op' in (vector.json as object) ? 'request' : 'response');
      // Re-encoded with text strings, it decodes to the same value.
      expect(decodeCbor(encodeCbor(decoded.primitive)).primitive).toEqual(vector.json);
    },
  );

  it.each(specExamples.map((e) => [e.source, e.json]))('%s round-trips value-identically', (_, json) => {
    const expected = decodeJson(json);
    const bytes = encodeCbor(expected.primitive);
    expect(bytes).toBeInstanceOf(Uint8Array);
    expect(decodeCbor(bytes)).toEqual(expected);
  });

  it('writes text-string keys and values (major type 3)', () => {
    const bytes = encodeCbor({ rsc: 2000, rqi: 'a' });
    expect([...bytes]).toEqual([0xa2, ...text('rsc'), 0x19, 0x07, 0xd0, ...text('rqi'), ...text('a')]);
  });

  it('keeps earlier results intact across encodes', () => {
    const first = encodeCbor({ rsc: 2000, rqi: 'first' });
    const copy = Uint8Array.from(first);
    for (let i = 0; i < 2000; i++) encodeCbor({ rsc: 2000, rqi: `n${i}`, pc: { 'm2m:dbg': 'x'.repeat(50) } });
    expect(Uint8Array.from(first)).toEqual(copy);
  });

  it('keeps floats exact and drops undefined members like JSON', () => {
    const p = {
      op: 1 as const,
      to: 'x',
      rqi: 'a',
      fr: undefined,
      pc: { 'm2m:cin': { con: 21.5, list: [1, undefined] } },
    };
    expect(decodeCbor(encodeCbor(p)).primitive).toEqual(JSON.parse(JSON.stringify(p)));
  });

  it('unwraps m2m:rqp / m2m:rsp', () => {
    const bytes = encodeCbor({ 'm2m:rsp': { rsc: 2000, rqi: 'a' } } as never);
    expect(decodeCbor(bytes)).toEqual({ kind: 'response', primitive: { rsc: 2000, rqi: 'a' } });
  });

  it('accepts an ArrayBuffer (browser binaryType "arraybuffer")', () => {
    const bytes = encodeCbor({ rsc: 2000, rqi: 'a' });
    const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    expect(decodeCbor(buffer as never).primitive).toEqual({ rsc: 2000, rqi: 'a' });
  });

  it('refuses a text frame with WRONG_FRAME_TYPE', () => {
    expect(codeOf(() => decodeCbor('{"rsc":2000,"rqi":"a"}'))).toBe('WRONG_FRAME_TYPE');
  });

  const valid = encodeCbor({ rsc: 2000, rqi: 'abc', pc: { 'm2m:dbg': 'x' } });
  it.each([
    ['empty', new Uint8Array(0), 'MALFORMED'],
    ['truncated', valid.subarray(0, valid.length - 3), 'MALFORMED'],
    ['trailing bytes', Uint8Array.from([...valid, 0x00]), 'MALFORMED'],
    ['byte soup', Uint8Array.from([0xff, 0xfe, 0x1c, 0x00, 0x9f]), 'MALFORMED'],
    [
      'a huge declared length',
      Uint8Array.from([0x7b, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]),
      'MALFORMED',
    ],
    ['not an object (integer)', Uint8Array.from([0x18, 42]), 'NOT_A_PRIMITIVE'],
    ['an array', Uint8Array.from([0x81, 0xa0]), 'NOT_A_PRIMITIVE'],
    ['wrong root', Uint8Array.from([0xa1, ...text('m2m:cin'), 0xa0]), 'NOT_A_PRIMITIVE'],
    [
      'op as string',
      Uint8Array.from([
        0xa3,
        ...text('op'),
        ...text('1'),
        ...text('to'),
        ...text('x'),
        ...text('rqi'),
        ...text('a'),
      ]),
      'INVALID_PRIMITIVE',
    ],
    [
      'a date tag',
      Uint8Array.from([
        0xa3,
        ...text('rsc'),
        0x19,
        0x07,
        0xd0,
        ...text('rqi'),
        ...text('a'),
        ...text('ot'),
        0xc1,
        0x00,
      ]),
      'INVALID_PRIMITIVE',
    ],
    [
      'an unknown tag',
      Uint8Array.from([0xa2, ...text('rsc'), 0xd8, 0x64, 0x01, ...text('rqi'), ...text('a')]),
      'INVALID_PRIMITIVE',
    ],
    [
      'NaN',
      Uint8Array.from([
        0xa3,
        ...text('rsc'),
        0x19,
        0x07,
        0xd0,
        ...text('rqi'),
        ...text('a'),
        ...text('x'),
        0xf9,
        0x7e,
        0x00,
      ]),
      'INVALID_PRIMITIVE',
    ],
    [
      'invalid UTF-8 byte string',
      Uint8Array.from([0xa2, ...text('rsc'), 0x19, 0x07, 0xd0, ...text('rqi'), 0x42, 0xc3, 0x28]),
      'MALFORMED',
    ],
    [
      'an array map key',
      Uint8Array.from([0xa2, ...text('rsc'), 0x19, 0x07, 0xd0, 0x80, 0x01]),
      'INVALID_PRIMITIVE',
    ],
    [
      '__proto__ key',
      Uint8Array.from([
        0xa3,
        ...text('rsc'),
        0x19,
        0x07,
        0xd0,
        ...text('rqi'),
        ...text('a'),
        ...text('__proto__'),
        0xa1,
        ...text('polluted'),
        0xf5,
      ]),
      'INVALID_PRIMITIVE',
    ],
    [
      '__proto__ byte-string key',
      Uint8Array.from([
        0xa3,
        ...text('rsc', 2),
        0x19,
        0x07,
        0xd0,
        ...text('rqi', 2),
        ...text('a', 2),
        ...text('__proto__', 2),
        0xa1,
        ...text('polluted', 2),
        0xf5,
      ]),
      'INVALID_PRIMITIVE',
    ],
    [
      'constructor key',
      Uint8Array.from([
        0xa3,
        ...text('rsc'),
        0x19,
        0x07,
        0xd0,
        ...text('rqi'),
        ...text('a'),
        ...text('constructor'),
        0xa0,
      ]),
      'INVALID_PRIMITIVE',
    ],
  ])('refuses %s', (_, frame, code) => {
    expect(codeOf(() => decodeCbor(frame))).toBe(code);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    // The shared decoder state survives the failure.
    expect(decodeCbor(valid).kind).toBe('response');
  });

  it('refuses deep nesting without crashing', () => {
    const depth = 100_000;
    const bytes = new Uint8Array(depth + 20);
    const prefix = [0xa3, ...text('rsc'), 0x19, 0x07, 0xd0, ...text('rqi'), ...text('a'), ...text('x')];
    bytes.set(prefix);
    bytes.fill(0x81, prefix.length, prefix.length + depth);
    const frame = bytes.subarray(0, prefix.length + depth + 1); // innermost: 0x00
    expect(['MALFORMED', 'INVALID_PRIMITIVE']).toContain(codeOf(() => decodeCbor(frame)));
    const shallow = Uint8Array.from([...prefix, ...new Array(70).fill(0x81), 0x00]);
    expect(codeOf(() => decodeCbor(shallow))).toBe('INVALID_PRIMITIVE');
    expect(decodeCbor(valid).kind).toBe('response');
  });

  it('handles huge strings', () => {
    const huge = 'y'.repeat(3_000_000);
    const p = { rsc: 2000, rqi: 'a', pc: { 'm2m:dbg': huge } };
    expect(decodeCbor(encodeCbor(p)).primitive).toEqual(p);
  });

  it('encode refuses cyclic structures and functions with UNENCODABLE', () => {
    const cyclic: Record<string, unknown> = { rsc: 2000, rqi: 'a' };
    cyclic.pc = { self: cyclic };
    expect(codeOf(() => encodeCbor(cyclic as never))).toBe('UNENCODABLE');
    expect(codeOf(() => encodeCbor({ rsc: 2000, rqi: 'a', pc: { f: () => 1 } }))).toBe('UNENCODABLE');
    expect(codeOf(() => encodeCbor([] as never))).toBe('UNENCODABLE');
  });
});
