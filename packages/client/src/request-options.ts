import type { FilterCriteria, RequestPrimitive, ResponseTypeInfo } from '@onem2m-ws/protocol';
import { InvalidArgumentError } from './errors.js';

/**
 * Per-request options. Every oneM2M parameter may be given by its short name (`rcn`) or its long
 * name (`resultContent`); the short name wins when both are given. Long names inside `fc` are
 * translated only by a client given `translateNames` (as the `onem2m-ws` entry's is).
 */
export interface RequestOptions {
  /**
   * Result content (m2m:resultContent), e.g. 1 attributes, 0 nothing. Long name `resultContent`.
   * @default undefined (not sent; the CSE applies the operation's default)
   */
  rcn?: number;
  /** Long name of {@link RequestOptions.rcn}. */
  resultContent?: number;
  /**
   * Response type: `{ rtv, nu }` (`nu` only with `rtv` 2). Long name `responseType`.
   * @default undefined (not sent: a blocking request)
   */
  rt?: ResponseTypeInfo | { responseTypeValue: number; notificationURI?: string[] };
  /** Long name of {@link RequestOptions.rt}. */
  responseType?: ResponseTypeInfo | { responseTypeValue: number; notificationURI?: string[] };
  /**
   * Request expiration timestamp: ms (relative) or `YYYYMMDDTHHMMSS`. A request still unsent
   * (offline) when it passes rejects with `TimeoutError`; a relative value is sent as the time
   * remaining. Long name `requestExpirationTimestamp`.
   * @default undefined (not sent)
   */
  rqet?: number | string;
  /** Long name of {@link RequestOptions.rqet}. */
  requestExpirationTimestamp?: number | string;
  /**
   * Result expiration timestamp. Long name `resultExpirationTimestamp`.
   * @default undefined (not sent)
   */
  rset?: number | string;
  /** Long name of {@link RequestOptions.rset}. */
  resultExpirationTimestamp?: number | string;
  /**
   * Operation execution time. Long name `operationExecutionTime`.
   * @default undefined (not sent)
   */
  oet?: number | string;
  /** Long name of {@link RequestOptions.oet}. */
  operationExecutionTime?: number | string;
  /**
   * Event category (2, 3, 4 or 100–999). Long name `eventCategory`.
   * @default undefined (not sent)
   */
  ec?: number;
  /** Long name of {@link RequestOptions.ec}. */
  eventCategory?: number;
  /**
   * Delivery aggregation. Long name `deliveryAggregation`.
   * @default undefined (not sent)
   */
  da?: boolean;
  /** Long name of {@link RequestOptions.da}. */
  deliveryAggregation?: boolean;
  /**
   * Desired identifier result type (1 structured, 2 unstructured). Long name
   * `desiredIdentifierResultType`.
   * @default undefined (not sent; the CSE uses 1)
   */
  drt?: number;
  /** Long name of {@link RequestOptions.drt}. */
  desiredIdentifierResultType?: number;
  /**
   * Filter criteria; long names inside are accepted with `translateNames`. Long name
   * `filterCriteria`.
   * @default undefined (not sent)
   */
  fc?: FilterCriteria | Record<string, unknown>;
  /** Long name of {@link RequestOptions.fc}. */
  filterCriteria?: FilterCriteria | Record<string, unknown>;
  /**
   * Originator for this request only. Long name `from`.
   * @default the client's `originator`
   */
  fr?: string;
  /** Long name of {@link RequestOptions.fr}. */
  from?: string;
  /**
   * Milliseconds to wait for the response, from the call (queued time included). `Infinity`
   * waits forever.
   * @default the client's `requestTimeout`
   */
  timeout?: number;
  /**
   * Aborts the request: it rejects with `AbortError` and its pending entry is removed.
   * @default undefined (not abortable)
   */
  signal?: AbortSignal;
  /**
   * Retrieves only: when the connection drops while the request is in flight, send it again after
   * reconnecting instead of rejecting with `ConnectionError` (safe because a retrieve changes
   * nothing).
   * @default false
   */
  retryOnReconnect?: boolean;
}

/**
 * The protocol parameters a request takes from its options: short name, then long name (TS-0004
 * §8.2; a test checks them against the protocol's REQUEST_NAMES). The options are the client's
 * own API, so their long names are known here and need no name tables.
 */
export const PARAMETERS = [
  ['rcn', 'resultContent'],
  ['rset', 'resultExpirationTimestamp'],
  ['oet', 'operationExecutionTime'],
  ['ec', 'eventCategory'],
  ['da', 'deliveryAggregation'],
  ['drt', 'desiredIdentifierResultType'],
  ['fr', 'from'],
  ['rqet', 'requestExpirationTimestamp'],
  ['rt', 'responseType'],
  ['fc', 'filterCriteria'],
] as const;

/**
 * Copies the protocol parameters of `options` onto `primitive` in short-name form (a short name
 * given too wins); `fc` goes through the client's `translateNames`. `rqet` is copied
 * too (the client may rewrite a relative value when it sends).
 * @throws {InvalidArgumentError} for a malformed `rt`.
 */
export function applyRequestOptions(
  primitive: RequestPrimitive,
  options: RequestOptions,
  translateNames: (value: unknown) => unknown,
): void {
  for (const [short, long] of PARAMETERS) {
    const value = options[short] ?? options[long];
    if (value === undefined) continue;
    (primitive as Record<string, unknown>)[short] =
      short === 'rt' ? responseType(value) : short === 'fc' ? translateNames(value) : value;
  }
}

function responseType(rt: unknown): ResponseTypeInfo {
  if (typeof rt !== 'object' || rt === null)
    throw new InvalidArgumentError('rt must be an object { rtv, nu? }');
  const given = rt as { rtv?: unknown; nu?: unknown; responseTypeValue?: unknown; notificationURI?: unknown };
  const rtv = given.rtv ?? given.responseTypeValue;
  const nu = given.nu ?? given.notificationURI;
  if (typeof rtv !== 'number') throw new InvalidArgumentError('rt.rtv must be a number');
  if (nu === undefined) return { rtv };
  if (!Array.isArray(nu)) throw new InvalidArgumentError('rt.nu must be an array of URIs');
  return { rtv, nu: nu as string[] };
}
