export type { CseLogger } from './server/logger.js';
export {
  type CseOptions,
  CseOptionsError,
  type CseTlsOptions,
  type OfflineStoreOptions,
} from './server/options.js';
export { type CseHandle, type StartCseOptions, startCse } from './start-cse.js';
