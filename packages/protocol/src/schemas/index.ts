// Root exports of the schema layer: specs, the zod-free checker, presence rules and the inferred
// types. Nothing here imports zod; the zod schemas are in `@onem2m-ws/protocol/schemas`.
export { checkerOf, type SpecChecker, type SpecProblem } from './check.js';
export { DEFAULT_RULES, type ResourceRules, rulesOf } from './resource-rules.js';
export type { Infer, ListSpec, ObjectSpec, Spec, TypeCode } from './spec.js';
export * from './specs.js';
export type * from './types.js';
