import type { Codec } from '../codec.js';
import { ProtocolError } from '../errors.js';
import type { DecodedPrimitive, Primitive } from '../primitive.js';
import { readCbor } from './cbor-reader.js';
import { writeCbor } from './cbor-writer.js';
import { classifyPrimitive } from './classify.js';

/**
 * The CBOR serialization (TS-0004 §8.5, TS-0020 `oneM2M.cbor`), carried in binary frames. The
 * reader and writer are our own (`cbor-reader.ts`, `cbor-writer.ts`): a primitive only holds the
 * JSON data model, and a general-purpose CBOR library (records, structured clone, extensions)
 * would triple the size of the script-tag bundle.
 *
 * - `encode` writes the JSON form of the primitive: text-string keys and values (major type 3),
 *   integers as major types 0/1, other numbers as float64. `undefined` members are left out, as
 *   JSON leaves them out. The result is a new `Uint8Array` that later encodes never overwrite.
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
  return writeCbor(primitive);
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
  return classifyPrimitive(readCbor(frame), 'cbor', frame);
}
