/**
 * Types of every primitive parameter, resource attribute and `pc` member (digest §1–2, §5–7,
 * Appendix A) in the notation of `spec.ts`, short names only.
 */

/** m2m:childResourceRef / m2m:resourceRef item `{nm, typ, val, spty?}`. */
export const CHILD_RESOURCE_REF_SPEC = { 'nm!': 's', 'typ!': 'i', 'val!': 's', spty: 'is' } as const;

/** Universal and common attributes (digest §5.2), part of every resource. */
export const UNIVERSAL_SPEC = {
  rn: 's',
  ty: 'i',
  ri: 's',
  pi: 's',
  ct: 't',
  lt: 't',
  et: 't',
  lbl: 'S',
  acpi: 'S',
  at: 'S',
  aa: 'S',
  lnk: 's',
  st: 'n',
  cr: 'sN',
  daci: 'S',
  ch: [CHILD_RESOURCE_REF_SPEC],
  cstn: 's',
  loc: 'ois',
  ast: 'i',
} as const;

/** m2m:batchNotify `{num?, dur?}`. */
export const BATCH_NOTIFY_SPEC = { num: 'p', dur: 's' } as const;
/** m2m:rateLimit `{mnn?, tww?}`. */
export const RATE_LIMIT_SPEC = { mnn: 'p', tww: 's' } as const;

/**
 * The conditions on creation and modification time, state tag and expiration time that
 * eventNotificationCriteria and filterCriteria share.
 */
const TIME_AND_STATE_CONDITIONS = {
  crb: 't',
  cra: 't',
  ms: 't',
  us: 't',
  sts: 'n',
  stb: 'n',
  exb: 't',
  exa: 't',
} as const;

/** An attribute condition `{nm, val}` of filterCriteria (`atr`, `catr`, `patr`). */
const ATTRIBUTE_CONDITION = [{ 'nm!': 's', val: '*' }] as const;

/** m2m:eventNotificationCriteria (`enc`). */
export const EVENT_NOTIFICATION_CRITERIA_SPEC = {
  ...TIME_AND_STATE_CONDITIONS,
  sza: 'n',
  szb: 'p',
  om: [{ ops: 'i', or: 's' }],
  atr: 'S',
  net: ['i', 5],
  chty: 'I',
  md: { num: 'p', dur: 's' },
  fo: 'i',
} as const;

/** m2m:accessControlRule. */
export const ACCESS_CONTROL_RULE_SPEC = {
  'acor!': 'S',
  'acop!': 'm',
  acco: ['o'],
  acaf: 'b',
  acod: ['o'],
} as const;

/** m2m:setOfAcrs `{acr}`. */
export const SET_OF_ACRS_SPEC = { 'acr!': [ACCESS_CONTROL_RULE_SPEC] } as const;

const INSTANCE_LIMITS = { mni: 'n', mbs: 'n', mia: 'n', cni: 'n', cbs: 'n' } as const;

/** `<AE>`. */
export const AE_SPEC = {
  ...UNIVERSAL_SPEC,
  apn: 's',
  api: 's',
  aei: 's',
  poa: 'S',
  or: 's',
  nl: 's',
  rr: 'b',
  csz: 'S',
  esi: 'o',
  mei: 's',
  srv: 'S',
  regs: 'i',
  trps: 'b',
  scp: 'S',
  tren: 'b',
  ape: '*',
  tri: 'is',
  trn: 'i',
} as const;

/** `<container>`. */
export const CONTAINER_SPEC = {
  ...UNIVERSAL_SPEC,
  ...INSTANCE_LIMITS,
  li: 's',
  or: 's',
  disr: 'b',
  subi: 'S',
} as const;

/** `<contentInstance>`: `con` is any value. */
export const CONTENT_INSTANCE_SPEC = {
  ...UNIVERSAL_SPEC,
  cnf: 's',
  cs: 'n',
  conr: '*',
  or: 's',
  con: '*',
  dgt: 'a',
  dcnt: 'i',
} as const;

/** `<CSEBase>`. */
export const CSE_BASE_SPEC = {
  ...UNIVERSAL_SPEC,
  cst: 'i',
  csi: 's',
  srt: 'I',
  poa: 'S',
  nl: 's',
  csz: 'S',
  esi: 'o',
  srv: 'S',
  spi: 's',
  ici: 's',
  ctm: 't',
} as const;

/** `<group>`: `spty` is an object in the spec and a number in ACME. */
export const GROUP_SPEC = {
  ...UNIVERSAL_SPEC,
  mt: 'i',
  spty: 'ois',
  cnm: 'n',
  mnm: 'p',
  mid: 'S',
  macp: 'S',
  mtv: 'b',
  csy: 'i',
  gn: 's',
  ssi: 'b',
  nar: BATCH_NOTIFY_SPEC,
} as const;

/** `<pollingChannel>`. */
export const POLLING_CHANNEL_SPEC = { ...UNIVERSAL_SPEC, rqag: 'b' } as const;

