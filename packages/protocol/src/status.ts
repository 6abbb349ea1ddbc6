/**
 * m2m:responseStatusCode (`rsc`): TS-0004 §6.6 (digest §4). The table is open: CSEs of later
 * releases return codes not listed here, and {@link statusClass} classifies those by range.
 */

/**
 * Every named response status code, keyed by its TS-0004 V3.32 name. 4106 also appears under
 * its older name ORIGINATOR_HAS_NOT_REGISTERED. Codes 4130–4142, 5230–5232 and 6033–6034 are
 * R4/R5 codes known only from ACME.
 */
export const ResponseStatusCode = {
  ACCEPTED: 1000,
  ACCEPTED_NON_BLOCKING_REQUEST_SYNCH: 1001,
  ACCEPTED_NON_BLOCKING_REQUEST_ASYNCH: 1002,
  OK: 2000,
  CREATED: 2001,
  DELETED: 2002,
  UPDATED: 2004,
  BAD_REQUEST: 4000,
  RELEASE_VERSION_NOT_SUPPORTED: 4001,
  NOT_FOUND: 4004,
  OPERATION_NOT_ALLOWED: 4005,
  REQUEST_TIMEOUT: 4008,
  UNSUPPORTED_MEDIA_TYPE: 4015,
  SUBSCRIPTION_CREATOR_HAS_NO_PRIVILEGE: 4101,
  CONTENTS_UNACCEPTABLE: 4102,
  ORIGINATOR_HAS_NO_PRIVILEGE: 4103,
  GROUP_REQUEST_IDENTIFIER_EXISTS: 4104,
  CONFLICT: 4105,
  ORIGINATOR_NOT_AUTHENTICATED: 4106,
  /** Pre-V3 name of 4106, still used by many implementations. */
  ORIGINATOR_HAS_NOT_REGISTERED: 4106,
  SECURITY_ASSOCIATION_REQUIRED: 4107,
  INVALID_CHILD_RESOURCE_TYPE: 4108,
  NO_MEMBERS: 4109,
  GROUP_MEMBER_TYPE_INCONSISTENT: 4110,
  ESPRIM_UNSUPPORTED_OPTION: 4111,
  ESPRIM_UNKNOWN_KEY_ID: 4112,
  ESPRIM_UNKNOWN_ORIG_RAND_ID: 4113,
  ESPRIM_UNKNOWN_RECV_RAND_ID: 4114,
  ESPRIM_BAD_MAC: 4115,
  ESPRIM_IMPERSONATION_ERROR: 4116,
  ORIGINATOR_HAS_ALREADY_REGISTERED: 4117,
  ONTOLOGY_NOT_AVAILABLE: 4118,
  LINKED_SEMANTICS_NOT_AVAILABLE: 4119,
  INVALID_SEMANTICS: 4120,
  MASHUP_MEMBER_NOT_FOUND: 4121,
  INVALID_TRIGGER_PURPOSE: 4122,
  ILLEGAL_TRANSACTION_STATE_TRANSITION_ATTEMPTED: 4123,
  BLOCKING_SUBSCRIPTION_ALREADY_EXISTS: 4124,
  SPECIALIZATION_SCHEMA_NOT_FOUND: 4125,
  APP_RULE_VALIDATION_FAILED: 4126,
  OPERATION_DENIED_BY_REMOTE_ENTITY: 4127,
  SERVICE_SUBSCRIPTION_NOT_ESTABLISHED: 4128,
  DISCOVERY_LIMIT_EXCEEDED: 4130,
  ONTOLOGY_MAPPING_ALGORITHM_NOT_AVAILABLE: 4131,
  ONTOLOGY_MAPPING_POLICY_NOT_MATCHED: 4132,
  ONTOLOGY_MAPPING_NOT_AVAILABLE: 4133,
  BAD_FACT_INPUTS_FOR_REASONING: 4135,
  BAD_RULE_INPUTS_FOR_REASONING: 4136,
  PRIMITIVE_PROFILE_NOT_ACCESSIBLE: 4138,
  PRIMITIVE_PROFILE_BAD_REQUEST: 4139,
  UNAUTHORIZED_USER: 4140,
  SERVICE_SUBSCRIPTION_LIMITS_EXCEEDED: 4141,
  INVALID_PROCESS_CONFIGURATION: 4142,
  INVALID_SPARQL_QUERY: 4143,
  INTERNAL_SERVER_ERROR: 5000,
  NOT_IMPLEMENTED: 5001,
  TARGET_NOT_REACHABLE: 5103,
  RECEIVER_HAS_NO_PRIVILEGE: 5105,
  ALREADY_EXISTS: 5106,
  REMOTE_ENTITY_NOT_REACHABLE: 5107,
  TARGET_NOT_SUBSCRIBABLE: 5203,
  SUBSCRIPTION_VERIFICATION_INITIATION_FAILED: 5204,
  SUBSCRIPTION_HOST_HAS_NO_PRIVILEGE: 5205,
  NON_BLOCKING_SYNCH_REQUEST_NOT_SUPPORTED: 5206,
  NOT_ACCEPTABLE: 5207,
  DISCOVERY_DENIED_BY_IPE: 5208,
  GROUP_MEMBERS_NOT_RESPONDED: 5209,
  ESPRIM_DECRYPTION_ERROR: 5210,
  ESPRIM_ENCRYPTION_ERROR: 5211,
  SPARQL_UPDATE_ERROR: 5212,
  TARGET_HAS_NO_SESSION_CAPABILITY: 5214,
  SESSION_IS_ONLINE: 5215,
  JOIN_MULTICAST_GROUP_FAILED: 5216,
  LEAVE_MULTICAST_GROUP_FAILED: 5217,
  TRIGGERING_DISABLED_FOR_RECIPIENT: 5218,
  UNABLE_TO_REPLACE_REQUEST: 5219,
  UNABLE_TO_RECALL_REQUEST: 5220,
  CROSS_RESOURCE_OPERATION_FAILURE: 5221,
  TRANSACTION_PROCESSING_IS_INCOMPLETE: 5222,
  ONTOLOGY_MAPPING_ALGORITHM_FAILED: 5230,
  ONTOLOGY_CONVERSION_FAILED: 5231,
  REASONING_PROCESSING_FAILED: 5232,
  EXTERNAL_OBJECT_NOT_REACHABLE: 6003,
  EXTERNAL_OBJECT_NOT_FOUND: 6005,
  MAX_NUMBER_OF_MEMBER_EXCEEDED: 6010,
  MGMT_SESSION_CANNOT_BE_ESTABLISHED: 6020,
  MGMT_SESSION_ESTABLISHMENT_TIMEOUT: 6021,
  INVALID_CMDTYPE: 6022,
  INVALID_ARGUMENTS: 6023,
  INSUFFICIENT_ARGUMENTS: 6024,
  MGMT_CONVERSION_ERROR: 6025,
  MGMT_CANCELLATION_FAILED: 6026,
  ALREADY_COMPLETE: 6028,
  MGMT_COMMAND_NOT_CANCELLABLE: 6029,
  EXTERNAL_OBJECT_NOT_REACHABLE_BEFORE_RQET_TIMEOUT: 6030,
  EXTERNAL_OBJECT_NOT_REACHABLE_BEFORE_OET_TIMEOUT: 6031,
  NETWORK_QOS_CONFIGURATION_ERROR: 6033,
  REQUESTED_ACTIVITY_PATTERN_NOT_PERMITTED: 6034,
} as const;

