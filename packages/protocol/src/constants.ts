/**
 * oneM2M enumerations (TS-0004 §6.3.4.2, digest §3) as readonly objects with matching
 * union types, so `Operation.Create` is the literal `1` and `Operation` is `1 | 2 | 3 | 4 | 5`.
 * The integer ones are written as code tables (`code-table.ts`: names in code order, a number
 * where the sequence jumps), which the browser bundles carry in far fewer bytes than object
 * literals; their types are parsed from the same strings.
 *
 * Values marked R4/R5 come from ACME only and are unconfirmed against spec text; they are
 * included because real CSEs send them. Schemas validate enum-typed members as integers, not
 * as closed unions, for the same reason (digest Appendix A).
 */

import { codeTable } from './code-table.js';

/** m2m:operation (`op`). There is no operation 6: discovery is a RETRIEVE with `fc.fu = 1`. */
export const Operation = /*#__PURE__*/ codeTable('1 Create Retrieve Update Delete Notify');
/** One of the five operation codes. */
export type Operation = (typeof Operation)[keyof typeof Operation];

/**
 * m2m:resourceType (`ty`), including announced variants (10000 + base) and R4/R5 types.
 * 33 / 10033 are void (reserved) in TS-0004 V3.32 and have no name here. 58
 * (FlexContainerInstance, R5 draft) and 60–66 (R4) come from ACME.
 */
export const ResourceType = /*#__PURE__*/ codeTable(
  '1 AccessControlPolicy AE Container ContentInstance CSEBase Delivery EventConfig',
  'ExecInstance Group LocationPolicy M2mServiceSubscriptionProfile MgmtCmd MgmtObj Node',
  'PollingChannel RemoteCSE Request Schedule ServiceSubscribedAppRule ServiceSubscribedNode',
  'StatsCollect StatsConfig Subscription SemanticDescriptor NotificationTargetMgmtPolicyRef',
  'NotificationTargetPolicy PolicyDeletionRules FlexContainer TimeSeries TimeSeriesInstance',
  'Role Token 34 DynamicAuthorizationConsultation AuthorizationDecision AuthorizationPolicy',
  'AuthorizationInformation OntologyRepository Ontology SemanticMashupJobProfile',
  'SemanticMashupInstance SemanticMashupResult AEContactList AEContactListPerCSE',
  'LocalMulticastGroup MultimediaSession TriggerRequest CrossResourceSubscription',
  'BackgroundDataTransfer TransactionMgmt Transaction',
  '58 FlexContainerInstance 60 TimeSyncBeacon',
  '62 PrimitiveProfile ProcessManagement State Action Dependency',
  '10001 AccessControlPolicyAnnc AEAnnc ContainerAnnc ContentInstanceAnnc CSEBaseAnnc',
  '10009 GroupAnnc LocationPolicyAnnc 10013 MgmtObjAnnc NodeAnnc',
  '10016 RemoteCSEAnnc 10018 ScheduleAnnc 10024 SemanticDescriptorAnnc',
  '10028 FlexContainerAnnc TimeSeriesAnnc TimeSeriesInstanceAnnc',
  '10038 OntologyRepositoryAnnc OntologyAnnc SemanticMashupJobProfileAnnc',
  'SemanticMashupInstanceAnnc SemanticMashupResultAnnc',
  '10046 MultimediaSessionAnnc 10058 FlexContainerInstanceAnnc',
  '10060 TimeSyncBeaconAnnc 10062 PrimitiveProfileAnnc ProcessManagementAnnc StateAnnc',
  'ActionAnnc DependencyAnnc',
);
/** A known resource type number. Wire values outside this set are still legal integers. */
export type ResourceType = (typeof ResourceType)[keyof typeof ResourceType];

/** True for announced resource types (10000 + base type). */
export function isAnnouncedType(ty: number): boolean {
  return ty > 10000 && ty < 20000;
}

/** m2m:resultContent (`rcn`). 11 and 12 are ACME R4/R5 values. */
export const ResultContent = /*#__PURE__*/ codeTable(
  '0 Nothing Attributes HierarchicalAddress HierarchicalAddressAndAttributes',
  'AttributesAndChildResources AttributesAndChildResourceReferences ChildResourceReferences',
  'OriginalResource ChildResources ModifiedAttributes SemanticContent',
  'DiscoveryResultReferences Permissions',
);
/** A known result content value. */
export type ResultContent = (typeof ResultContent)[keyof typeof ResultContent];

