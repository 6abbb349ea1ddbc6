/**
 * oneM2M enumerations (TS-0004 §6.3.4.2, digest §3) as `as const` objects with matching
 * union types, so `Operation.Create` is the literal `1` and `Operation` is `1 | 2 | 3 | 4 | 5`.
 *
 * Values marked R4/R5 come from ACME only and are unconfirmed against spec text; they are
 * included because real CSEs send them. Schemas validate enum-typed members as integers, not
 * as closed unions, for the same reason (digest Appendix A).
 */

/** m2m:operation (`op`). There is no operation 6: discovery is a RETRIEVE with `fc.fu = 1`. */
export const Operation = { Create: 1, Retrieve: 2, Update: 3, Delete: 4, Notify: 5 } as const;
/** One of the five operation codes. */
export type Operation = (typeof Operation)[keyof typeof Operation];

/**
 * m2m:resourceType (`ty`), including announced variants (10000 + base) and R4/R5 types.
 * 33 / 10033 are void (reserved) in TS-0004 V3.32 and have no name here.
 */
export const ResourceType = {
  AccessControlPolicy: 1,
  AE: 2,
  Container: 3,
  ContentInstance: 4,
  CSEBase: 5,
  Delivery: 6,
  EventConfig: 7,
  ExecInstance: 8,
  Group: 9,
  LocationPolicy: 10,
  M2mServiceSubscriptionProfile: 11,
  MgmtCmd: 12,
  MgmtObj: 13,
  Node: 14,
  PollingChannel: 15,
  RemoteCSE: 16,
  Request: 17,
  Schedule: 18,
  ServiceSubscribedAppRule: 19,
  ServiceSubscribedNode: 20,
  StatsCollect: 21,
  StatsConfig: 22,
  Subscription: 23,
  SemanticDescriptor: 24,
  NotificationTargetMgmtPolicyRef: 25,
  NotificationTargetPolicy: 26,
  PolicyDeletionRules: 27,
  FlexContainer: 28,
  TimeSeries: 29,
  TimeSeriesInstance: 30,
  Role: 31,
  Token: 32,
  DynamicAuthorizationConsultation: 34,
  AuthorizationDecision: 35,
  AuthorizationPolicy: 36,
  AuthorizationInformation: 37,
  OntologyRepository: 38,
  Ontology: 39,
  SemanticMashupJobProfile: 40,
  SemanticMashupInstance: 41,
  SemanticMashupResult: 42,
  AEContactList: 43,
  AEContactListPerCSE: 44,
  LocalMulticastGroup: 45,
  MultimediaSession: 46,
  TriggerRequest: 47,
  CrossResourceSubscription: 48,
  BackgroundDataTransfer: 49,
  TransactionMgmt: 50,
  Transaction: 51,
  /** R5 draft (ACME). */
  FlexContainerInstance: 58,
  /** R4 (ACME). */
  TimeSyncBeacon: 60,
  /** R4 (ACME). */
  PrimitiveProfile: 62,
  /** R4 (ACME). */
  ProcessManagement: 63,
  /** R4 (ACME). */
  State: 64,
  /** R4 (ACME). */
  Action: 65,
  /** R4 (ACME). */
  Dependency: 66,
  AccessControlPolicyAnnc: 10001,
  AEAnnc: 10002,
  ContainerAnnc: 10003,
  ContentInstanceAnnc: 10004,
  CSEBaseAnnc: 10005,
  GroupAnnc: 10009,
  LocationPolicyAnnc: 10010,
  MgmtObjAnnc: 10013,
  NodeAnnc: 10014,
  RemoteCSEAnnc: 10016,
  ScheduleAnnc: 10018,
  SemanticDescriptorAnnc: 10024,
  FlexContainerAnnc: 10028,
  TimeSeriesAnnc: 10029,
  TimeSeriesInstanceAnnc: 10030,
  OntologyRepositoryAnnc: 10038,
  OntologyAnnc: 10039,
  SemanticMashupJobProfileAnnc: 10040,
  SemanticMashupInstanceAnnc: 10041,
  SemanticMashupResultAnnc: 10042,
  MultimediaSessionAnnc: 10046,
  FlexContainerInstanceAnnc: 10058,
  TimeSyncBeaconAnnc: 10060,
  PrimitiveProfileAnnc: 10062,
  ProcessManagementAnnc: 10063,
  StateAnnc: 10064,
  ActionAnnc: 10065,
  DependencyAnnc: 10066,
} as const;
/** A known resource type number. Wire values outside this set are still legal integers. */
export type ResourceType = (typeof ResourceType)[keyof typeof ResourceType];