/** The name of a known status code. */
export type ResponseStatusName = keyof typeof ResponseStatusCode;
/** A known status code (any integer may still arrive on the wire). */
export type ResponseStatusCode = (typeof ResponseStatusCode)[ResponseStatusName];

/** The six classes of TS-0004 Table 6.6.2-1, plus `unknown` for codes outside 1000–6999. */
export type StatusClass =
  | 'informational'
  | 'success'
  | 'redirection'
  | 'originator-error'
  | 'receiver-error'
  | 'network-error'
  | 'unknown';

let names: Map<number, ResponseStatusName> | undefined;

// code → primary name, built on first use; the first name listed for a code wins, so 4106
// maps to its V3 name.
function load(): Map<number, ResponseStatusName> {
  if (names) return names;
  names = new Map();
  for (const name of Object.keys(ResponseStatusCode) as ResponseStatusName[]) {
    const code = ResponseStatusCode[name];
    if (!names.has(code)) names.set(code, name);
  }
  return names;
}

/** The TS-0004 V3.32 name of a status code (`4004` → `'NOT_FOUND'`), or `undefined` if unknown. */
export function statusName(rsc: number): ResponseStatusName | undefined {
  return load().get(rsc);
}

/** True when `rsc` is a status code this table names. */
export function isKnownStatus(rsc: number): boolean {
  return load().has(rsc);
}

const CLASSES: readonly StatusClass[] = [
  'informational',
  'success',
  'redirection',
  'originator-error',
  'receiver-error',
  'network-error',
];

/**
 * The class of a status code, by range (1xxx informational … 6xxx network error), so codes of
 * later releases are classified too. Non-integers and codes outside 1000–6999 are `unknown`.
 */
export function statusClass(rsc: number): StatusClass {
  if (!Number.isInteger(rsc) || rsc < 1000 || rsc > 6999) return 'unknown';
  return CLASSES[Math.floor(rsc / 1000) - 1] ?? 'unknown';
}

/** True for 2xxx codes. */
export function isSuccess(rsc: number): boolean {
  return statusClass(rsc) === 'success';
}

/** True for 1xxx codes: the request was accepted and is still being processed (non-blocking). */
export function isAccepted(rsc: number): boolean {
  return statusClass(rsc) === 'informational';
}

/** True for every code that is neither informational nor success (3xxx counts as an error). */
export function isError(rsc: number): boolean {
  const c = statusClass(rsc);
  return c !== 'informational' && c !== 'success';
}

const SUCCESS_BY_OP: readonly number[] = [
  ResponseStatusCode.CREATED,
  ResponseStatusCode.OK,
  ResponseStatusCode.UPDATED,
  ResponseStatusCode.DELETED,
  ResponseStatusCode.OK,
];

/**
 * The success code for an operation (TS-0004 §7.3.3.12): CREATE 2001, RETRIEVE 2000,
 * UPDATE 2004, DELETE 2002, NOTIFY 2000. Returns `undefined` for an unknown operation.
 */
export function successCodeFor(op: number): number | undefined {
  return Number.isInteger(op) ? SUCCESS_BY_OP[op - 1] : undefined;
}

/**
 * A short human-readable label for logs and error messages: `4004 NOT_FOUND`, or
 * `4999 (unknown originator-error)` for a code this table does not name.
 */
export function describeStatus(rsc: number): string {
  const name = load().get(rsc);
  return name ? `${rsc} ${name}` : `${rsc} (unknown ${statusClass(rsc)})`;
}
