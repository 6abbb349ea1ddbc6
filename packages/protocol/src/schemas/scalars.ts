/**
 * Shared scalar schemas for oneM2M data types (digest Appendix A). Every compound schema reuses
 * these instances, so the bundle carries each check once.
 */
import * as z from 'zod/mini';
import { isAbsRelTimestamp, TIMESTAMP_PATTERN } from '../timestamp.js';

/** xs:string and the string-typed IDs / URIs. */
export const str = z.string();
/** A string that must not be empty (IDs, request identifiers). */
export const nonEmptyStr = z.string().check(z.minLength(1, 'must not be empty'));
/** xs:boolean. */
export const bool = z.boolean();
/** xs:integer and every enumeration (open: later releases add values). */
export const int = z.int();
/** xs:nonNegativeInteger. */
export const nonNegInt = z.int().check(z.minimum(0));
/** xs:positiveInteger. */
export const posInt = z.int().check(z.minimum(1));
/** An xs:list of strings (labels, IDs, URIs, release versions). */
export const strList = z.array(str);
/** An xs:list of integers (resource types, event types). */
export const intList = z.array(int);
/** m2m:timestamp, `YYYYMMDDTHHMMSS` with an optional `,ffffff`. */
export const timestamp = z.string().check(z.regex(TIMESTAMP_PATTERN, 'expected a YYYYMMDDTHHMMSS timestamp'));
/** m2m:absRelTimestamp: a timestamp, or an integer number of milliseconds (also as digits). */
export const absRel = z
  .union([z.int(), z.string()])
  .check(z.refine(isAbsRelTimestamp, 'expected a YYYYMMDDTHHMMSS timestamp or an integer of milliseconds'));
/** xs:duration as an ISO 8601 string (`PT10S`); checked as a string only. */
export const duration = z.string();
/** xs:anyType: any value, including objects and binary data. */
export const any = z.unknown();
/** A JSON object with arbitrary members (complex types we do not model member by member). */
export const anyObject = z.record(z.string(), z.unknown());
/** m2m:releaseVersion: a string such as `"3"` or `"2a"`, never a number. */
export const releaseVersion = z
  .string()
  .check(z.regex(/^\d+[a-z]?$/, 'expected a release version string such as "3"'));