/** True for announced resource types (10000 + base type). */
export function isAnnouncedType(ty: number): boolean {
  return ty > 10000 && ty < 20000;
}

/** m2m:resultContent (`rcn`). 11 and 12 are ACME R4/R5 values. */
export const ResultContent = {
  Nothing: 0,
  Attributes: 1,
  HierarchicalAddress: 2,
  HierarchicalAddressAndAttributes: 3,
  AttributesAndChildResources: 4,
  AttributesAndChildResourceReferences: 5,
  ChildResourceReferences: 6,
  OriginalResource: 7,
  ChildResources: 8,
  ModifiedAttributes: 9,
  SemanticContent: 10,
  DiscoveryResultReferences: 11,
  Permissions: 12,
} as const;
/** A known result content value. */
export type ResultContent = (typeof ResultContent)[keyof typeof ResultContent];

/** m2m:responseType (`rt.rtv`). `nu` is allowed only with {@link ResponseType.NonBlockingRequestAsynch}. */
export const ResponseType = {
  NonBlockingRequestSynch: 1,
  NonBlockingRequestAsynch: 2,
  BlockingRequest: 3,
  FlexBlocking: 4,
  NoResponse: 5,
} as const;
/** A known response type. */
export type ResponseType = (typeof ResponseType)[keyof typeof ResponseType];

/** m2m:desIdResType (`drt`). */
export const DesiredIdentifierResultType = { Structured: 1, Unstructured: 2 } as const;
/** A known desired-identifier result type. */
export type DesiredIdentifierResultType =
  (typeof DesiredIdentifierResultType)[keyof typeof DesiredIdentifierResultType];

/** m2m:filterUsage (`fc.fu`). 4 is ACME-only. */
export const FilterUsage = {
  DiscoveryCriteria: 1,
  ConditionalRetrieval: 2,
  IPEOnDemandDiscovery: 3,
  DiscoveryBasedOperation: 4,
} as const;
/** A known filter usage. */
export type FilterUsage = (typeof FilterUsage)[keyof typeof FilterUsage];

/** m2m:filterOperation (`fc.fo`, `enc.fo`). XOR is ACME-only. */
export const FilterOperation = { AND: 1, OR: 2, XOR: 3 } as const;
/** A known filter operation. */
export type FilterOperation = (typeof FilterOperation)[keyof typeof FilterOperation];

/** m2m:notificationEventType (`enc.net`, `sgn.nev.net`). 9 and 10 are ACME-only. */
export const NotificationEventType = {
  UpdateOfResource: 1,
  DeleteOfResource: 2,
  CreateOfDirectChildResource: 3,
  DeleteOfDirectChildResource: 4,
  RetrieveOfContainerResourceWithNoChildResource: 5,
  TriggerReceivedForAEResource: 6,
  BlockingUpdate: 7,
  ReportOnMissingDataPoints: 8,
  BlockingRetrieve: 9,
  BlockingRetrieveDirectChild: 10,
} as const;
/** A known notification event type. */
export type NotificationEventType = (typeof NotificationEventType)[keyof typeof NotificationEventType];

/** m2m:notificationContentType (`nct`). */
export const NotificationContentType = {
  AllAttributes: 1,
  ModifiedAttributes: 2,
  ResourceID: 3,
  TriggerPayload: 4,
  TimeSeriesNotification: 5,
} as const;
/** A known notification content type. */
export type NotificationContentType = (typeof NotificationContentType)[keyof typeof NotificationContentType];

