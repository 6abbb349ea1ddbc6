import type { Serialization } from './codec.js';

/** Largest part of an offending frame kept on a {@link ProtocolError}, so errors stay small. */
export const MAX_ERROR_FRAME_BYTES = 1024;

/** Why a frame or primitive was refused. */
export type ProtocolErrorCode =
  /** The bytes are not valid JSON / XML / CBOR. */
  | 'MALFORMED'
  /** Well-formed, but not a primitive (no `op` or `rsc`, not an object, wrong root element...). */
  | 'NOT_A_PRIMITIVE'
  /** A primitive that fails schema validation; `field` names the offending member. */
  | 'INVALID_PRIMITIVE'
  /** A text frame on a binary serialization, or the reverse. */
  | 'WRONG_FRAME_TYPE'
  /** XML DOCTYPE / entity declarations, which we never expand. */
  | 'FORBIDDEN_CONSTRUCT'
  /** The value cannot be serialized (e.g. a cyclic object or a non-finite number). */
  | 'UNENCODABLE';

/** Options for {@link ProtocolError}. */
export interface ProtocolErrorOptions {
  codec?: Serialization;
  field?: string;
  frame?: string | Uint8Array;
  cause?: unknown;
}

/**
 * The only error the protocol layer throws. Decoders wrap every failure in it, so callers can
 * rely on `err instanceof ProtocolError` and `err.code`.
 */
export class ProtocolError extends Error {
  override readonly name = 'ProtocolError';
  /** Machine-readable reason. */
  readonly code: ProtocolErrorCode;
  /** The serialization that failed, when a codec was involved. */
  readonly codec?: Serialization;
  /** Dotted path of the offending member, e.g. `rt.nu` or `pc.m2m:cnt.mni`. */
  readonly field?: string;
  /** The offending frame, cut to {@link MAX_ERROR_FRAME_BYTES}. */
  readonly frame?: string | Uint8Array;

  constructor(code: ProtocolErrorCode, message: string, options: ProtocolErrorOptions = {}) {
    super(options.codec ? `${options.codec}: ${message}` : message, { cause: options.cause });
    this.code = code;
    if (options.codec) this.codec = options.codec;
    if (options.field) this.field = options.field;
    if (options.frame !== undefined) this.frame = capFrame(options.frame);
  }
}

// `length` counts characters of a string and bytes of a Uint8Array.
function capFrame(frame: string | Uint8Array): string | Uint8Array {
  return frame.length > MAX_ERROR_FRAME_BYTES ? frame.slice(0, MAX_ERROR_FRAME_BYTES) : frame;
}
