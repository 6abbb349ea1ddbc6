/**
 * Resource representations an AE works with (digest §5.2–5.3), in short-name JSON form. Every
 * schema is loose: attributes of later releases and custom flexContainer attributes pass through,
 * while the known attributes are type-checked. Create/update presence rules (mandatory, not
 * permitted, `cr` = null) are data in `resource-rules.ts`, not separate schemas.
 */
import * as z from 'zod/mini';
import {
  absRel,
  any,
  anyObject,
  bool,
  duration,
  int,
  intList,
  nonNegInt,
  posInt,
  str,
  strList,
  timestamp,
} from './scalars.js';

/** m2m:childResourceRef / m2m:resourceRef item: `{nm, typ, val, spty?}`. */
export const childResourceRefSchema = z.looseObject({
  nm: str,
  typ: int,
  val: str,
  spty: z.optional(z.union([str, int])),
});

/** Universal and common attributes (digest §5.2), shared by every resource schema. */
const universal = {
  rn: z.optional(str),
  ty: z.optional(int),
  ri: z.optional(str),
  pi: z.optional(str),
  ct: z.optional(timestamp),
  lt: z.optional(timestamp),
  et: z.optional(timestamp),
  lbl: z.optional(strList),
  acpi: z.optional(strList),
  at: z.optional(strList),
  aa: z.optional(strList),
  lnk: z.optional(str),
  st: z.optional(nonNegInt),
  cr: z.optional(z.nullable(str)),
  daci: z.optional(strList),
  ch: z.optional(z.array(childResourceRefSchema)),
  cstn: z.optional(str),
  loc: z.optional(z.union([z.looseObject({ typ: z.optional(int), crd: z.optional(str) }), str])),
  ast: z.optional(int),
};

/** m2m:batchNotify `{num?, dur?}` (`bn` of a subscription, `nar` of a group). */
export const batchNotifySchema = z.looseObject({ num: z.optional(posInt), dur: z.optional(duration) });
/** m2m:rateLimit `{mnn?, tww?}`. */
export const rateLimitSchema = z.looseObject({ mnn: z.optional(posInt), tww: z.optional(duration) });
/** m2m:missingData `{num, dur}`. */
const missingDataSchema = z.looseObject({ num: z.optional(posInt), dur: z.optional(duration) });
/** enc.om item: `{ops?: acop mask, or?: originator}`. */
const operationMonitorSchema = z.looseObject({ ops: z.optional(int), or: z.optional(str) });

/** m2m:eventNotificationCriteria (`enc` of a subscription). */
export const eventNotificationCriteriaSchema = z.looseObject({
  crb: z.optional(timestamp),
  cra: z.optional(timestamp),
  ms: z.optional(timestamp),
  us: z.optional(timestamp),
  sts: z.optional(nonNegInt),
  stb: z.optional(nonNegInt),
  exb: z.optional(timestamp),
  exa: z.optional(timestamp),
  sza: z.optional(nonNegInt),
  szb: z.optional(posInt),
  om: z.optional(z.array(operationMonitorSchema)),
  atr: z.optional(strList),
  net: z.optional(z.array(int).check(z.maxLength(5, 'holds at most 5 event types'))),
  chty: z.optional(intList),
  md: z.optional(missingDataSchema),
  fo: z.optional(int),
});

/** m2m:accessControlRule (an item of `pv.acr` / `pvs.acr`). */
export const accessControlRuleSchema = z.looseObject({
  acor: strList,
  acop: z.int().check(z.minimum(0), z.maximum(63)),
  acco: z.optional(z.array(anyObject)),
  acaf: z.optional(bool),
  acod: z.optional(z.array(anyObject)),
});

/** m2m:setOfAcrs `{acr: [...]}` (`pv`, `pvs`). */
export const setOfAcrsSchema = z.looseObject({ acr: z.array(accessControlRuleSchema) });

/** `<AE>` (`m2m:ae`, ty 2). */
export const aeSchema = z.looseObject({
  ...universal,
  apn: z.optional(str),
  api: z.optional(str),
  aei: z.optional(str),
  poa: z.optional(strList),
  or: z.optional(str),
  nl: z.optional(str),
  rr: z.optional(bool),
  csz: z.optional(strList),
  esi: z.optional(anyObject),
  mei: z.optional(str),
  srv: z.optional(strList),
  regs: z.optional(int),
  trps: z.optional(bool),
  scp: z.optional(strList),
  tren: z.optional(bool),
  ape: z.optional(any),
  tri: z.optional(z.union([int, str])),
  trn: z.optional(int),
});