/** m2m:consistencyStrategy (`csy` of `<group>`). */
export const ConsistencyStrategy = { AbandonMember: 1, AbandonGroup: 2, SetMixed: 3 } as const;
/** A known consistency strategy. */
export type ConsistencyStrategy = (typeof ConsistencyStrategy)[keyof typeof ConsistencyStrategy];

/**
 * m2m:memberType (`mt` of `<group>`): 0 mixed, otherwise a resource type number, plus these
 * special values.
 */
export const MemberType = { Mixed: 0, Oldest: 20001, Latest: 20002, Mashup: 20003 } as const;
/** A named member type (any resource type number is also a valid member type). */
export type MemberType = (typeof MemberType)[keyof typeof MemberType];

/** m2m:stdEventCats (`ec`); user-defined categories are 100–999. */
export const EventCategory = { Immediate: 2, BestEffort: 3, Latest: 4 } as const;
/** A standard event category. */
export type EventCategory = (typeof EventCategory)[keyof typeof EventCategory];

/** m2m:cseTypeID (`cst`). */
export const CSEType = { IN_CSE: 1, MN_CSE: 2, ASN_CSE: 3 } as const;
/** A CSE type. */
export type CSEType = (typeof CSEType)[keyof typeof CSEType];

/** m2m:requestStatus (`rs` of `<request>`). */
export const RequestStatus = {
  Completed: 1,
  Failed: 2,
  Pending: 3,
  Forwarded: 4,
  PartiallyCompleted: 5,
} as const;
/** A request status. */
export type RequestStatus = (typeof RequestStatus)[keyof typeof RequestStatus];

/** m2m:contentStatus (`cnst`). */
export const ContentStatus = { PartialContent: 1, FullContent: 2 } as const;
/** A content status. */
export type ContentStatus = (typeof ContentStatus)[keyof typeof ContentStatus];

/** m2m:pendingNotification (`pn` of `<subscription>`). */
export const PendingNotification = { SendLatest: 1, SendAllPending: 2 } as const;
/** A pending-notification policy. */
export type PendingNotification = (typeof PendingNotification)[keyof typeof PendingNotification];

/** m2m:encodingType (second field of `cnf`). */
export const EncodingType = { Plain: 0, Base64String: 1, Base64Binary: 2 } as const;
/** An encoding type. */
export type EncodingType = (typeof EncodingType)[keyof typeof EncodingType];

/** m2m:contentFilterSyntax (`fc.cfs`). */
export const ContentFilterSyntax = { JSONPath: 1 } as const;
/** A content filter syntax. */
export type ContentFilterSyntax = (typeof ContentFilterSyntax)[keyof typeof ContentFilterSyntax];

/** m2m:AERegistrationStatus (`regs`). ACME types `regs` as a string instead. */
export const RegistrationStatus = { Active: 1, Inactive: 2 } as const;
/** A registration status. */
export type RegistrationStatus = (typeof RegistrationStatus)[keyof typeof RegistrationStatus];

/** m2m:timeWindowType (`twt` of `<crossResourceSubscription>`). */
export const TimeWindowType = { PeriodicWindow: 1, SlidingWindow: 2 } as const;
/** A time window type. */
export type TimeWindowType = (typeof TimeWindowType)[keyof typeof TimeWindowType];

/** m2m:semanticFormat (`dcrp`). */
export const SemanticFormat = {
  IRI: 1,
  FunctionalStyle: 2,
  OWLXML: 3,
  RDFXML: 4,
  RDFTurtle: 5,
  Manchester: 6,
  JSONLD: 7,
} as const;
/** A semantic format. */
export type SemanticFormat = (typeof SemanticFormat)[keyof typeof SemanticFormat];

/** m2m:status of management actions. */
export const MgmtStatus = { Uninitialized: 0, Successful: 1, Failure: 2, InProcess: 3 } as const;
/** A management status. */
export type MgmtStatus = (typeof MgmtStatus)[keyof typeof MgmtStatus];

/** m2m:logicalOperator. */
export const LogicalOperator = { AND: 1, OR: 2 } as const;
/** A logical operator. */
export type LogicalOperator = (typeof LogicalOperator)[keyof typeof LogicalOperator];