/** `<remoteCSE>`. */
export const REMOTE_CSE_SPEC = {
  ...UNIVERSAL_SPEC,
  cst: 'i',
  poa: 'S',
  cb: 's',
  csi: 's',
  mei: 's',
  tri: 'is',
  rr: 'b',
  nl: 's',
  trn: 'i',
  csz: 'S',
  esi: 'o',
  dcse: 'S',
  srv: 'S',
  mtcc: 'i',
  egid: 's',
  tren: 'b',
  ape: '*',
} as const;

/** `<request>` (read-only). */
export const REQUEST_RESOURCE_SPEC = {
  ...UNIVERSAL_SPEC,
  op: 'i',
  tg: 's',
  org: 's',
  rid: 's',
  mi: 'o',
  pc: '*',
  rs: 'i',
  ors: 'o',
} as const;

/** `<subscription>`. */
export const SUBSCRIPTION_SPEC = {
  ...UNIVERSAL_SPEC,
  enc: EVENT_NOTIFICATION_CRITERIA_SPEC,
  exc: 'p',
  nu: 'S',
  gpi: 's',
  nfu: 's',
  bn: BATCH_NOTIFY_SPEC,
  rl: RATE_LIMIT_SPEC,
  psn: 'n',
  pn: 'i',
  nsp: 'i',
  ln: 'b',
  nct: 'i',
  nec: 'i',
  su: 's',
  acrs: 'S',
  nse: 'b',
  nsi: '*',
  eeno: 'b',
  ma: 's',
} as const;

/** `<accessControlPolicy>`. */
export const ACCESS_CONTROL_POLICY_SPEC = {
  ...UNIVERSAL_SPEC,
  pv: SET_OF_ACRS_SPEC,
  pvs: SET_OF_ACRS_SPEC,
  adri: 'S',
  apri: 'S',
  airi: 'S',
} as const;

/** `<flexContainer>` and its specializations; custom attributes pass unchecked. */
export const FLEX_CONTAINER_SPEC = {
  ...UNIVERSAL_SPEC,
  ...INSTANCE_LIMITS,
  cnd: 's',
  or: 's',
  cs: 'n',
  nl: 's',
  fcied: 'b',
} as const;

/** `<timeSeries>`. */
export const TIME_SERIES_SPEC = {
  ...UNIVERSAL_SPEC,
  ...INSTANCE_LIMITS,
  pei: 'n',
  peid: 'n',
  mdd: 'b',
  mdn: 'n',
  mdlt: 'A',
  mdc: 'n',
  mdt: 'n',
  or: 's',
  cnf: 's',
} as const;

/** `<timeSeriesInstance>`: `con` a simple value in the spec, any value in ACME. */
export const TIME_SERIES_INSTANCE_SPEC = {
  ...UNIVERSAL_SPEC,
  dgt: 'a',
  con: '*',
  snr: 'n',
  cs: 'n',
} as const;

/** `<crossResourceSubscription>`. */
export const CROSS_RESOURCE_SUBSCRIPTION_SPEC = {
  ...UNIVERSAL_SPEC,
  rrat: 'S',
  srat: 'S',
  rrats: 'S',
  twt: 'i',
  tws: 's',
  encs: { 'encn!': [EVENT_NOTIFICATION_CRITERIA_SPEC] },
  nec: 'i',
  exc: 'p',
  nu: 'S',
  su: 's',
} as const;

/** `<node>`. */
export const NODE_SPEC = {
  ...UNIVERSAL_SPEC,
  ni: 's',
  hcl: 's',
  hael: 'S',
  hsl: 'S',
  // A string in TS-0004, a list in ACME.
  mgca: 'sA',
  rms: 'b',
  nid: 's',
} as const;

/** m2m:filterCriteria (digest §6); flat attribute keys pass as unknown members. */
export const FILTER_CRITERIA_SPEC = {
  ...TIME_AND_STATE_CONDITIONS,
  lbl: 'S',
  clbl: 'S',
  palb: 'S',
  lbq: 's',
  ty: 'I',
  chty: 'I',
  pty: 'I',
  sza: 'n',
  szb: 'p',
  cty: 'S',
  atr: ATTRIBUTE_CONDITION,
  catr: ATTRIBUTE_CONDITION,
  patr: ATTRIBUTE_CONDITION,
  // A list in TS-0004, a single string in ACME and Mobius4.
  smf: 'sA',
  cfs: 'i',
  cfq: 's',
  fu: 'i',
  fo: 'i',
  lim: 'n',
  lvl: 'p',
  ofst: 'p',
  arp: 's',
  gmty: 'i',
  geom: 'sA',
  gsf: 'i',
} as const;

/** m2m:responseTypeInfo `{rtv, nu?}`. */
export const RESPONSE_TYPE_INFO_SPEC = { 'rtv!': 'i', nu: 'S' } as const;