const instanceLimits = {
  mni: z.optional(nonNegInt),
  mbs: z.optional(nonNegInt),
  mia: z.optional(nonNegInt),
  cni: z.optional(nonNegInt),
  cbs: z.optional(nonNegInt),
};

/** `<container>` (`m2m:cnt`, ty 3). */
export const containerSchema = z.looseObject({
  ...universal,
  ...instanceLimits,
  li: z.optional(str),
  or: z.optional(str),
  disr: z.optional(bool),
  subi: z.optional(strList),
});

/** `<contentInstance>` (`m2m:cin`, ty 4); `con` may be any value. */
export const contentInstanceSchema = z.looseObject({
  ...universal,
  cnf: z.optional(str),
  cs: z.optional(nonNegInt),
  conr: z.optional(any),
  or: z.optional(str),
  con: z.optional(any),
  dgt: z.optional(absRel),
  dcnt: z.optional(int),
});

/** `<CSEBase>` (`m2m:cb`, ty 5). */
export const cseBaseSchema = z.looseObject({
  ...universal,
  cst: z.optional(int),
  csi: z.optional(str),
  srt: z.optional(intList),
  poa: z.optional(strList),
  nl: z.optional(str),
  csz: z.optional(strList),
  esi: z.optional(anyObject),
  srv: z.optional(strList),
  spi: z.optional(str),
  ici: z.optional(str),
  ctm: z.optional(timestamp),
});

/** `<group>` (`m2m:grp`, ty 9). `spty` is an object in the spec and a number in ACME. */
export const groupSchema = z.looseObject({
  ...universal,
  mt: z.optional(int),
  spty: z.optional(z.union([anyObject, int, str])),
  cnm: z.optional(nonNegInt),
  mnm: z.optional(posInt),
  mid: z.optional(strList),
  macp: z.optional(strList),
  mtv: z.optional(bool),
  csy: z.optional(int),
  gn: z.optional(str),
  ssi: z.optional(bool),
  nar: z.optional(batchNotifySchema),
});

/** `<pollingChannel>` (`m2m:pch`, ty 15). */
export const pollingChannelSchema = z.looseObject({ ...universal, rqag: z.optional(bool) });

/** `<remoteCSE>` (`m2m:csr`, ty 16). */
export const remoteCSESchema = z.looseObject({
  ...universal,
  cst: z.optional(int),
  poa: z.optional(strList),
  cb: z.optional(str),
  csi: z.optional(str),
  mei: z.optional(str),
  tri: z.optional(z.union([int, str])),
  rr: z.optional(bool),
  nl: z.optional(str),
  trn: z.optional(int),
  csz: z.optional(strList),
  esi: z.optional(anyObject),
  dcse: z.optional(strList),
  srv: z.optional(strList),
  mtcc: z.optional(int),
  egid: z.optional(str),
  tren: z.optional(bool),
  ape: z.optional(any),
});

/** `<request>` (`m2m:req`, ty 17), read-only. */
export const requestResourceSchema = z.looseObject({
  ...universal,
  op: z.optional(int),
  tg: z.optional(str),
  org: z.optional(str),
  rid: z.optional(str),
  mi: z.optional(anyObject),
  pc: z.optional(any),
  rs: z.optional(int),
  ors: z.optional(anyObject),
});

/** `<subscription>` (`m2m:sub`, ty 23). */
export const subscriptionSchema = z.looseObject({
  ...universal,
  enc: z.optional(eventNotificationCriteriaSchema),
  exc: z.optional(posInt),
  nu: z.optional(strList),
  gpi: z.optional(str),
  nfu: z.optional(str),
  bn: z.optional(batchNotifySchema),
  rl: z.optional(rateLimitSchema),
  psn: z.optional(nonNegInt),
  pn: z.optional(int),
  nsp: z.optional(int),
  ln: z.optional(bool),
  nct: z.optional(int),
  nec: z.optional(int),
  su: z.optional(str),
  acrs: z.optional(strList),
  nse: z.optional(bool),
  nsi: z.optional(any),
  eeno: z.optional(bool),
  ma: z.optional(duration),
});

/** `<accessControlPolicy>` (`m2m:acp`, ty 1). */
export const accessControlPolicySchema = z.looseObject({
  ...universal,
  pv: z.optional(setOfAcrsSchema),
  pvs: z.optional(setOfAcrsSchema),
  adri: z.optional(strList),
  apri: z.optional(strList),
  airi: z.optional(strList),
});

