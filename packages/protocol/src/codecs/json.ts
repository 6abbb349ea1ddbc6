import type { Codec } from '../codec.js';
import { ProtocolError } from '../errors.js';
import type { DecodedPrimitive, Primitive } from '../primitive.js';
import { classifyPrimitive } from './classify.js';
import { guardJsonTree } from './tree-guard.js';

/**
 * The JSON serialization (TS-0004 §8.4, TS-0020 `oneM2M.json`), carried in text frames.
 *
 * - `encode` writes the primitive bare (never under `m2m:rqp` / `m2m:rsp`, which ACME and Mobius
 *   reject) with `JSON.stringify` and no spacing, keeping member order: a decoded compact frame
 *   re-encodes byte for byte.
 * - `decode` is `JSON.parse`, a depth and member-name guard, and the structural classification of
 *   {@link classifyPrimitive}. Top-level `m2m:rqp` / `m2m:rsp` wrappers are unwrapped.
 * - A binary frame is refused with `WRONG_FRAME_TYPE`: a JSON connection carries text frames only, and
 *   the client decides what to do with a stray binary frame (ACME, for one, sends JSON text frames on a
 *   CBOR connection, so a client routes by frame type, not by negotiated subprotocol).
 */
export const jsonCodec: Codec = {
  serialization: 'json',
  frameType: 'text',
  encode: encodeJson,
  decode: decodeJson,
};

/**
 * Serialize a primitive to compact JSON text.
 * @throws {ProtocolError} `UNENCODABLE` for cyclic structures or BigInt values.
 */
export function encodeJson(primitive: Primitive): string {
  let text: string | undefined;
  try {
    text = JSON.stringify(primitive);
  } catch (cause) {
    throw new ProtocolError('UNENCODABLE', `cannot serialize primitive: ${(cause as Error).message}`, {
      codec: 'json',
      cause,
    });
  }
  if (typeof text !== 'string' || text.charCodeAt(0) !== 0x7b /* { */) {
    throw new ProtocolError('UNENCODABLE', 'a primitive must be an object', { codec: 'json' });
  }
  return text;
}

/**
 * Parse one text frame into a classified primitive.
 * @throws {ProtocolError} `WRONG_FRAME_TYPE` for a binary frame, `MALFORMED` for invalid JSON,
 * `NOT_A_PRIMITIVE` / `INVALID_PRIMITIVE` for JSON that is not a primitive.
 */
export function decodeJson(frame: string | Uint8Array): DecodedPrimitive {
  if (typeof frame !== 'string') {
    throw new ProtocolError(
      'WRONG_FRAME_TYPE',
      'a JSON primitive travels in a text frame, got a binary frame',
      {
        codec: 'json',
        frame: frame instanceof Uint8Array ? frame : undefined,
      },
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(frame);
  } catch (cause) {
    throw new ProtocolError('MALFORMED', `invalid JSON: ${(cause as Error).message}`, {
      codec: 'json',
      frame,
      cause,
    });
  }
  guardJsonTree(value, frame);
  return classifyPrimitive(value, 'json', frame);
}
