import type { Engine, EngineOptions } from './contract.js';
import { CseEngine } from './engine.js';

export type { DeliveryOptions, Engine, EngineOptions, NotificationSink, RequestContext } from './contract.js';
export { InvalidEngineOptionsError, SUPPORTED_RELEASES } from './engine.js';
export { RequestError, Rsc } from './status.js';

/**
 * Create the resource engine of the development CSE: TS-0004 request processing over an
 * in-memory resource tree. Feed it request primitives with {@link Engine.handle}; requests the CSE
 * originates (notifications, verification, asynchronous results) go out through `options.sink`.
 *
 * @throws InvalidEngineOptionsError when an option is unusable (e.g. a `cseId` without a leading `/`).
 */
export function createEngine(options: EngineOptions): Engine {
  return new CseEngine(options);
}
