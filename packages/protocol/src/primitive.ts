/**
 * Structural types of oneM2M request and response primitives as they travel on the wire
 * (short names, JSON form of TS-0004 §8.4). The zod schemas in `schemas/` validate values
 * against these shapes; these interfaces are the contract every package codes against.
 */

/** m2m:operation (TS-0004 §6.3.4.2.5). */
export type OperationCode = 1 | 2 | 3 | 4 | 5;

/** m2m:absRelTimestamp: a `YYYYMMDDTHHMMSS` timestamp or a number of milliseconds. */
export type AbsRelTimestamp = string | number;

/** m2m:responseTypeInfo; `nu` only with `rtv` 2 (nonBlockingRequestAsynch). */
export interface ResponseTypeInfo {
  rtv: number;
  nu?: string[];
}

/** `pc`: an object with exactly one member keyed by a qualified name such as `m2m:cnt`. */
export type PrimitiveContent = Record<string, unknown>;

/** m2m:filterCriteria (digest §6). Flat attribute keys (`{ cr: 'CAdmin' }`) are allowed too. */
export interface FilterCriteria {
  fu?: number;
  ty?: number[];
  lbl?: string[];
  lim?: number;
  ofst?: number;
  lvl?: number;
  [attribute: string]: unknown;
}

/** A request primitive (TS-0004 Table 6.4.1-1) in short-name JSON form. */
export interface RequestPrimitive {
  op: OperationCode;
  to: string;
  fr?: string;
  rqi: string;
  rvi?: string;
  ty?: number;
  pc?: PrimitiveContent;
  rids?: string[];
  ot?: string;
  rqet?: AbsRelTimestamp;
  rset?: AbsRelTimestamp;
  oet?: AbsRelTimestamp;
  rt?: ResponseTypeInfo;
  rp?: AbsRelTimestamp;
  rcn?: number;
  ec?: number;
  da?: boolean;
  gid?: string;
  fc?: FilterCriteria;
  drt?: number;
  tkns?: string[];
  tids?: string[];
  ltids?: string[];
  tqi?: boolean;
  grtm?: string[];
  asi?: boolean;
  aus?: string[];
  auri?: boolean;
  sqi?: boolean;
  vsi?: string;
  /** Receive side tolerates members a server adds. */
  [extra: string]: unknown;
}

/** A response primitive (TS-0004 Table 6.4.2-1) in short-name JSON form. */
export interface ResponsePrimitive {
  rsc: number;
  rqi?: string;
  rvi?: string;
  pc?: PrimitiveContent;
  to?: string;
  fr?: string;
  ot?: string;
  rset?: AbsRelTimestamp;
  ec?: number;
  cnst?: number;
  cnot?: number;
  vsi?: string;
  [extra: string]: unknown;
}

export type Primitive = RequestPrimitive | ResponsePrimitive;

/** What a codec's `decode` returns: the primitive, classified by `op` (request) or `rsc` (response). */
export type DecodedPrimitive =
  | { kind: 'request'; primitive: RequestPrimitive }
  | { kind: 'response'; primitive: ResponsePrimitive };

/** True when the primitive is a request (it has `op`). */
export function isRequest(p: Primitive): p is RequestPrimitive {
  return typeof (p as RequestPrimitive).op === 'number';
}
