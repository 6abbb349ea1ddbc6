import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { cborCodec } from '../../src/codecs/cbor.js';
import { jsonCodec } from '../../src/codecs/json.js';
import { xmlCodec } from '../../src/codecs/xml.js';
import { ProtocolError } from '../../src/errors.js';
import { toLongNames, toShortNames } from '../../src/names/translate.js';
import type { DecodedPrimitive } from '../../src/primitive.js';
import {
  parseIncomingRequest,
  parseIncomingResponse,
  validateRequest,
  validateResponse,
} from '../../src/validate.js';
import {
  cborFrame,
  exoticCborBytes,
  exoticJsonText,
  exoticXmlText,
  type Frame,
  FUZZ_RUNS,
  hostileFrame,
  jsonFrame,
  mutatedValue,
  prototypeSnapshot,
} from './hostile.js';

/**
 * Fuzzing the three decoders and everything the SDK runs on what they return (tolerant receive-side
 * parsing, strict validation, name translation): only `ProtocolError` may escape, never a
 * TypeError, RangeError (stack overflow) or anything else, and no built-in prototype may change.
 * Run longer with FUZZ_RUNS=20000.
 */

const codecs = [jsonCodec, xmlCodec, cborCodec];
const baseline = prototypeSnapshot();
let cases = 0;
let decodedOk = 0;
let refused = 0;

afterAll(() => {
  console.log(
    `[fuzz] decoders: ${cases} cases through 3 decoders (${decodedOk} decoded, ${refused} refused with ProtocolError), FUZZ_RUNS=${FUZZ_RUNS}`,
  );
});

/** Runs `fn`; anything thrown that is not a ProtocolError fails the property. */
function onlyProtocolError<T>(fn: () => T): T | undefined {
  try {
    return fn();
  } catch (error) {
    if (error instanceof ProtocolError) {
      refused++;
      return undefined;
    }
    throw error;
  }
}

/** Feeds one frame to every decoder, then the decoded primitive through the receive-side helpers. */
function feed(frame: Frame): void {
  cases++;
  for (const codec of codecs) {
    const decoded = onlyProtocolError<DecodedPrimitive>(() => codec.decode(frame.data));
    if (!decoded) continue;
    decodedOk++;
    const p = decoded.primitive as unknown as Record<string, unknown>;
    // A decoded primitive is a plain object whose prototype was not swapped by a `__proto__` key.
    expect(Object.getPrototypeOf(p)).toBe(Object.prototype);
    onlyProtocolError(() => toLongNames(p));
    onlyProtocolError(() => toShortNames(toLongNames(p)));
    if (decoded.kind === 'request') {
      onlyProtocolError(() => parseIncomingRequest(p));
      onlyProtocolError(() => validateRequest(p));
    } else {
      onlyProtocolError(() => parseIncomingResponse(p));
      onlyProtocolError(() => validateResponse(p));
    }
    // Whatever decoded must re-encode in every serialization or be refused with ProtocolError.
    for (const out of codecs) onlyProtocolError(() => out.encode(decoded.primitive));
  }
  expect(prototypeSnapshot()).toBe(baseline);
}

const runs = { numRuns: FUZZ_RUNS };
/** Long local runs (FUZZ_RUNS=20000) need more than the default test timeout. */
const TIMEOUT = 20_000 + FUZZ_RUNS * 30;

describe('fuzz: decoders accept anything and throw only ProtocolError', () => {
  it(
    'random frames of every kind (mutated corpus, exotic JSON/XML/CBOR, random bytes and text)',
    () => {
      fc.assert(fc.property(hostileFrame, feed), runs);
    },
    TIMEOUT,
  );

  it(
    'wrong types, hostile keys, deep nesting and huge strings in every parameter (JSON and CBOR)',
    () => {
      fc.assert(
        fc.property(mutatedValue, (value) => {
          feed({ kind: 'text', data: jsonFrame(value) });
          feed({ kind: 'binary', data: cborFrame(value) });
        }),
        runs,
      );
    },
    TIMEOUT,
  );

  it(
    'exotic JSON text: 1e400, 20 000-deep nesting, duplicate keys, BOM, lone surrogates',
    () => {
      fc.assert(
        fc.property(exoticJsonText, (data) => feed({ kind: 'text', data })),
        {
          numRuns: Math.min(FUZZ_RUNS, 100),
        },
      );
    },
    TIMEOUT,
  );

  it(
    'exotic XML text: hostile element names, 10 000-deep nesting, DOCTYPE/entities, junk splices',
    () => {
      fc.assert(
        fc.property(exoticXmlText, (data) => feed({ kind: 'text', data })),
        {
          numRuns: Math.min(FUZZ_RUNS, 100),
        },
      );
    },
    TIMEOUT,
  );

  it(
    'exotic CBOR: bigints, tags, Maps with object keys, 2^64 length headers, 20 000-deep arrays',
    () => {
      fc.assert(
        fc.property(exoticCborBytes, (data) => feed({ kind: 'binary', data })),
        {
          numRuns: Math.min(FUZZ_RUNS, 100),
        },
      );
    },
    TIMEOUT,
  );

  it(
    'hostile keys never reach the result: __proto__ / constructor / prototype are refused',
    () => {
      const frames: Frame[] = [
        { kind: 'text', data: '{"rsc":2000,"rqi":"a","pc":{"__proto__":{"polluted":"yes"}}}' },
        { kind: 'text', data: '{"op":2,"to":"x","rqi":"a","constructor":{"prototype":{"polluted":"yes"}}}' },
        {
          kind: 'text',
          data: '<m2m:rsp><rsc>2000</rsc><pc><__proto__><polluted>yes</polluted></__proto__></pc></m2m:rsp>',
        },
      ];
      for (const frame of frames) {
        cases++;
        const outcomes = codecs.map((codec) => {
          try {
            return codec.decode(frame.data);
          } catch (error) {
            expect(error).toBeInstanceOf(ProtocolError);
            return 'refused';
          }
        });
        // The codec of the frame's own serialization must refuse it, not drop the key silently.
        expect(outcomes.filter((o) => o === 'refused').length).toBe(3);
      }
      expect(prototypeSnapshot()).toBe(baseline);
    },
    TIMEOUT,
  );
});
