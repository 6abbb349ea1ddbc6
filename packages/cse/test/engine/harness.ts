import type { RequestPrimitive, ResponsePrimitive } from '@onem2m-ws/protocol';
import { afterEach } from 'vitest';
import {
  createEngine,
  type DeliveryOptions,
  type Engine,
  type EngineOptions,
  type NotificationSink,
} from '../../src/engine/index.js';

/** One request the engine handed to the sink. */
export interface Delivery {
  target: string;
  request: RequestPrimitive;
  options: DeliveryOptions | undefined;
}

type Responder = (target: string, request: RequestPrimitive) => ResponsePrimitive | undefined;

/** A sink that records deliveries and answers like a well-behaved AE (2000), or as told. */
export class RecordingSink implements NotificationSink {
  readonly deliveries: Delivery[] = [];
  private waiters: { match: (d: Delivery) => boolean; resolve: (d: Delivery) => void; seen: number }[] = [];
  responder: Responder = (_target, request) => ({ rsc: 2000, rqi: request.rqi, rvi: '3' });

  async deliver(
    target: string,
    request: RequestPrimitive,
    options?: DeliveryOptions,
  ): Promise<ResponsePrimitive | undefined> {
    const delivery = { target, request: structuredClone(request), options };
    this.deliveries.push(delivery);
    for (const w of [...this.waiters]) {
      if (w.match(delivery)) {
        this.waiters.splice(this.waiters.indexOf(w), 1);
        w.resolve(delivery);
      }
    }
    return this.responder(target, request);
  }

  /** Deliveries whose `pc` holds `m2m:sgn` with an event (not verification / deletion). */
  events(target?: string): Record<string, any>[] {
    return this.deliveries
      .filter((d) => (target === undefined || d.target === target) && (d.request.pc?.['m2m:sgn'] as any)?.nev)
      .map((d) => d.request.pc!['m2m:sgn'] as Record<string, any>);
  }

  /** Wait (bounded) for a delivery matching `match`, including one already recorded. */
  next(match: (d: Delivery) => boolean, timeoutMs = 5000): Promise<Delivery> {
    const found = this.deliveries.find(match);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no matching delivery')), timeoutMs);
      this.waiters.push({
        match,
        resolve: (d) => {
          clearTimeout(timer);
          resolve(d);
        },
        seen: 0,
      });
    });
  }
}

/** A fresh engine with a recording sink, closed after the test. */
export function setup(options: Partial<EngineOptions> = {}) {
  const sink = new RecordingSink();
  const engine: Engine = createEngine({
    cseId: '/id-in',
    cseName: 'cse-in',
    poa: ['ws://127.0.0.1:8180'],
    releaseVersion: '3',
    sink,
    ...options,
  });
  engines.push(engine);
  let n = 0;
  const send = (
    request: Partial<RequestPrimitive> & { op: RequestPrimitive['op']; to: string },
  ): Promise<ResponsePrimitive> =>
    engine.handle({ rqi: `r${++n}`, rvi: '3', ...request } as RequestPrimitive, {});
  /** Register an AE and return its AE-ID. */
  const register = async (rn: string, fr?: string, extra: Record<string, unknown> = {}): Promise<string> => {
    const rsp = await send({
      op: 1,
      to: '-',
      ty: 2,
      ...(fr === undefined ? {} : { fr }),
      pc: { 'm2m:ae': { rn, api: 'Napp', rr: true, srv: ['3'], ...extra } },
    });
    if (rsp.rsc !== 2001) throw new Error(`registration failed: ${JSON.stringify(rsp)}`);
    return (rsp.pc!['m2m:ae'] as { aei: string }).aei;
  };
  return { engine, sink, send, register };
}

const engines: Engine[] = [];
afterEach(() => {
  for (const e of engines.splice(0)) e.close();
});

/** The single resource representation in a response `pc`. */
export function body(rsp: ResponsePrimitive): Record<string, any> {
  const values = Object.values(rsp.pc ?? {});
  if (values.length !== 1) throw new Error(`expected one pc member: ${JSON.stringify(rsp)}`);
  return values[0] as Record<string, any>;
}

/** The `m2m:dbg` text of an error response. */
export function dbg(rsp: ResponsePrimitive): string {
  return String(rsp.pc?.['m2m:dbg'] ?? '');
}
