import { type CseHandle, type StartCseOptions, startCse } from '../../src/start-cse.js';
import { type FakeEngine, fakeEngineFactory } from './fake-engine.js';

/** A CSE on 127.0.0.1 with a free port, backed by the fake engine (binding-level tests). */
export async function startFakeCse(
  options: StartCseOptions = {},
): Promise<{ cse: CseHandle; engine: FakeEngine }> {
  const { factory, engine } = fakeEngineFactory();
  const cse = await startCse({ port: 0, host: '127.0.0.1', engineFactory: factory, ...options });
  return { cse, engine: engine() };
}

/** A CSE on 127.0.0.1 with a free port and the real resource engine. */
export function startRealCse(options: StartCseOptions = {}): Promise<CseHandle> {
  return startCse({ port: 0, host: '127.0.0.1', ...options });
}

/** A Create AE request with the attributes TS-0004 R3 makes mandatory. */
export function createAe(rqi: string, fr?: string, rn = `ae${rqi}`): Record<string, unknown> {
  const request: Record<string, unknown> = {
    op: 1,
    to: 'cse-in',
    rqi,
    rvi: '3',
    ty: 2,
    pc: { 'm2m:ae': { rn, api: 'Ntest', rr: true, srv: ['3'], poa: ['ws://default'] } },
  };
  if (fr !== undefined) request.fr = fr;
  return request;
}
