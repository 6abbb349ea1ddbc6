/**
 * `@onem2m-ws/protocol/xml`: the XML codec alone (pulls in txml, not cbor-x).
 * @packageDocumentation
 */
export { decodeXml, encodeXml, xmlCodec } from '../codecs/xml.js';
