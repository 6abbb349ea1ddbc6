export { contentKeyOf, qualifiedNameOf, resourceTypeOf } from './resource-types.js';
export {
  ACCESS_CONTROL_NAMES,
  COMMON_NAMES,
  CONTEXT_NAMES,
  FILTER_NAMES,
  GROUP_NAMES,
  NAME_GROUPS,
  NOTIFICATION_NAMES,
  OPAQUE_MEMBERS,
  QUALIFIED_NAMES,
  REQUEST_NAMES,
  RESOURCE_NAMES,
  RESPONSE_NAMES,
  SUBSCRIPTION_NAMES,
} from './tables.js';
export {
  isShortName,
  longNameOf,
  MAX_NAME_DEPTH,
  shortNameOf,
  toLongNames,
  toShortNames,
} from './translate.js';
