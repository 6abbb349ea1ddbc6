/**
 * The non-resource members of `pc` (digest §5.1, §7) and the table that maps every qualified
 * `pc` member name to its schema.
 */
import * as z from 'zod/mini';
import { requestPrimitiveSchema, responsePrimitiveSchema } from './primitives.js';
import {
  accessControlPolicySchema,
  aeSchema,
  childResourceRefSchema,
  containerSchema,
  contentInstanceSchema,
  crossResourceSubscriptionSchema,
  cseBaseSchema,
  flexContainerSchema,
  groupSchema,
  nodeSchema,
  pollingChannelSchema,
  remoteCSESchema,
  requestResourceSchema,
  subscriptionSchema,
  timeSeriesInstanceSchema,
  timeSeriesSchema,
} from './resources.js';
import { any, anyObject, bool, int, nonNegInt, str, strList } from './scalars.js';

/** `nev` of a notification: the representation, the event type and the triggering operation. */
export const notificationEventSchema = z.looseObject({
  rep: z.optional(any),
  net: z.optional(int),
  om: z.optional(z.looseObject({ op: z.optional(int), or: z.optional(str) })),
});

/**
 * m2m:sgn, the notification (digest §7.1). `sur` is mandatory in the spec but optional here so
 * that receive-side parsing tolerates servers that omit it; the send side requires it. Mobius
 * adds `rvi` inside it, which passes as an unknown member.
 */
export const notificationSchema = z.looseObject({
  nev: z.optional(notificationEventSchema),
  vrq: z.optional(bool),
  sud: z.optional(bool),
  sur: z.optional(str),
  cr: z.optional(z.nullable(str)),
  nfu: z.optional(str),
  ntt: z.optional(str),
  trr: z.optional(bool),
  tra: z.optional(bool),
  idr: z.optional(anyObject),
  aerp: z.optional(bool),
  aerid: z.optional(bool),
  tid1: z.optional(str),
  tid2: z.optional(str),
});

/** m2m:agn, a batch of notifications: `{"m2m:sgn": [...]}` (one object is tolerated). */
export const aggregatedNotificationSchema = z.looseObject({
  'm2m:sgn': z.union([z.array(notificationSchema), notificationSchema]),
});

/** m2m:rrl, a list of child resource references: `{rrf: [{nm, typ, val, spty?}]}`. */
export const resourceRefListSchema = z.looseObject({ rrf: z.optional(z.array(childResourceRefSchema)) });

/** m2m:agr, a group fan-out result: `{"m2m:rsp": [...], ri?}`. */
export const aggregatedResponseSchema = z.looseObject({
  'm2m:rsp': z.optional(z.union([z.array(responsePrimitiveSchema), responsePrimitiveSchema])),
  ri: z.optional(str),
});

/** m2m:rce, a resource wrapper (CREATE with rcn = 3): `{uri, "m2m:<ty>": {...}}`. */
export const resourceWrapperSchema = z.looseObject({ uri: z.optional(str) });

/** m2m:tsn, a time-series notification: `{mdlt, mdc}`. */
export const timeSeriesNotificationSchema = z.looseObject({
  mdlt: z.optional(z.array(any)),
  mdc: z.optional(nonNegInt),
});

/** m2m:uri. */
export const uriSchema = str;
/** m2m:uril. */
export const uriListSchema = strList;
/** m2m:dbg. */
export const debugInfoSchema = str;
/** m2m:atrl, the attribute list of a partial RETRIEVE. */
export const attributeListSchema = strList;

/** Every known `pc` member, by qualified short name. Lookups go through the Map only. */
export const CONTENT_SCHEMAS: ReadonlyMap<string, z.ZodMiniType> = new Map<string, z.ZodMiniType>([
  ['m2m:acp', accessControlPolicySchema],
  ['m2m:ae', aeSchema],
  ['m2m:cnt', containerSchema],
  ['m2m:cin', contentInstanceSchema],
  ['m2m:cb', cseBaseSchema],
  ['m2m:grp', groupSchema],
  ['m2m:nod', nodeSchema],
  ['m2m:pch', pollingChannelSchema],
  ['m2m:csr', remoteCSESchema],
  ['m2m:req', requestResourceSchema],
  ['m2m:sub', subscriptionSchema],
  ['m2m:fcnt', flexContainerSchema],
  ['m2m:ts', timeSeriesSchema],
  ['m2m:tsi', timeSeriesInstanceSchema],
  ['m2m:crs', crossResourceSubscriptionSchema],
  ['m2m:sgn', notificationSchema],
  ['m2m:agn', aggregatedNotificationSchema],
  ['m2m:rrl', resourceRefListSchema],
  ['m2m:agr', aggregatedResponseSchema],
  ['m2m:rce', resourceWrapperSchema],
  ['m2m:tsn', timeSeriesNotificationSchema],
  ['m2m:uri', uriSchema],
  ['m2m:uril', uriListSchema],
  ['m2m:dbg', debugInfoSchema],
  ['m2m:atrl', attributeListSchema],
  ['m2m:qres', str],
  ['m2m:rqp', requestPrimitiveSchema],
  ['m2m:rsp', responsePrimitiveSchema],
]);

/** The schema for a `pc` member: a known one, the generic resource schema, or `undefined`. */
export function contentSchemaOf(qualifiedName: string): z.ZodMiniType | undefined {
  return CONTENT_SCHEMAS.get(qualifiedName);
}

/** m2m:sgn as validated. */
export type Notification = z.infer<typeof notificationSchema>;
/** `nev` of a notification. */
export type NotificationEvent = z.infer<typeof notificationEventSchema>;
/** m2m:agn as validated. */
export type AggregatedNotification = z.infer<typeof aggregatedNotificationSchema>;
/** m2m:rrl as validated. */
export type ResourceRefList = z.infer<typeof resourceRefListSchema>;
/** m2m:agr as validated. */
export type AggregatedResponse = z.infer<typeof aggregatedResponseSchema>;
/** m2m:rce as validated. */
export type ResourceWrapper = z.infer<typeof resourceWrapperSchema>;
/** m2m:tsn as validated. */
export type TimeSeriesNotification = z.infer<typeof timeSeriesNotificationSchema>;
