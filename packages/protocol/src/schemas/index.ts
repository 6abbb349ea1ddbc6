export * from './content.js';
export * from './filter-criteria.js';
export * from './primitives.js';
export { DEFAULT_RULES, type ResourceRules, rulesOf } from './resource-rules.js';
export * from './resources.js';
export type { ContentTypes } from './types.js';
