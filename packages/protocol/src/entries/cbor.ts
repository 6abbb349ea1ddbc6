/**
 * `@onem2m-ws/protocol/cbor`: the CBOR codec alone (our CBOR reader and writer, no XML code).
 * @packageDocumentation
 */
export { cborCodec, decodeCbor, encodeCbor } from '../codecs/cbor.js';
