/**
 * The non-resource members of `pc` (digest §5.1, §7) as zod/mini schemas, and the table that
 * maps every qualified `pc` member name to its schema.
 */
import type * as z from 'zod/mini';
import {
  AGGREGATED_NOTIFICATION_SPEC,
  AGGREGATED_RESPONSE_SPEC,
  CONTENT_SPECS,
  NOTIFICATION_EVENT_SPEC,
  NOTIFICATION_SPEC,
  RESOURCE_REF_LIST_SPEC,
  RESOURCE_WRAPPER_SPEC,
  TIME_SERIES_NOTIFICATION_SPEC,
} from './specs.js';
import { toZod } from './to-zod.js';

/** `nev` of a notification: the representation, the event type and the triggering operation. */
export const notificationEventSchema = /* @__PURE__ */ toZod(NOTIFICATION_EVENT_SPEC);
/** m2m:sgn (`sur` optional here for tolerance; the send side requires it). */
export const notificationSchema = /* @__PURE__ */ toZod(NOTIFICATION_SPEC);
/** m2m:agn, a batch of notifications: `{"m2m:sgn": [...]}`. */
export const aggregatedNotificationSchema = /* @__PURE__ */ toZod(AGGREGATED_NOTIFICATION_SPEC);
/** m2m:rrl, child resource references: `{rrf: [{nm, typ, val, spty?}]}`. */
export const resourceRefListSchema = /* @__PURE__ */ toZod(RESOURCE_REF_LIST_SPEC);
/** m2m:agr, a group fan-out result: `{"m2m:rsp": [...], ri?}`. */
export const aggregatedResponseSchema = /* @__PURE__ */ toZod(AGGREGATED_RESPONSE_SPEC);
/** m2m:rce, a resource wrapper (CREATE with rcn = 3): `{uri, "m2m:<ty>": {...}}`. */
export const resourceWrapperSchema = /* @__PURE__ */ toZod(RESOURCE_WRAPPER_SPEC);
/** m2m:tsn, a time-series notification: `{mdlt, mdc}`. */
export const timeSeriesNotificationSchema = /* @__PURE__ */ toZod(TIME_SERIES_NOTIFICATION_SPEC);

let contentSchemas: Map<string, z.ZodMiniType> | undefined;

/**
 * The zod schema of a known `pc` member by qualified short name (`'m2m:cnt'`, `'m2m:sgn'`, …),
 * or `undefined`. Built on first use.
 */
export function contentSchemaOf(qualifiedName: string): z.ZodMiniType | undefined {
  contentSchemas ??= new Map(Object.entries(CONTENT_SPECS).map(([k, spec]) => [k, toZod(spec)]));
  return contentSchemas.get(qualifiedName);
}

/** The qualified names that {@link contentSchemaOf} knows. */
export const CONTENT_NAMES: readonly string[] = Object.keys(CONTENT_SPECS);
