import { type ResponsePrimitive, statusName } from '@onem2m-ws/protocol';
import { ResponseError } from './errors.js';

/**
 * What the CRUDN methods resolve with: the typed content, and the full response for anything
 * else (`ot`, `cnst`, `cnot`, vendor members...).
 */
export interface Result<T = Record<string, unknown>> {
  /** Response status code: 2xxx, or 1001/1002 for an accepted non-blocking request. */
  rsc: number;
  /**
   * The resource (or other content) inside `pc`, unwrapped from its single qualified key:
   * for `{ 'm2m:cnt': {...} }` this is the container. `undefined` when the response has no `pc`
   * or it is not a single-key object.
   */
  content: T | undefined;
  /** The qualified key `content` was found under (e.g. `m2m:cnt`), when there was one. */
  contentType: string | undefined;
  /** True for 1001/1002: the CSE accepted a non-blocking request and has not executed it yet. */
  accepted: boolean;
  /**
   * For an accepted non-blocking request: the address of the `<request>` resource to retrieve
   * the result from (synch mode), read from `pc['m2m:uri']`.
   */
  requestReference: string | undefined;
  /** The complete response primitive. */
  response: ResponsePrimitive;
}

/** The single qualified key of `pc`, or undefined. */
function singleKey(pc: Record<string, unknown> | undefined): string | undefined {
  if (!pc || typeof pc !== 'object') return undefined;
  let found: string | undefined;
  for (const key in pc) {
    if (found !== undefined) return undefined;
    found = key;
  }
  return found;
}

/** The `m2m:dbg` text of an error response, if any. */
export function debugText(response: ResponsePrimitive): string | undefined {
  const dbg = response.pc?.['m2m:dbg'];
  return typeof dbg === 'string' ? dbg : dbg === undefined ? undefined : JSON.stringify(dbg);
}

/** A {@link ResponseError} for a failed response. */
export function responseError(response: ResponsePrimitive): ResponseError {
  return new ResponseError(
    response,
    statusName(response.rsc) ?? `UNKNOWN_${response.rsc}`,
    debugText(response),
  );
}

/**
 * Turns a response into a {@link Result}: 2xxx and 1001/1002 succeed, anything else throws.
 * @throws {ResponseError} for every other `rsc`.
 */
export function toResult<T>(response: ResponsePrimitive): Result<T> {
  const rsc = response.rsc;
  const accepted = rsc === 1001 || rsc === 1002;
  if (!accepted && !(rsc >= 2000 && rsc < 3000)) throw responseError(response);
  const key = singleKey(response.pc);
  const inner = key === undefined ? undefined : response.pc![key];
  let requestReference: string | undefined;
  if (accepted && key === 'm2m:uri' && typeof inner === 'string') requestReference = inner;
  return {
    rsc,
    content: inner as T | undefined,
    contentType: key,
    accepted,
    requestReference,
    response,
  };
}
