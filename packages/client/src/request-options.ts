import type { FilterCriteria, RequestPrimitive, ResponseTypeInfo } from '@onem2m-ws/protocol';
import { toShortNames } from '@onem2m-ws/protocol';
import { InvalidArgumentError } from './errors.js';

/**
 * Per-request options. Every oneM2M parameter may be given by its short name (`rcn`) or its long
 * name (`resultContent`); the short name wins when both are given.
 */
export interface RequestOptions {
  /** Result content (m2m:resultContent), e.g. 1 attributes, 0 nothing. Long name `resultContent`. */
  rcn?: number;
  /** @see rcn */
  resultContent?: number;
  /** Response type: `{ rtv, nu }` (nu only with rtv 2). Long name `responseType`. */
  rt?: ResponseTypeInfo | { responseTypeValue: number; notificationURI?: string[] };
  /** @see rt */
  responseType?: ResponseTypeInfo | { responseTypeValue: number; notificationURI?: string[] };
  /**
   * Request expiration timestamp: ms (relative) or `YYYYMMDDTHHMMSS`. A request still unsent
   * (offline) when it passes rejects with `TimeoutError`; a relative value is sent as the time
   * remaining. Long name `requestExpirationTimestamp`.
   */
  rqet?: number | string;
  /** @see rqet */
  requestExpirationTimestamp?: number | string;
  /** Result expiration timestamp. Long name `resultExpirationTimestamp`. */
  rset?: number | string;
  /** @see rset */
  resultExpirationTimestamp?: number | string;
  /** Operation execution time. Long name `operationExecutionTime`. */
  oet?: number | string;
  /** @see oet */
  operationExecutionTime?: number | string;
  /** Event category (2, 3, 4 or 100–999). Long name `eventCategory`. */
  ec?: number;
  /** @see ec */
  eventCategory?: number;
  /** Delivery aggregation. Long name `deliveryAggregation`. */
  da?: boolean;
  /** @see da */
  deliveryAggregation?: boolean;
  /** Desired identifier result type (1 structured, 2 unstructured). Long name `desiredIdentifierResultType`. */
  drt?: number;
  /** @see drt */
  desiredIdentifierResultType?: number;
  /** Filter criteria; long attribute names are accepted inside. Long name `filterCriteria`. */
  fc?: FilterCriteria | Record<string, unknown>;
  /** @see fc */
  filterCriteria?: FilterCriteria | Record<string, unknown>;
  /** Originator for this request only (instead of the client's). Long name `from`. */
  fr?: string;
  /** @see fr */
  from?: string;
  /**
   * Milliseconds to wait for the response, from the call (queued time included). `Infinity`
   * waits forever.
   * @default the client's `requestTimeout`
   */
  timeout?: number;
  /** Aborts the request: it rejects with `AbortError` and its pending entry is removed. */
  signal?: AbortSignal;
  /**
   * Retrieves only: when the connection drops while the request is in flight, send it again after
   * reconnecting instead of rejecting with `ConnectionError` (safe because a retrieve changes
   * nothing).
   * @default false
   */
  retryOnReconnect?: boolean;
}

// [short, long] pairs copied verbatim onto the primitive; a constant table, read without allocation.
const SIMPLE: readonly (readonly [keyof RequestPrimitive & keyof RequestOptions, keyof RequestOptions])[] = [
  ['rcn', 'resultContent'],
  ['rset', 'resultExpirationTimestamp'],
  ['oet', 'operationExecutionTime'],
  ['ec', 'eventCategory'],
  ['da', 'deliveryAggregation'],
  ['drt', 'desiredIdentifierResultType'],
  ['fr', 'from'],
];

/**
 * Copies the protocol parameters of `options` onto `primitive` in short-name form. `rqet` is
 * copied too (the client may rewrite a relative value when it sends).
 * @throws {InvalidArgumentError} for a malformed `rt`.
 */
export function applyRequestOptions(primitive: RequestPrimitive, options: RequestOptions): void {
  for (const [short, long] of SIMPLE) {
    const value = options[short] ?? options[long];
    if (value !== undefined) (primitive as Record<string, unknown>)[short] = value;
  }
  const rqet = options.rqet ?? options.requestExpirationTimestamp;
  if (rqet !== undefined) primitive.rqet = rqet;
  const rt = options.rt ?? options.responseType;
  if (rt !== undefined) primitive.rt = normalizeResponseType(rt);
  const fc = options.fc ?? options.filterCriteria;
  if (fc !== undefined) primitive.fc = shortFilter(fc);
}

/** Filter criteria with long attribute names replaced by short ones. */
export function shortFilter(fc: Record<string, unknown>): FilterCriteria {
  return toShortNames(fc) as FilterCriteria;
}

function normalizeResponseType(rt: unknown): ResponseTypeInfo {
  if (typeof rt !== 'object' || rt === null)
    throw new InvalidArgumentError('rt must be an object { rtv, nu? }');
  const r = rt as { rtv?: unknown; nu?: unknown; responseTypeValue?: unknown; notificationURI?: unknown };
  const rtv = r.rtv ?? r.responseTypeValue;
  if (typeof rtv !== 'number') throw new InvalidArgumentError('rt.rtv must be a number');
  const nu = r.nu ?? r.notificationURI;
  if (nu === undefined) return { rtv };
  if (!Array.isArray(nu)) throw new InvalidArgumentError('rt.nu must be an array of URIs');
  return { rtv, nu: nu as string[] };
}
