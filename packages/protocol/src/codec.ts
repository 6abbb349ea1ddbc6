import type { DecodedPrimitive, Primitive } from './primitive.js';

/** The three serializations of TS-0020 Table 6.2.2.9-1. */
export type Serialization = 'json' | 'xml' | 'cbor';

/** The WebSocket frame type that carries a serialization: text (0x1) or binary (0x2). */
export type FrameType = 'text' | 'binary';

/** One serialization of oneM2M primitives. Codecs are stateless and safe to share. */
export interface Codec {
  /** The serialization this codec implements. */
  readonly serialization: Serialization;
  /** The frame type its encoded primitives travel in. */
  readonly frameType: FrameType;
  /** Serialize a primitive: a `string` for text codecs, a `Uint8Array` for CBOR. */
  encode(primitive: Primitive): string | Uint8Array;
  /**
   * Parse one WebSocket message into a classified primitive. Never throws anything but a
   * {@link ProtocolError}. Top-level `m2m:rqp` / `m2m:rsp` wrappers are unwrapped.
   */
  decode(frame: string | Uint8Array): DecodedPrimitive;
}