/**
 * `<flexContainer>` (`m2m:fcnt` or a specialization such as `cod:tempe`, ty 28). Custom
 * attributes of the specialization pass through unchecked.
 */
export const flexContainerSchema = z.looseObject({
  ...universal,
  ...instanceLimits,
  cnd: z.optional(str),
  or: z.optional(str),
  cs: z.optional(nonNegInt),
  nl: z.optional(str),
});

/** `<timeSeries>` (`m2m:ts`, ty 29). */
export const timeSeriesSchema = z.looseObject({
  ...universal,
  ...instanceLimits,
  pei: z.optional(nonNegInt),
  peid: z.optional(nonNegInt),
  mdd: z.optional(bool),
  mdn: z.optional(nonNegInt),
  mdlt: z.optional(z.array(any)),
  mdc: z.optional(nonNegInt),
  mdt: z.optional(nonNegInt),
  or: z.optional(str),
  cnf: z.optional(str),
});

/** `<timeSeriesInstance>` (`m2m:tsi`, ty 30); `con` is a simple value in the spec, any in ACME. */
export const timeSeriesInstanceSchema = z.looseObject({
  ...universal,
  dgt: z.optional(absRel),
  con: z.optional(any),
  snr: z.optional(nonNegInt),
  cs: z.optional(nonNegInt),
});

/** `<crossResourceSubscription>` (`m2m:crs`, ty 48). */
export const crossResourceSubscriptionSchema = z.looseObject({
  ...universal,
  rrat: z.optional(strList),
  srat: z.optional(strList),
  rrats: z.optional(strList),
  twt: z.optional(int),
  tws: z.optional(duration),
  encs: z.optional(z.looseObject({ encn: z.array(eventNotificationCriteriaSchema) })),
  nec: z.optional(int),
  exc: z.optional(posInt),
  nu: z.optional(strList),
  su: z.optional(str),
});

/** `<node>` (`m2m:nod`, ty 14). */
export const nodeSchema = z.looseObject({
  ...universal,
  ni: z.optional(str),
  hcl: z.optional(str),
  hael: z.optional(strList),
  hsl: z.optional(strList),
  mgca: z.optional(str),
  rms: z.optional(bool),
  nid: z.optional(str),
});

/** Any other resource: only the universal and common attributes are checked. */
export const genericResourceSchema = z.looseObject(universal);

/** Inferred representation types. */
export type AE = z.infer<typeof aeSchema>;
/** `<container>` representation. */
export type Container = z.infer<typeof containerSchema>;
/** `<contentInstance>` representation. */
export type ContentInstance = z.infer<typeof contentInstanceSchema>;
/** `<CSEBase>` representation. */
export type CSEBase = z.infer<typeof cseBaseSchema>;
/** `<group>` representation. */
export type Group = z.infer<typeof groupSchema>;
/** `<pollingChannel>` representation. */
export type PollingChannel = z.infer<typeof pollingChannelSchema>;
/** `<remoteCSE>` representation. */
export type RemoteCSE = z.infer<typeof remoteCSESchema>;
/** `<request>` representation. */
export type RequestResource = z.infer<typeof requestResourceSchema>;
/** `<subscription>` representation. */
export type Subscription = z.infer<typeof subscriptionSchema>;
/** `<accessControlPolicy>` representation. */
export type AccessControlPolicy = z.infer<typeof accessControlPolicySchema>;
/** `<flexContainer>` representation (custom attributes as extra members). */
export type FlexContainer = z.infer<typeof flexContainerSchema>;
/** `<timeSeries>` representation. */
export type TimeSeries = z.infer<typeof timeSeriesSchema>;
/** `<timeSeriesInstance>` representation. */
export type TimeSeriesInstance = z.infer<typeof timeSeriesInstanceSchema>;
/** `<crossResourceSubscription>` representation. */
export type CrossResourceSubscription = z.infer<typeof crossResourceSubscriptionSchema>;
/** `<node>` representation. */
export type NodeResource = z.infer<typeof nodeSchema>;
/** m2m:eventNotificationCriteria. */
export type EventNotificationCriteria = z.infer<typeof eventNotificationCriteriaSchema>;
/** m2m:accessControlRule. */
export type AccessControlRule = z.infer<typeof accessControlRuleSchema>;
/** m2m:batchNotify. */
export type BatchNotify = z.infer<typeof batchNotifySchema>;
/** m2m:rateLimit. */
export type RateLimit = z.infer<typeof rateLimitSchema>;
/** m2m:childResourceRef item. */
export type ChildResourceRef = z.infer<typeof childResourceRefSchema>;