/** m2m:responseType (`rt.rtv`). `nu` is allowed only with {@link ResponseType.NonBlockingRequestAsynch}. */
export const ResponseType = /*#__PURE__*/ codeTable(
  '1 NonBlockingRequestSynch NonBlockingRequestAsynch BlockingRequest FlexBlocking',
  'NoResponse',
);
/** A known response type. */
export type ResponseType = (typeof ResponseType)[keyof typeof ResponseType];

/** m2m:desIdResType (`drt`). */
export const DesiredIdentifierResultType = /*#__PURE__*/ codeTable('1 Structured Unstructured');
/** A known desired-identifier result type. */
export type DesiredIdentifierResultType =
  (typeof DesiredIdentifierResultType)[keyof typeof DesiredIdentifierResultType];

/** m2m:filterUsage (`fc.fu`). 4 is ACME-only. */
export const FilterUsage = /*#__PURE__*/ codeTable(
  '1 DiscoveryCriteria ConditionalRetrieval IPEOnDemandDiscovery DiscoveryBasedOperation',
);
/** A known filter usage. */
export type FilterUsage = (typeof FilterUsage)[keyof typeof FilterUsage];

/** m2m:filterOperation (`fc.fo`, `enc.fo`). XOR is ACME-only. */
export const FilterOperation = /*#__PURE__*/ codeTable('1 AND OR XOR');
/** A known filter operation. */
export type FilterOperation = (typeof FilterOperation)[keyof typeof FilterOperation];

/** m2m:notificationEventType (`enc.net`, `sgn.nev.net`). 9 and 10 are ACME-only. */
export const NotificationEventType = /*#__PURE__*/ codeTable(
  '1 UpdateOfResource DeleteOfResource CreateOfDirectChildResource',
  'DeleteOfDirectChildResource RetrieveOfContainerResourceWithNoChildResource',
  'TriggerReceivedForAEResource BlockingUpdate ReportOnMissingDataPoints BlockingRetrieve',
  'BlockingRetrieveDirectChild',
);
/** A known notification event type. */
export type NotificationEventType = (typeof NotificationEventType)[keyof typeof NotificationEventType];

/** m2m:notificationContentType (`nct`). */
export const NotificationContentType = /*#__PURE__*/ codeTable(
  '1 AllAttributes ModifiedAttributes ResourceID TriggerPayload TimeSeriesNotification',
);
/** A known notification content type. */
export type NotificationContentType = (typeof NotificationContentType)[keyof typeof NotificationContentType];

/** m2m:consistencyStrategy (`csy` of `<group>`). */
export const ConsistencyStrategy = /*#__PURE__*/ codeTable('1 AbandonMember AbandonGroup SetMixed');
/** A known consistency strategy. */
export type ConsistencyStrategy = (typeof ConsistencyStrategy)[keyof typeof ConsistencyStrategy];

/**
 * m2m:memberType (`mt` of `<group>`): 0 mixed, otherwise a resource type number, plus these
 * special values.
 */
export const MemberType = /*#__PURE__*/ codeTable('0 Mixed 20001 Oldest Latest Mashup');
/** A named member type (any resource type number is also a valid member type). */
export type MemberType = (typeof MemberType)[keyof typeof MemberType];

/** m2m:stdEventCats (`ec`); user-defined categories are 100–999. */
export const EventCategory = /*#__PURE__*/ codeTable('2 Immediate BestEffort Latest');
/** A standard event category. */
export type EventCategory = (typeof EventCategory)[keyof typeof EventCategory];

/** m2m:cseTypeID (`cst`). */
export const CSEType = /*#__PURE__*/ codeTable('1 IN_CSE MN_CSE ASN_CSE');
/** A CSE type. */
export type CSEType = (typeof CSEType)[keyof typeof CSEType];

/** m2m:requestStatus (`rs` of `<request>`). */
export const RequestStatus = /*#__PURE__*/ codeTable(
  '1 Completed Failed Pending Forwarded PartiallyCompleted',
);
/** A request status. */
export type RequestStatus = (typeof RequestStatus)[keyof typeof RequestStatus];

/** m2m:contentStatus (`cnst`). */
export const ContentStatus = /*#__PURE__*/ codeTable('1 PartialContent FullContent');
/** A content status. */
export type ContentStatus = (typeof ContentStatus)[keyof typeof ContentStatus];