/** A request primitive (digest §1); `rvi` a string. */
export const REQUEST_PRIMITIVE_SPEC = {
  'op!': 'op',
  'to!': 'e',
  fr: 's',
  'rqi!': 'e',
  rvi: 's',
  ty: 'i',
  pc: 'o',
  rids: 'S',
  ot: 't',
  rqet: 'a',
  rset: 'a',
  oet: 'a',
  rt: RESPONSE_TYPE_INFO_SPEC,
  rp: 'a',
  rcn: 'i',
  ec: 'i',
  da: 'b',
  gid: 's',
  fc: FILTER_CRITERIA_SPEC,
  drt: 'i',
  tkns: 'S',
  tids: 'S',
  ltids: 'S',
  tqi: 'b',
  grtm: 'S',
  asi: 'b',
  aus: 'S',
  auri: 'b',
  sqi: 'b',
  vsi: 's',
  ma: 's',
} as const;

/**
 * A response primitive (digest §2). `rqi` is optional because servers answer some malformed
 * requests without one; the send side requires it.
 */
export const RESPONSE_PRIMITIVE_SPEC = {
  'rsc!': 'i',
  rqi: 's',
  rvi: 's',
  pc: 'o',
  to: 's',
  fr: 's',
  ot: 't',
  rset: 'a',
  ec: 'i',
  cnst: 'i',
  cnot: 'p',
  ati: 'o',
  tqf: 'o',
  asri: 'b',
  vsi: 's',
} as const;

/** `nev` of a notification. */
export const NOTIFICATION_EVENT_SPEC = { rep: '*', net: 'i', om: { op: 'i', or: 's' } } as const;

/**
 * m2m:sgn (digest §7.1). `sur` is mandatory in the spec but optional here so the receive side
 * tolerates servers that omit it; the send side requires it.
 */
export const NOTIFICATION_SPEC = {
  nev: NOTIFICATION_EVENT_SPEC,
  vrq: 'b',
  sud: 'b',
  sur: 's',
  cr: 'sN',
  nfu: 's',
  ntt: 's',
  trr: 'b',
  tra: 'b',
  idr: 'o',
  aerp: 'b',
  aerid: 'b',
  tid1: 's',
  tid2: 's',
} as const;

/** m2m:agn `{"m2m:sgn": [...]}`. */
export const AGGREGATED_NOTIFICATION_SPEC = { 'm2m:sgn!': [NOTIFICATION_SPEC] } as const;
/** m2m:rrl `{rrf: [...]}`. */
export const RESOURCE_REF_LIST_SPEC = { rrf: [CHILD_RESOURCE_REF_SPEC] } as const;
/** m2m:agr `{"m2m:rsp": [...], ri?}`. */
export const AGGREGATED_RESPONSE_SPEC = { 'm2m:rsp': [RESPONSE_PRIMITIVE_SPEC], ri: 's' } as const;
/** m2m:rce `{uri, "m2m:<ty>": {...}}`. */
export const RESOURCE_WRAPPER_SPEC = { uri: 's' } as const;
/** m2m:tsn `{mdlt, mdc}`. */
export const TIME_SERIES_NOTIFICATION_SPEC = { mdlt: 'A', mdc: 'n' } as const;

/** The spec of each known `pc` member, by qualified short name. */
export const CONTENT_SPECS = {
  'm2m:acp': ACCESS_CONTROL_POLICY_SPEC,
  'm2m:ae': AE_SPEC,
  'm2m:cnt': CONTAINER_SPEC,
  'm2m:cin': CONTENT_INSTANCE_SPEC,
  'm2m:cb': CSE_BASE_SPEC,
  'm2m:grp': GROUP_SPEC,
  'm2m:nod': NODE_SPEC,
  'm2m:pch': POLLING_CHANNEL_SPEC,
  'm2m:csr': REMOTE_CSE_SPEC,
  'm2m:req': REQUEST_RESOURCE_SPEC,
  'm2m:sub': SUBSCRIPTION_SPEC,
  'm2m:fcnt': FLEX_CONTAINER_SPEC,
  'm2m:ts': TIME_SERIES_SPEC,
  'm2m:tsi': TIME_SERIES_INSTANCE_SPEC,
  'm2m:crs': CROSS_RESOURCE_SUBSCRIPTION_SPEC,
  'm2m:sgn': NOTIFICATION_SPEC,
  'm2m:agn': AGGREGATED_NOTIFICATION_SPEC,
  'm2m:rrl': RESOURCE_REF_LIST_SPEC,
  'm2m:agr': AGGREGATED_RESPONSE_SPEC,
  'm2m:rce': RESOURCE_WRAPPER_SPEC,
  'm2m:tsn': TIME_SERIES_NOTIFICATION_SPEC,
  'm2m:uri': 's',
  'm2m:uril': 'S',
  'm2m:dbg': 's',
  'm2m:atrl': 'S',
  'm2m:qres': 's',
  'm2m:rqp': REQUEST_PRIMITIVE_SPEC,
  'm2m:rsp': RESPONSE_PRIMITIVE_SPEC,
} as const;

/** Resources of unknown m2m types: only the universal attributes are checked. */
export const GENERIC_RESOURCE_SPEC = UNIVERSAL_SPEC;
