/**
 * Entry of the script-tag bundle `onem2m-ws.min.js`: an IIFE that defines the global `OneM2M`
 * with the `onem2m-ws` API a page needs (all three serializations, the browser WebSocket adapter,
 * the localStorage AE-ID store). Two parts of `onem2m-ws` are left out, and a test checks that
 * nothing else is:
 * - the in-memory socket adapter and server, which only serve tests in Node;
 * - the data tables behind validation and name translation (`*_SPEC`, `CONTENT_SPECS`,
 *   `*_NAMES`, `NAME_GROUPS`, `OPAQUE_MEMBERS`): a page calls `validateRequest`,
 *   `toShortNames`, `longNameOf`... which use them; exporting the tables themselves would add
 *   their 47 names to the bundle (~0.6 KB gzip). npm users can import them from `onem2m-ws`.
 *
 * @example
 * ```html
 * <script src="onem2m-ws.min.js"></script>
 * <script>
 *   const client = OneM2M.createClient({ url: 'ws://127.0.0.1:8180' });
 * </script>
 * ```
 * @packageDocumentation
 */

// The client's names win over the protocol's, as in the `onem2m-ws` entry.
export {
  AbortError,
  ConnectionError,
  createLocalStorageAeIdStore,
  createMemoryAeIdStore,
  createWebSocketAdapter,
  HandshakeError,
  IncomingRequestEvent,
  InvalidArgumentError,
  LocalStorageAeIdStore,
  MemoryAeIdStore,
  NotificationEvent,
  OneM2MClient,
  OneM2MError,
  OriginatorBindingError,
  ProtocolError,
  QueueFullError,
  ResponseError,
  Subscription,
  TimeoutError,
} from '@onem2m-ws/client';
export {
  AccessControlOperation,
  // Enumerations and constants.
  ALLOWED_RESULT_CONTENT,
  AnnounceSyncType,
  // Timestamps.
  absoluteIn,
  acopAllows,
  acopForOperation,
  acopFrom,
  acopNames,
  ConsistencyStrategy,
  ContentFilterSyntax,
  ContentStatus,
  CSEType,
  // Validation.
  checkerOf,
  // Codecs and subprotocols.
  classifyPrimitive,
  // Names.
  contentKeyOf,
  DEFAULT_RULES,
  DesiredIdentifierResultType,
  decodeCbor,
  decodeJson,
  decodeXml,
  // Status codes.
  describeStatus,
  EncodingType,
  EventCategory,
  encodeCbor,
  encodeJson,
  encodeXml,
  FilterOperation,
  FilterUsage,
  FRAME_TYPES,
  frameTypeOf,
  GeometryType,
  GeoSpatialFunction,
  isAbsRelTimestamp,
  isAccepted,
  isAnnouncedType,
  isError,
  isKnownStatus,
  isRequest,
  isResultContentAllowed,
  isShortName,
  isSuccess,
  isTimestamp,
  LogicalOperator,
  longNameOf,
  lookupSubprotocol,
  MAX_ERROR_FRAME_BYTES,
  MAX_NAME_DEPTH,
  MAX_NESTING_DEPTH,
  MemberType,
  MgmtDefinition,
  MgmtStatus,
  NotificationContentType,
  NotificationEventType,
  NotificationTargetPolicyAction,
  Operation,
  PendingNotification,
  parseIncomingRequest,
  parseIncomingResponse,
  parseTimestamp,
  qualifiedNameOf,
  RegistrationStatus,
  ReleaseVersion,
  RequestStatus,
  ResourceType,
  ResponseStatusCode,
  ResponseType,
  ResultContent,
  resolveAbsRel,
  resourceTypeOf,
  rulesOf,
  SemanticFormat,
  SUBPROTOCOLS,
  shortNameOf,
  statusClass,
  statusName,
  subprotocolsFor,
  successCodeFor,
  TIMESTAMP_PATTERN,
  TimeWindowType,
  TriggerPurpose,
  toLongNames,
  toShortNames,
  toTimestamp,
  validateRequest,
  validateRequestParameters,
  validateResource,
  validateResponse,
} from '@onem2m-ws/protocol';
export { allCodecs, cborCodec, createClient, jsonCodec, xmlCodec } from '../index.js';