/** m2m:pendingNotification (`pn` of `<subscription>`). */
export const PendingNotification = /*#__PURE__*/ codeTable('1 SendLatest SendAllPending');
/** A pending-notification policy. */
export type PendingNotification = (typeof PendingNotification)[keyof typeof PendingNotification];

/** m2m:encodingType (second field of `cnf`). */
export const EncodingType = /*#__PURE__*/ codeTable('0 Plain Base64String Base64Binary');
/** An encoding type. */
export type EncodingType = (typeof EncodingType)[keyof typeof EncodingType];

/** m2m:contentFilterSyntax (`fc.cfs`). */
export const ContentFilterSyntax = /*#__PURE__*/ codeTable('1 JSONPath');
/** A content filter syntax. */
export type ContentFilterSyntax = (typeof ContentFilterSyntax)[keyof typeof ContentFilterSyntax];

/** m2m:AERegistrationStatus (`regs`). ACME types `regs` as a string instead. */
export const RegistrationStatus = /*#__PURE__*/ codeTable('1 Active Inactive');
/** A registration status. */
export type RegistrationStatus = (typeof RegistrationStatus)[keyof typeof RegistrationStatus];

/** m2m:timeWindowType (`twt` of `<crossResourceSubscription>`). */
export const TimeWindowType = /*#__PURE__*/ codeTable('1 PeriodicWindow SlidingWindow');
/** A time window type. */
export type TimeWindowType = (typeof TimeWindowType)[keyof typeof TimeWindowType];

/** m2m:semanticFormat (`dcrp`). */
export const SemanticFormat = /*#__PURE__*/ codeTable(
  '1 IRI FunctionalStyle OWLXML RDFXML RDFTurtle Manchester JSONLD',
);
/** A semantic format. */
export type SemanticFormat = (typeof SemanticFormat)[keyof typeof SemanticFormat];

/** m2m:status of management actions. */
export const MgmtStatus = /*#__PURE__*/ codeTable('0 Uninitialized Successful Failure InProcess');
/** A management status. */
export type MgmtStatus = (typeof MgmtStatus)[keyof typeof MgmtStatus];

/** m2m:logicalOperator. */
export const LogicalOperator = /*#__PURE__*/ codeTable('1 AND OR');
/** A logical operator. */
export type LogicalOperator = (typeof LogicalOperator)[keyof typeof LogicalOperator];

/** m2m:triggerPurpose. */
export const TriggerPurpose = /*#__PURE__*/ codeTable(
  '1 EstablishConnection RegistrationRequest ExecuteCRUD EnrolmentRequest',
);
/** A trigger purpose. */
export type TriggerPurpose = (typeof TriggerPurpose)[keyof typeof TriggerPurpose];

/** m2m:notificationTargetPolicyAction. */
export const NotificationTargetPolicyAction = /*#__PURE__*/ codeTable(
  '1 Accept Reject SeekAuthorization InformOnly',
);
/** A notification target policy action. */
export type NotificationTargetPolicyAction =
  (typeof NotificationTargetPolicyAction)[keyof typeof NotificationTargetPolicyAction];

/** announceSyncType (`ast`, R4, ACME). */
export const AnnounceSyncType = /*#__PURE__*/ codeTable('1 UniDirectional BiDirectional');
/** An announce sync type. */
export type AnnounceSyncType = (typeof AnnounceSyncType)[keyof typeof AnnounceSyncType];

/** m2m:geometryType (`fc.gmty`, `loc.typ`; R4). */
export const GeometryType = /*#__PURE__*/ codeTable(
  '1 Point LineString Polygon MultiPoint MultiLineString MultiPolygon',
);
/** A geometry type. */
export type GeometryType = (typeof GeometryType)[keyof typeof GeometryType];

/** m2m:geoSpatialFunctionType (`fc.gsf`; R4). */
export const GeoSpatialFunction = /*#__PURE__*/ codeTable('1 Within Contains Intersects');
/** A geospatial function. */
export type GeoSpatialFunction = (typeof GeoSpatialFunction)[keyof typeof GeoSpatialFunction];

