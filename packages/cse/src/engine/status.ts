/**
 * Response status codes the engine produces (TS-0004 §6.6, digest §4) and the error class that
 * carries one through request processing. Kept local so the engine reads the same names the
 * spec uses; the numbers match `ResponseStatusCode` of `@onem2m-ws/protocol`.
 */
export const Rsc = {
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
  SUBSCRIPTION_CREATOR_HAS_NO_PRIVILEGE: 4101,
  CONTENTS_UNACCEPTABLE: 4102,
  ORIGINATOR_HAS_NO_PRIVILEGE: 4103,
  CONFLICT: 4105,
  ORIGINATOR_NOT_AUTHENTICATED: 4106,
  SECURITY_ASSOCIATION_REQUIRED: 4107,
  INVALID_CHILD_RESOURCE_TYPE: 4108,
  NO_MEMBERS: 4109,
  GROUP_MEMBER_TYPE_INCONSISTENT: 4110,
  ORIGINATOR_HAS_ALREADY_REGISTERED: 4117,
  INTERNAL_SERVER_ERROR: 5000,
  NOT_IMPLEMENTED: 5001,
  TARGET_NOT_REACHABLE: 5103,
  TARGET_NOT_SUBSCRIBABLE: 5203,
  SUBSCRIPTION_VERIFICATION_INITIATION_FAILED: 5204,
  NOT_ACCEPTABLE: 5207,
  MAX_NUMBER_OF_MEMBER_EXCEEDED: 6010,
} as const;

/** A status code the engine emits. */
export type Rsc = (typeof Rsc)[keyof typeof Rsc];

const names = new Map<number, string>(Object.entries(Rsc).map(([name, code]) => [code, name]));

/** The TS-0004 name of a code the engine emits, e.g. `NOT_FOUND` for 4004. */
export function rscName(rsc: number): string {
  return names.get(rsc) ?? `RSC_${rsc}`;
}

/**
 * A request failed with a oneM2M status. Thrown inside the engine and turned into a response
 * primitive with `pc: {"m2m:dbg": "<NAME>: <detail>"}` at the edge, so `handle` never throws.
 */
export class RequestError extends Error {
  override readonly name = 'RequestError';
  /** The response status code (4xxx / 5xxx / 6xxx). */
  readonly rsc: number;

  constructor(rsc: number, detail: string) {
    super(detail);
    this.rsc = rsc;
  }

  /** The `m2m:dbg` text: the spec name of the status followed by the detail. */
  get debugText(): string {
    return `${rscName(this.rsc)}: ${this.message}`;
  }
}

/** Shorthand for `new RequestError(rsc, detail)` in expression position. */
export function fail(rsc: number, detail: string): never {
  throw new RequestError(rsc, detail);
}
