/**
 * `@onem2m-ws/protocol/schemas`: zod/mini schemas of the primitives, resources and `pc` members,
 * built from the same specs as the package's zod-free validators. A separate entry so that zod
 * stays out of bundles that only validate (the client, the script-tag build).
 * @packageDocumentation
 */
export * from '../schemas/content.js';
export * from '../schemas/filter-criteria.js';
export * from '../schemas/primitives.js';
export * from '../schemas/resources.js';
export { toZod } from '../schemas/to-zod.js';
export type * from '../schemas/types.js';
