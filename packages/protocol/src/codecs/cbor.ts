import { Decoder, Encoder } from 'cbor-x';
import type { Codec } from '../codec.js';
import { ProtocolError } from '../errors.js';
import type { DecodedPrimitive, Primitive } from '../primitive.js';
import { classifyPrimitive } from './classify.js';
import { normalizeForeignTree } from './tree-guard.js';

// Plain CBOR of the JSON data model (TS-0004 §8.5): maps from plain objects with text-string keys,
// no cbor-x records or structured-clone extensions, "preferred" (smallest) map headers.
const encoder = new Encoder({
  useRecords: false,
  mapsAsObjects: true,
  variableMapSize: true,
  structuredClone: false,
  useFloat32: 0,
});

// Fast path: maps decode straight to plain objects. cbor-x renames a `__proto__` key itself, and
// throws for a byte-string key, which sends the frame to the Map-based decoder below.
const objectDecoder = new Decoder({ useRecords: false, mapsAsObjects: true });

// Fallback for the TS-0004 §8.5.2 examples, which encode keys as byte strings (major type 2):
// maps decode to `Map`s whose keys {@link normalizeForeignTree} turns into UTF-8 strings.
const mapDecoder = new Decoder({ useRecords: false, mapsAsObjects: false });

/**
 * The CBOR serialization (TS-0004 §8.5, TS-0020 `oneM2M.cbor`), carried in binary frames.
 *
 * - `encode` writes the JSON form of the primitive: text-string keys and values (major type 3),
 *   integers as major types 0/1, other numbers as float64. `undefined` members are written as CBOR
 *   `undefined` and dropped again on decode, as JSON would drop them. The result is a `Uint8Array`
 *   (a Node `Buffer` under Node), a view that later encodes never overwrite.
 * - `decode` accepts byte-string keys and values (decoded as UTF-8), as in the TS-0004 §8.5.2
 *   examples, and refuses anything JSON cannot represent (tags such as dates, bigints, NaN...).
 * - A text frame is refused with `WRONG_FRAME_TYPE`.
 */
export const cborCodec: Codec = {
  serialization: 'cbor',
  frameType: 'binary',
  encode: encodeCbor,
  decode: decodeCbor,
};

/**
 * Serialize a primitive to CBOR.
 * @throws {ProtocolError} `UNENCODABLE` for values CBOR cannot hold (functions, symbols, cycles).
 */
export function encodeCbor(primitive: Primitive): Uint8Array {
  if (typeof primitive !== 'object' || primitive === null || Array.isArray(primitive)) {
    throw new ProtocolError('UNENCODABLE', 'a primitive must be an object', { codec: 'cbor' });
  }
  try {
    return encoder.encode(primitive);
  } catch (cause) {
    const reason =
      cause instanceof RangeError ? 'the structure is cyclic or too deep' : (cause as Error).message;
    throw new ProtocolError('UNENCODABLE', `cannot serialize primitive: ${reason}`, { codec: 'cbor', cause });
  }
}

/**
 * Parse one binary frame into a classified primitive.
 * @throws {ProtocolError} `WRONG_FRAME_TYPE` for a text frame, `MALFORMED` for invalid CBOR,
 * `NOT_A_PRIMITIVE` / `INVALID_PRIMITIVE` for CBOR that is not a primitive.
 */
export function decodeCbor(frame: string | Uint8Array): DecodedPrimitive {
  // Browsers hand binary messages over as ArrayBuffer when `binaryType` is 'arraybuffer'.
  if ((frame as unknown) instanceof ArrayBuffer) frame = new Uint8Array(frame as unknown as ArrayBuffer);
  if (!(frame instanceof Uint8Array)) {
    throw new ProtocolError(
      'WRONG_FRAME_TYPE',
      'a CBOR primitive travels in a binary frame, got a text frame',
      {
        codec: 'cbor',
        frame: typeof frame === 'string' ? frame : undefined,
      },
    );
  }
  let value: unknown;
  try {
    value = objectDecoder.decode(frame);
  } catch {
    try {
      value = mapDecoder.decode(frame);
    } catch (cause) {
      throw new ProtocolError('MALFORMED', `invalid CBOR: ${(cause as Error).message}`, {
        codec: 'cbor',
        frame,
        cause,
      });
    }
  }
  return classifyPrimitive(normalizeForeignTree(value, 'cbor', frame), 'cbor', frame);
}
