/**
 * `@onem2m-ws/protocol/json`: the JSON codec alone. Importing it pulls in neither cbor-x nor txml.
 * @packageDocumentation
 */
export { decodeJson, encodeJson, jsonCodec } from '../codecs/json.js';
