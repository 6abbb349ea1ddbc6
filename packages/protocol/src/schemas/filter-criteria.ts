/** m2m:filterCriteria (`fc`, digest §6) as a zod/mini schema. */
import { FILTER_CRITERIA_SPEC } from './specs.js';
import { toZod } from './to-zod.js';

/**
 * Filter criteria. Unknown members are kept: ACME and Mobius filter by flat attribute keys
 * (`{ cr: 'CAdmin' }`), which the spec form `atr: [{nm, val}]` does not cover.
 */
export const filterCriteriaSchema = /* @__PURE__ */ toZod(FILTER_CRITERIA_SPEC);