/** m2m:triggerPurpose. */
export const TriggerPurpose = {
  EstablishConnection: 1,
  RegistrationRequest: 2,
  ExecuteCRUD: 3,
  EnrolmentRequest: 4,
} as const;
/** A trigger purpose. */
export type TriggerPurpose = (typeof TriggerPurpose)[keyof typeof TriggerPurpose];

/** m2m:notificationTargetPolicyAction. */
export const NotificationTargetPolicyAction = {
  Accept: 1,
  Reject: 2,
  SeekAuthorization: 3,
  InformOnly: 4,
} as const;
/** A notification target policy action. */
export type NotificationTargetPolicyAction =
  (typeof NotificationTargetPolicyAction)[keyof typeof NotificationTargetPolicyAction];

/** announceSyncType (`ast`, R4, ACME). */
export const AnnounceSyncType = { UniDirectional: 1, BiDirectional: 2 } as const;
/** An announce sync type. */
export type AnnounceSyncType = (typeof AnnounceSyncType)[keyof typeof AnnounceSyncType];

/** m2m:geometryType (`fc.gmty`, `loc.typ`; R4). */
export const GeometryType = {
  Point: 1,
  LineString: 2,
  Polygon: 3,
  MultiPoint: 4,
  MultiLineString: 5,
  MultiPolygon: 6,
} as const;
/** A geometry type. */
export type GeometryType = (typeof GeometryType)[keyof typeof GeometryType];

/** m2m:geoSpatialFunctionType (`fc.gsf`; R4). */
export const GeoSpatialFunction = { Within: 1, Contains: 2, Intersects: 3 } as const;
/** A geospatial function. */
export type GeoSpatialFunction = (typeof GeoSpatialFunction)[keyof typeof GeoSpatialFunction];

/** m2m:mgmtDefinition (`mgd`) of the mgmtObj specializations (all `ty = 13`). */
export const MgmtDefinition = {
  SelfDefined: 0,
  Firmware: 1001,
  Software: 1002,
  Memory: 1003,
  AreaNwkInfo: 1004,
  AreaNwkDeviceInfo: 1005,
  Battery: 1006,
  DeviceInfo: 1007,
  DeviceCapability: 1008,
  Reboot: 1009,
  EventLog: 1010,
  CmdhPolicy: 1011,
  ActiveCmdhPolicy: 1012,
  CmdhDefaults: 1013,
  CmdhDefEcValue: 1014,
  CmdhEcDefParamValues: 1015,
  CmdhLimits: 1016,
  CmdhNetworkAccessRules: 1017,
  CmdhNwAccessRule: 1018,
  CmdhBuffer: 1019,
  Registration: 1020,
  DataCollection: 1021,
  AuthenticationProfile: 1022,
  MyCertFileCred: 1023,
  TrustAnchorCred: 1024,
  MAFClientRegCfg: 1025,
  MEFClientRegCfg: 1026,
} as const;
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
  switch (op) {
    case Operation.Create:
      return AccessControlOperation.Create;
    case Operation.Retrieve:
      return filterUsage === FilterUsage.DiscoveryCriteria
        ? AccessControlOperation.Discovery
        : AccessControlOperation.Retrieve;
    case Operation.Update:
      return AccessControlOperation.Update;
    case Operation.Delete:
      return AccessControlOperation.Delete;
    case Operation.Notify:
      return AccessControlOperation.Notify;
    default:
      return 0;
  }
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
  let set: readonly number[];
  switch (op) {
    case Operation.Create:
      set = ALLOWED_RESULT_CONTENT.create;
      break;
    case Operation.Retrieve:
      set =
        filterUsage === FilterUsage.DiscoveryCriteria
          ? ALLOWED_RESULT_CONTENT.discovery
          : ALLOWED_RESULT_CONTENT.retrieve;
      break;
    case Operation.Update:
      set = ALLOWED_RESULT_CONTENT.update;
      break;
    case Operation.Delete:
      set = ALLOWED_RESULT_CONTENT.delete;
      break;
    default:
      return false;
  }
  return set.includes(rcn);
}
