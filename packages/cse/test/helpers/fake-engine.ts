import type { RequestPrimitive, ResponsePrimitive } from '@onem2m-ws/protocol';
import type { Engine, EngineOptions, NotificationSink, RequestContext } from '../../src/engine/contract.js';

/**
 * A tiny stand-in for the resource engine, for binding-level tests only: it registers AEs and
 * answers everything else with 2000, recording what it saw. Resource semantics are tested
 * against the real engine elsewhere.
 */
export class FakeEngine implements Engine {
  readonly options: EngineOptions;
  readonly registered = new Set<string>();
  readonly seen: Array<{ request: RequestPrimitive; context: RequestContext }> = [];
  closed = false;
  #next = 1;

  constructor(options: EngineOptions) {
    this.options = options;
  }

  get sink(): NotificationSink {
    return this.options.sink;
  }

  async handle(request: RequestPrimitive, context: RequestContext): Promise<ResponsePrimitive> {
    this.seen.push({ request, context });
    if (request.op === 1 && request.ty === 2) {
      const fr = request.fr;
      const aei = fr && fr !== 'C' && fr !== 'S' ? fr : `Cfake${this.#next++}`;
      if (this.registered.has(aei))
        return { rsc: 4117, rqi: request.rqi, pc: { 'm2m:dbg': 'already registered' } };
      this.registered.add(aei);
      const ae = request.pc?.['m2m:ae'] as Record<string, unknown> | undefined;
      return { rsc: 2001, rqi: request.rqi, pc: { 'm2m:ae': { ...ae, ty: 2, ri: aei, aei } } };
    }
    if (request.op === 4 && this.registered.has(request.to)) {
      this.registered.delete(request.to);
      return { rsc: 2002, rqi: request.rqi };
    }
    return {
      rsc: 2000,
      rqi: request.rqi,
      pc: { 'm2m:cb': { rn: this.options.cseName, csi: this.options.cseId } },
    };
  }

  isRegistered(originator: string): boolean {
    const stem = originator.split('/').pop() ?? originator;
    return this.registered.has(stem);
  }

  close(): void {
    this.closed = true;
  }
}

/** An engine factory that also hands the created engine back to the test. */
export function fakeEngineFactory(): { factory: (o: EngineOptions) => Engine; engine: () => FakeEngine } {
  let created: FakeEngine | undefined;
  return {
    factory: (o) => {
      created = new FakeEngine(o);
      return created;
    },
    engine: () => {
      if (!created) throw new Error('engine not created yet');
      return created;
    },
  };
}
