import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeCbor, encodeCbor } from '../../src/codecs/cbor.js';
import { decodeJson, encodeJson } from '../../src/codecs/json.js';
import { decodeXml, encodeXml } from '../../src/codecs/xml.js';
import { ProtocolError } from '../../src/errors.js';
import type { DecodedPrimitive } from '../../src/primitive.js';
import { parseIncomingRequest, parseIncomingResponse } from '../../src/validate.js';
import { primitive } from '../fixtures/arbitraries.js';

const RUNS = { numRuns: 300 };

/** Generated primitives are valid: they pass receive-side validation once decoded. */
function validate(decoded: DecodedPrimitive): void {
  if (decoded.kind === 'request') parseIncomingRequest(decoded.primitive);
  else parseIncomingResponse(decoded.primitive);
}

describe('property: every codec round-trips every valid primitive', () => {
  it('JSON: byte-identical re-encoding and value identity', () => {
    fc.assert(
      fc.property(primitive, (p) => {
        const text = encodeJson(p);
        const decoded = decodeJson(text);
        expect(decoded.primitive).toEqual(p);
        validate(decoded);
        expect(decoded.kind).toBe(p.op === undefined ? 'response' : 'request');
        expect(encodeJson(decoded.primitive)).toBe(text);
      }),
      RUNS,
    );
  });

  it('XML: value identity', () => {
    fc.assert(
      fc.property(primitive, (p) => {
        const decoded = decodeXml(encodeXml(p));
        expect(decoded.primitive).toEqual(p);
        validate(decoded);
      }),
      RUNS,
    );
  });

  it('CBOR: value identity', () => {
    fc.assert(
      fc.property(primitive, (p) => {
        const decoded = decodeCbor(encodeCbor(p));
        expect(decoded.primitive).toEqual(p);
        validate(decoded);
      }),
      RUNS,
    );
  });
});

describe('property: decoders throw nothing but ProtocolError', () => {
  const onlyProtocolErrors = (run: () => unknown) => {
    try {
      run();
    } catch (err) {
      if (!(err instanceof ProtocolError)) throw err;
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  };

  it('on arbitrary text and bytes', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 200 }),
        fc.uint8Array({ maxLength: 200 }),
        (text, bytes) => {
          onlyProtocolErrors(() => decodeJson(text));
          onlyProtocolErrors(() => decodeXml(text));
          onlyProtocolErrors(() => decodeCbor(bytes));
          onlyProtocolErrors(() => decodeJson(bytes));
          onlyProtocolErrors(() => decodeCbor(text));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('on mutated valid frames (truncation and byte flips)', () => {
    fc.assert(
      fc.property(primitive, fc.nat(), fc.nat({ max: 255 }), (p, at, byte) => {
        const json = encodeJson(p);
        const xml = encodeXml(p);
        const cbor = encodeCbor(p);
        onlyProtocolErrors(() => decodeJson(json.slice(0, at % (json.length + 1))));
        onlyProtocolErrors(() => decodeXml(xml.slice(0, at % (xml.length + 1))));
        onlyProtocolErrors(() => decodeCbor(cbor.subarray(0, at % (cbor.length + 1))));
        const flipped = Uint8Array.from(cbor);
        flipped[at % flipped.length] = byte;
        onlyProtocolErrors(() => decodeCbor(flipped));
        const i = at % xml.length;
        onlyProtocolErrors(() => decodeXml(xml.slice(0, i) + String.fromCharCode(byte) + xml.slice(i + 1)));
      }),
      RUNS,
    );
  });
});
