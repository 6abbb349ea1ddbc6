import type { Codec, Serialization } from '@onem2m-ws/protocol';
import { cborCodec, jsonCodec, xmlCodec } from '@onem2m-ws/protocol';

const CODECS: Readonly<Record<Serialization, Codec>> = { json: jsonCodec, cbor: cborCodec, xml: xmlCodec };

/** The codec of a negotiated serialization. */
export function codecFor(serialization: Serialization): Codec {
  return CODECS[serialization];
}