/** m2m:mgmtDefinition (`mgd`) of the mgmtObj specializations (all `ty = 13`). */
export const MgmtDefinition = /*#__PURE__*/ codeTable(
  '0 SelfDefined 1001 Firmware Software Memory AreaNwkInfo AreaNwkDeviceInfo Battery',
  'DeviceInfo DeviceCapability Reboot EventLog CmdhPolicy ActiveCmdhPolicy CmdhDefaults',
  'CmdhDefEcValue CmdhEcDefParamValues CmdhLimits CmdhNetworkAccessRules CmdhNwAccessRule',
  'CmdhBuffer Registration DataCollection AuthenticationProfile MyCertFileCred',
  'TrustAnchorCred MAFClientRegCfg MEFClientRegCfg',
);
/** A management definition. */
export type MgmtDefinition = (typeof MgmtDefinition)[keyof typeof MgmtDefinition];

/** Release version indicators a client may send as `rvi` (always a string). */
export const ReleaseVersion = { R2: '2', R2a: '2a', R3: '3', R4: '4', R5: '5' } as const;
/** A release version string. */
export type ReleaseVersion = (typeof ReleaseVersion)[keyof typeof ReleaseVersion];

/** m2m:accessControlOperations (`acop`): a bit mask, values combine by addition. */
export const AccessControlOperation = {
  Create: 1,
  Retrieve: 2,
  Update: 4,
  Delete: 8,
  Notify: 16,
  Discovery: 32,
  /** Every operation (63). */
  All: 63,
} as const;
/** One `acop` bit (or {@link AccessControlOperation.All}). */
export type AccessControlOperation = (typeof AccessControlOperation)[keyof typeof AccessControlOperation];

/** The name of one `acop` bit, as used by {@link acopFrom} / {@link acopNames}. */
export type AccessControlOperationName = Exclude<keyof typeof AccessControlOperation, 'All'>;

const ACOP_NAMES: readonly AccessControlOperationName[] = [
  'Create',
  'Retrieve',
  'Update',
  'Delete',
  'Notify',
  'Discovery',
];

/** Build an `acop` mask from operation names: `acopFrom('Create', 'Retrieve') === 3`. */
export function acopFrom(...ops: AccessControlOperationName[]): number {
  let mask = 0;
  for (const op of ops) mask |= AccessControlOperation[op];
  return mask;
}

/** True when every bit of `required` is set in `mask`. */
export function acopAllows(mask: number, required: number): boolean {
  return (mask & required) === required;
}

/** The operation names whose bits are set in `mask`, in bit order. Bits above 32 are ignored. */
export function acopNames(mask: number): AccessControlOperationName[] {
  const out: AccessControlOperationName[] = [];
  for (const name of ACOP_NAMES) if (mask & AccessControlOperation[name]) out.push(name);
  return out;
}

/**
 * The `acop` bit a request needs: a RETRIEVE with `fc.fu = 1` is a DISCOVERY, otherwise the
 * bit of its operation. Returns 0 for an unknown operation.
 */
export function acopForOperation(op: number, filterUsage?: number): number {
  if (op === Operation.Retrieve && filterUsage === FilterUsage.DiscoveryCriteria) {
    return AccessControlOperation.Discovery;
  }
  // The acop bits follow the operation codes: CREATE (1) is bit 1, RETRIEVE (2) bit 2, UPDATE (3)
  // bit 4, DELETE (4) bit 8, NOTIFY (5) bit 16.
  return Number.isInteger(op) && op >= Operation.Create && op <= Operation.Notify ? 2 ** (op - 1) : 0;
}

/**
 * `rcn` values allowed per operation (TS-0001 Table 8.1.2-1; digest §3.3). Discovery
 * (RETRIEVE with `fc.fu = 1`) has its own set; 11/12 are the ACME R4/R5 additions.
 */
export const ALLOWED_RESULT_CONTENT: Readonly<
  Record<'create' | 'retrieve' | 'update' | 'delete' | 'discovery', readonly number[]>
> = {
  create: [0, 1, 2, 3, 9],
  retrieve: [1, 4, 5, 6, 7, 8, 10, 12],
  update: [0, 1, 9],
  delete: [0, 1, 4, 5, 6, 8],
  discovery: [6, 11],
};

/** Whether `rcn` is valid for the operation (NOTIFY allows no `rcn` at all). */
export function isResultContentAllowed(op: number, rcn: number, filterUsage?: number): boolean {
  const { create, retrieve, update, delete: del, discovery } = ALLOWED_RESULT_CONTENT;
  const set =
    op === Operation.Retrieve && filterUsage === FilterUsage.DiscoveryCriteria
      ? discovery
      : // By operation code 1..4; NOTIFY and unknown operations have none.
        [create, retrieve, update, del][op - 1];
  return set?.includes(rcn) ?? false;
}
