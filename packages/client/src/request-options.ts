import type { FilterCriteria, RequestPrimitive, ResponseTypeInfo } from '@onem2m-ws/protocol';
import { toShortNames } from '@onem2m-ws/protocol';
import { InvalidArgumentError } from './errors.js';

/**
 * Per-request options. Every oneM2M parameter may be given by its short name (`rcn`) or its long
 * name (`resultContent`); the short name wins when both are given.
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
   * Filter criteria; long attribute names are accepted inside. Long name `filterCriteria`.
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

/** The protocol parameters a request takes from its options, by short name. */
const PARAMETERS = ['rcn', 'rset', 'oet', 'ec', 'da', 'drt', 'fr', 'rqet', 'rt', 'fc'] as const;

/**
 * Copies the protocol parameters of `options` onto `primitive` in short-name form, long names
 * translated by the protocol's name tables (a short name given too wins). `rqet` is copied too
 * (the client may rewrite a relative value when it sends).
 * @throws {InvalidArgumentError} for a malformed `rt`.
 */
export function applyRequestOptions(primitive: RequestPrimitive, options: RequestOptions): void {
  const named: RequestOptions = Object.assign(toShortNames<RequestOptions>(options), options);
  for (const key of PARAMETERS) {
    const value = named[key];
    if (value === undefined) continue;
    (primitive as Record<string, unknown>)[key] =
      key === 'rt' ? responseType(value) : key === 'fc' ? toShortNames(value) : value;
  }
}

function responseType(rt: unknown): ResponseTypeInfo {
  if (typeof rt !== 'object' || rt === null)
    throw new InvalidArgumentError('rt must be an object { rtv, nu? }');
  const { rtv, nu } = toShortNames<{ rtv?: unknown; nu?: unknown }>(rt);
  if (typeof rtv !== 'number') throw new InvalidArgumentError('rt.rtv must be a number');
  if (nu === undefined) return { rtv };
  if (!Array.isArray(nu)) throw new InvalidArgumentError('rt.nu must be an array of URIs');
  return { rtv, nu: nu as string[] };
}
