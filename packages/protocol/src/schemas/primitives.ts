/**
 * Request and response primitives (digest §1–2) in short-name JSON form. These schemas check
 * the type of every parameter and tolerate unknown members (servers add them); the send-side
 * presence rules per operation live in `validate.ts`, which runs after these.
 */
import * as z from 'zod/mini';
import { filterCriteriaSchema } from './filter-criteria.js';
import {
  absRel,
  anyObject,
  bool,
  duration,
  int,
  nonEmptyStr,
  posInt,
  str,
  strList,
  timestamp,
} from './scalars.js';

/** m2m:responseTypeInfo `{rtv, nu?}`. */
export const responseTypeInfoSchema = z.looseObject({ rtv: int, nu: z.optional(strList) });

/** `pc`: an object keyed by a qualified name; the member itself is checked separately. */
export const primitiveContentSchema = anyObject;

/**
 * Parameter schemas of a request primitive, shared by the receive-side schema and the nested
 * `m2m:rqp`. `rvi` is a string: a number is a type error here.
 */
const requestShape = {
  op: z.int().check(z.minimum(1), z.maximum(5)),
  to: nonEmptyStr,
  fr: z.optional(str),
  rqi: nonEmptyStr,
  rvi: z.optional(str),
  ty: z.optional(int),
  pc: z.optional(primitiveContentSchema),
  rids: z.optional(strList),
  ot: z.optional(timestamp),
  rqet: z.optional(absRel),
  rset: z.optional(absRel),
  oet: z.optional(absRel),
  rt: z.optional(responseTypeInfoSchema),
  rp: z.optional(absRel),
  rcn: z.optional(int),
  ec: z.optional(int),
  da: z.optional(bool),
  gid: z.optional(str),
  fc: z.optional(filterCriteriaSchema),
  drt: z.optional(int),
  tkns: z.optional(strList),
  tids: z.optional(strList),
  ltids: z.optional(strList),
  tqi: z.optional(bool),
  grtm: z.optional(strList),
  asi: z.optional(bool),
  aus: z.optional(strList),
  auri: z.optional(bool),
  sqi: z.optional(bool),
  vsi: z.optional(str),
  /** maxAge, an ACME (R4/R5) experimental parameter. */
  ma: z.optional(duration),
};

/** A request primitive; unknown members tolerated. */
export const requestPrimitiveSchema = z.looseObject(requestShape);

const responseShape = {
  rsc: int,
  rqi: z.optional(str),
  rvi: z.optional(str),
  pc: z.optional(primitiveContentSchema),
  to: z.optional(str),
  fr: z.optional(str),
  ot: z.optional(timestamp),
  rset: z.optional(absRel),
  ec: z.optional(int),
  cnst: z.optional(int),
  cnot: z.optional(posInt),
  ati: z.optional(anyObject),
  tqf: z.optional(anyObject),
  asri: z.optional(bool),
  vsi: z.optional(str),
};

/**
 * A response primitive; unknown members tolerated (ACME echoes `rcn`, `drt`). `rqi` is optional
 * here because servers answer some malformed requests without one.
 */
export const responsePrimitiveSchema = z.looseObject(responseShape);

/** The request parameters a primitive may carry on the send side, in short form. */
export const REQUEST_PARAMETERS: ReadonlySet<string> = new Set(Object.keys(requestShape));
/** The response parameters a primitive may carry on the send side, in short form. */
export const RESPONSE_PARAMETERS: ReadonlySet<string> = new Set(Object.keys(responseShape));

/** A request primitive as the schema checks it. */
export type RequestPrimitiveValue = z.infer<typeof requestPrimitiveSchema>;
/** A response primitive as the schema checks it. */
export type ResponsePrimitiveValue = z.infer<typeof responsePrimitiveSchema>;
/** m2m:responseTypeInfo. */
export type ResponseTypeInfoValue = z.infer<typeof responseTypeInfoSchema>;
