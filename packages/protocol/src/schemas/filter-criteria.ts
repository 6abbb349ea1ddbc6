/** m2m:filterCriteria (`fc`, digest §6). */
import * as z from 'zod/mini';
import { any, int, intList, nonNegInt, posInt, str, strList, timestamp } from './scalars.js';

/** m2m:attribute, a `{nm, val}` pair used by `fc.atr`, `catr`, `patr`. */
export const attributeSchema = z.looseObject({ nm: str, val: any });

const attributeList = z.array(attributeSchema);

/**
 * Filter criteria. Unknown members are kept: ACME and Mobius filter by flat attribute keys
 * (`{ cr: 'CAdmin' }`), which the spec form `atr: [{nm, val}]` does not cover.
 */
export const filterCriteriaSchema = z.looseObject({
  crb: z.optional(timestamp),
  cra: z.optional(timestamp),
  ms: z.optional(timestamp),
  us: z.optional(timestamp),
  sts: z.optional(nonNegInt),
  stb: z.optional(nonNegInt),
  exb: z.optional(timestamp),
  exa: z.optional(timestamp),
  lbl: z.optional(strList),
  clbl: z.optional(strList),
  palb: z.optional(strList),
  lbq: z.optional(str),
  ty: z.optional(intList),
  chty: z.optional(intList),
  pty: z.optional(intList),
  sza: z.optional(nonNegInt),
  szb: z.optional(posInt),
  cty: z.optional(strList),
  atr: z.optional(attributeList),
  catr: z.optional(attributeList),
  patr: z.optional(attributeList),
  smf: z.optional(strList),
  cfs: z.optional(int),
  cfq: z.optional(str),
  fu: z.optional(int),
  fo: z.optional(int),
  lim: z.optional(nonNegInt),
  lvl: z.optional(posInt),
  ofst: z.optional(posInt),
  arp: z.optional(str),
  gmty: z.optional(int),
  geom: z.optional(z.union([str, z.array(any)])),
  gsf: z.optional(int),
});

/** Filter criteria as validated: spec members typed, flat attribute keys allowed. */
export type FilterCriteriaValue = z.infer<typeof filterCriteriaSchema>;
