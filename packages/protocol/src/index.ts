// Public API of @onem2m-ws/protocol. Contracts every package codes against come first.
export type { Codec, FrameType, Serialization } from './codec.js';
// Codecs and subprotocol registry (codec helper).
export { cborCodec, decodeCbor, encodeCbor } from './codecs/cbor.js';
export { classifyPrimitive, type PrimitiveKind } from './codecs/classify.js';
export { decodeJson, encodeJson, jsonCodec } from './codecs/json.js';
export { MAX_NESTING_DEPTH } from './codecs/tree-guard.js';
export { decodeXml, encodeXml, xmlCodec } from './codecs/xml.js';
export * from './constants.js';
export {
  MAX_ERROR_FRAME_BYTES,
  ProtocolError,
  type ProtocolErrorCode,
  type ProtocolErrorOptions,
} from './errors.js';
export * from './names/index.js';
export {
  type AbsRelTimestamp,
  type DecodedPrimitive,
  type FilterCriteria,
  isRequest,
  type OperationCode,
  type Primitive,
  type PrimitiveContent,
  type RequestPrimitive,
  type ResponsePrimitive,
  type ResponseTypeInfo,
} from './primitive.js';
export * from './schemas/index.js';
export * from './status.js';
export {
  FRAME_TYPES,
  frameTypeOf,
  lookupSubprotocol,
  SUBPROTOCOLS,
  type SubprotocolInfo,
  subprotocolsFor,
} from './subprotocols.js';
export * from './timestamp.js';
export {
  parseIncomingRequest,
  parseIncomingResponse,
  type ResourceMode,
  validateRequest,
  validateRequestParameters,
  validateResource,
  validateResponse,
} from './validate.js';
