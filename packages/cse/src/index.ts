// The engine factory and its contract, so that `startCse({ engineFactory })` can wrap or hand over
// the default engine (the soak test keeps one engine across a CSE restart).
export {
  createEngine,
  type DeliveryOptions,
  type Engine,
  type EngineOptions,
  type NotificationSink,
  type RequestContext,
} from './engine/index.js';
export type { CseLogger } from './server/logger.js';
export {
  type CseOptions,
  CseOptionsError,
  type CseTlsOptions,
  type OfflineStoreOptions,
} from './server/options.js';
export { type CseHandle, type StartCseOptions, startCse } from './start-cse.js';
