import type { PrimitiveContent, RequestPrimitive } from '@onem2m-ws/protocol';
import type { Target } from '../addressing.js';
import type { RequestContext } from '../contract.js';
import { fail, Rsc, show } from '../status.js';

/** What an operation produced; the engine turns it into a response primitive. */
export interface Outcome {
  /** Response status code. */
  rsc: number;
  /** Response content. */
  pc?: PrimitiveContent;
  /** Content status (discovery truncated by `lim`). */
  cnst?: number;
  /** Content offset to continue a truncated discovery. */
  cnot?: number;
}

/** Everything an operation needs about the request being processed. */
export interface OperationInput {
  readonly request: RequestPrimitive;
  readonly context: RequestContext;
  /** Normalized originator (AE-ID stem or CSE-ID). */
  readonly originator: string;
  /** The resolved `to`. */
  readonly target: Target;
  /** For a request fanned out by a group: its `macp`, which replaces the target's own `acpi`. */
  readonly memberPolicies?: readonly string[];
}

/** The `rcn` of a request, checked against the values valid for its operation (TS-0001 Table 8.1.2-1). */
export function resultContentOf(
  request: RequestPrimitive,
  fallback: number,
  valid: readonly number[],
  what: string,
): number {
  const rcn = request.rcn ?? fallback;
  if (!Number.isInteger(rcn) || !valid.includes(rcn))
    fail(Rsc.BAD_REQUEST, `rcn ${show(rcn)} is not valid for ${what}`);
  return rcn;
}
