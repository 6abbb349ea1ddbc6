import { describe, expect, it } from 'vitest';
import { decodeCbor, encodeCbor } from '../../src/codecs/cbor.js';
import { decodeJson, encodeJson } from '../../src/codecs/json.js';
import { decodeXml, encodeXml } from '../../src/codecs/xml.js';
import type { DecodedPrimitive } from '../../src/primitive.js';
import {
  parseIncomingRequest,
  parseIncomingResponse,
  validateRequest,
  validateResponse,
} from '../../src/validate.js';
import { hexToBytes, ts0004CborVectors } from '../fixtures/cbor-vectors.js';
import { corpus } from '../fixtures/corpus.js';
import { specExamples } from '../fixtures/spec-examples.js';

function validateSent(decoded: DecodedPrimitive): void {
  if (decoded.kind === 'request') validateRequest(decoded.primitive);
  else validateResponse(decoded.primitive);
}

function validateReceived(decoded: DecodedPrimitive): void {
  if (decoded.kind === 'request') parseIncomingRequest(decoded.primitive);
  else parseIncomingResponse(decoded.primitive);
}

describe('spec examples (TS-0020 Annex A in R3-correct form, digest Appendix C)', () => {
  it.each(specExamples.map((e) => [e.source, e.json]))(
    '%s: decodes, validates and re-encodes in every codec',
    (_, json) => {
      const decoded = decodeJson(json);
      validateSent(decoded);
      validateReceived(decoded);
      expect(encodeJson(decoded.primitive)).toBe(json); // byte-identical
      expect(decodeXml(encodeXml(decoded.primitive))).toEqual(decoded); // value-identical
      expect(decodeCbor(encodeCbor(decoded.primitive))).toEqual(decoded);
    },
  );

  it.each(ts0004CborVectors.map((v) => [v.source, v.hex]))('%s: passes receive-side validation', (_, hex) => {
    validateReceived(decodeCbor(hexToBytes(hex)));
  });
});

describe('corpus', () => {
  it.each(corpus.map((e) => [e.name, e.primitive]))(
    '%s: passes receive-side validation after every codec',
    (_, p) => {
      validateReceived(decodeJson(encodeJson(p)));
      validateReceived(decodeXml(encodeXml(p)));
      validateReceived(decodeCbor(encodeCbor(p)));
    },
  );
});
