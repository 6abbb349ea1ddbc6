import type { Codec, Serialization } from '@onem2m-ws/protocol';
import { cborCodec, jsonCodec } from '@onem2m-ws/protocol';

const CODECS: Partial<Record<Serialization, Codec>> = { json: jsonCodec, cbor: cborCodec };

/** The codec of a serialization, or `undefined` when this build has none for it. */
export function codecFor(serialization: Serialization): Codec | undefined {
  return CODECS[serialization];
}

/** Serializations the binding can speak, so the handshake never selects one without a codec. */
export function supportedSerializations(preference: readonly Serialization[]): Serialization[] {
  return preference.filter((s) => CODECS[s] !== undefined);
}
