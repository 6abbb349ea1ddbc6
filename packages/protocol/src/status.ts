/**
 * m2m:responseStatusCode (`rsc`): TS-0004 §6.6 (digest §4). The table is open: CSEs of later
 * releases return codes not listed here, and {@link statusClass} classifies those by range.
 */

import { codeTable } from './code-table.js';

/** `UPPER_SNAKE` form of a camelCase name: `notFound` → `NOT_FOUND`. */
type UpperSnake<S extends string, Out extends string = ''> = S extends `${infer C}${infer R}`
  ? UpperSnake<R, `${Out}${C extends Lowercase<C> ? Uppercase<C> : `_${C}`}`>
  : Out;

function upperSnakeKeys<T extends Record<string, number>>(
  table: T,
): { readonly [K in keyof T as UpperSnake<K & string>]: T[K] } {
  return Object.fromEntries(
    Object.entries(table).map(([name, code]) => [name.replace(/[A-Z]/g, '_$&').toUpperCase(), code]),
  ) as never;
}

// Written as a code table (code-table.ts) of camelCase names, turned into the UPPER_SNAKE names:
// camelCase shares its words with the long attribute names, so gzip stores each word once (~0.4 KB
// less in every bundle than an object literal). The type is parsed from the same strings.
/**
 * Every named response status code, keyed by its TS-0004 V3.32 name (`NOT_FOUND: 4004`). 4106
 * also appears under its older name ORIGINATOR_HAS_NOT_REGISTERED. Codes 4130–4142, 5230–5232
 * and 6033–6034 are R4/R5 codes known only from ACME.
 */
export const ResponseStatusCode = /*#__PURE__*/ upperSnakeKeys(
  /*#__PURE__*/ codeTable(
    '1000 accepted acceptedNonBlockingRequestSynch acceptedNonBlockingRequestAsynch',
    '2000 ok created deleted 2004 updated',
    '4000 badRequest releaseVersionNotSupported 4004 notFound operationNotAllowed 4008 requestTimeout',
    '4015 unsupportedMediaType 4101 subscriptionCreatorHasNoPrivilege contentsUnacceptable',
    'originatorHasNoPrivilege groupRequestIdentifierExists conflict originatorNotAuthenticated',
    '4106 originatorHasNotRegistered securityAssociationRequired invalidChildResourceType',
    'noMembers groupMemberTypeInconsistent esprimUnsupportedOption esprimUnknownKeyId',
    'esprimUnknownOrigRandId esprimUnknownRecvRandId esprimBadMac esprimImpersonationError',
    'originatorHasAlreadyRegistered ontologyNotAvailable linkedSemanticsNotAvailable',
    'invalidSemantics mashupMemberNotFound invalidTriggerPurpose',
    'illegalTransactionStateTransitionAttempted blockingSubscriptionAlreadyExists',
    'specializationSchemaNotFound appRuleValidationFailed operationDeniedByRemoteEntity',
    'serviceSubscriptionNotEstablished',
    '4130 discoveryLimitExceeded ontologyMappingAlgorithmNotAvailable',
    'ontologyMappingPolicyNotMatched ontologyMappingNotAvailable',
    '4135 badFactInputsForReasoning badRuleInputsForReasoning 4138 primitiveProfileNotAccessible',
    'primitiveProfileBadRequest unauthorizedUser serviceSubscriptionLimitsExceeded',
    'invalidProcessConfiguration invalidSparqlQuery',
    '5000 internalServerError notImplemented 5103 targetNotReachable 5105 receiverHasNoPrivilege',
    'alreadyExists remoteEntityNotReachable',
    '5203 targetNotSubscribable subscriptionVerificationInitiationFailed',
    'subscriptionHostHasNoPrivilege nonBlockingSynchRequestNotSupported notAcceptable',
    'discoveryDeniedByIpe groupMembersNotResponded esprimDecryptionError esprimEncryptionError',
    'sparqlUpdateError',
    '5214 targetHasNoSessionCapability sessionIsOnline joinMulticastGroupFailed',
    'leaveMulticastGroupFailed triggeringDisabledForRecipient unableToReplaceRequest',
    'unableToRecallRequest crossResourceOperationFailure transactionProcessingIsIncomplete',
    '5230 ontologyMappingAlgorithmFailed ontologyConversionFailed reasoningProcessingFailed',
    '6003 externalObjectNotReachable 6005 externalObjectNotFound 6010 maxNumberOfMemberExceeded',
    '6020 mgmtSessionCannotBeEstablished mgmtSessionEstablishmentTimeout invalidCmdtype',
    'invalidArguments insufficientArguments mgmtConversionError mgmtCancellationFailed',
    '6028 alreadyComplete mgmtCommandNotCancellable externalObjectNotReachableBeforeRqetTimeout',
    'externalObjectNotReachableBeforeOetTimeout',
    '6033 networkQosConfigurationError requestedActivityPatternNotPermitted',
  ),
);

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

// CREATED, OK, UPDATED, DELETED, OK. Numbers, not `ResponseStatusCode.CREATED`…: member reads
// of a built object at module level would stay in bundles that never call successCodeFor.
const SUCCESS_BY_OP: readonly number[] = [2001, 2000, 2004, 2002, 2000];

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
