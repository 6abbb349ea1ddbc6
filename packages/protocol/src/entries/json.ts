/**
 * `@onem2m-ws/protocol/json`: the JSON codec alone. Importing it pulls in no CBOR or XML code.
 * @packageDocumentation
 */
export { decodeJson, encodeJson, jsonCodec } from '../codecs/json.js';
