/**
 * `@onem2m-ws/protocol/cbor`: the CBOR codec alone (pulls in cbor-x, not txml).
 * @packageDocumentation
 */
export { cborCodec, decodeCbor, encodeCbor } from '../codecs/cbor.js';
