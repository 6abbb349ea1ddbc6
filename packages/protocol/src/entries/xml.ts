/**
 * `@onem2m-ws/protocol/xml`: the XML codec alone (our XML parser, reader and writer, no CBOR code).
 * @packageDocumentation
 */
export { decodeXml, encodeXml, xmlCodec } from '../codecs/xml.js';
