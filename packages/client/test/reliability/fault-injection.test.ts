import { cborCodec, jsonCodec, ProtocolError } from '@onem2m-ws/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { watchUnhandledRejections } from '../../../../test-support/unhandled-rejections.js';
import { createNodeSocketAdapter } from '../../src/entries/node.js';
import {
  AbortError,
  type ClientOptions,
  type CloseEvent,
  ConnectionError,
  createClient,
  type DebugEvent,
  type OneM2MClient,
  ResponseError,
  TimeoutError,
} from '../../src/index.js';
import { answerOk, type FaultServer, startFaultServer } from '../helpers/fault-server.js';
import { abortListenerCount, activeResources, type ResourceCounts, settleResources } from './leak-check.js';

/**
 * Fault injection over real sockets: a scripted raw-TCP WebSocket server misbehaves in one way per
 * test, and the client must settle every pending promise (resolved or with a typed error), raise
 * no unhandled rejection, leave no timer, socket or abort listener behind, and serve the next
 * request normally.
 */

const unhandled = watchUnhandledRejections(
  () => `[reliability] client fault scenarios survived: ${faultsSurvived}`,
);
let faultsSurvived = 0;

let server: FaultServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** One client under test plus everything needed to check it afterwards. */
interface Harness {
  client: OneM2MClient;
  errors: unknown[];
  debug: DebugEvent[];
  closes: CloseEvent[];
  signals: AbortSignal[];
  /** A request with its own abort signal (so listener leaks are visible). */
  retrieve(timeout?: number): Promise<unknown>;
  /** Asserts the post-fault invariants, then closes the client and checks for leaked resources. */
  verify(settled: PromiseSettledResult<unknown>[]): Promise<void>;
}

async function harness(options: Partial<ClientOptions> = {}): Promise<Harness> {
  server ??= await startFaultServer();
  const srv = server;
  const baseline: ResourceCounts = activeResources();
  unhandled.reset();
  const client = createClient({ url: srv.url, originator: 'Cfault', requestTimeout: 5000, ...options });
  const errors: unknown[] = [];
  const debug: DebugEvent[] = [];
  const offError = client.on('error', (e) => void errors.push(e));
  const offDebug = client.on('debug', (d) => void debug.push(d));
  const closes: CloseEvent[] = [];
  const offClose = client.on('close', (c) => void closes.push(c));
  const signals: AbortSignal[] = [];
  const retrieve = (timeout?: number) => {
    const signal = new AbortController().signal;
    signals.push(signal);
    return client.retrieve('-/target', timeout === undefined ? { signal } : { signal, timeout });
  };
  return {
    client,
    errors,
    debug,
    closes,
    signals,
    retrieve,
    async verify(settled) {
      // Every promise settled (allSettled returned) with a result or a typed error.
      for (const outcome of settled) {
        if (outcome.status === 'rejected') {
          const e = outcome.reason;
          expect(
            e instanceof ConnectionError ||
              e instanceof TimeoutError ||
              e instanceof AbortError ||
              e instanceof ResponseError ||
              e instanceof ProtocolError,
            `untyped rejection: ${String(e)}`,
          ).toBe(true);
        }
      }
      expect(client.inFlightRequests).toBe(0);
      expect(client.queuedRequests).toBe(0);
      // The client is usable afterwards: the next request on a well-behaved server succeeds.
      srv.script = answerOk;
      const after = await retrieve();
      expect(after).toMatchObject({ rsc: 2000 });
      expect(abortListenerCount(signals)).toBe(0);
      // Let pending microtasks (late rejections) run before counting unhandled ones.
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(unhandled.reasons).toEqual([]);
      offError();
      offDebug();
      offClose();
      await client.close();
      const left = await settleResources(baseline);
      expect(left.timers).toBeLessThanOrEqual(baseline.timers);
      expect(left.sockets).toBeLessThanOrEqual(baseline.sockets);
      faultsSurvived++;
    },
  };
}

describe('client under server faults (real sockets)', () => {
  it('server closes with a close frame while responses are due: all in-flight requests reject with ConnectionError', async () => {
    const h = await harness();
    let seen = 0;
    server!.script = (_req, conn) => {
      if (++seen === 3) conn.close(1011);
    };
    const settled = await Promise.allSettled([h.retrieve(), h.retrieve(), h.retrieve()]);
    for (const s of settled) {
      expect(s.status).toBe('rejected');
      const e = (s as PromiseRejectedResult).reason as ConnectionError;
      expect(e).toBeInstanceOf(ConnectionError);
      expect(e.mayHaveBeenProcessed).toBe(true);
      expect(e.closeCode).toBe(1011);
    }
    await h.verify(settled);
  });

  it('server destroys the TCP socket mid-request (no close frame): ConnectionError 1006', async () => {
    const h = await harness();
    server!.script = (_req, conn) => conn.destroy();
    const settled = await Promise.allSettled([h.retrieve(), h.retrieve()]);
    for (const s of settled) {
      expect((s as PromiseRejectedResult).reason).toBeInstanceOf(ConnectionError);
      expect(((s as PromiseRejectedResult).reason as ConnectionError).closeCode).toBe(1006);
    }
    await h.verify(settled);
  });

  for (const serialization of ['json', 'cbor'] as const) {
    it(`server writes half a ${serialization} response frame and cuts the socket: ConnectionError, nothing decoded`, async () => {
      const h = await harness({ serializations: [serialization], codecs: [jsonCodec, cborCodec] });
      server!.script = (req, conn) => {
        const encoded = conn.codec.encode({
          rsc: 2000,
          rqi: req.rqi,
          rvi: '3',
          pc: { 'm2m:cin': { con: 'x'.repeat(300) } },
        });
        conn.partialFrameThenDestroy(typeof encoded === 'string' ? 1 : 2, encoded);
      };
      const settled = await Promise.allSettled([h.retrieve()]);
      expect((settled[0] as PromiseRejectedResult).reason).toBeInstanceOf(ConnectionError);
      expect(h.client.protocol).toBe('');
      await h.verify(settled);
    });
  }

  it('server answers twice: the first answer resolves, the duplicate is ignored with a debug event', async () => {
    const h = await harness();
    server!.script = (req, conn) => {
      conn.answer(req, 2000, { 'm2m:cnt': { rn: 'first' } });
      conn.answer(req, 4004);
    };
    const settled = await Promise.allSettled([h.retrieve()]);
    expect(settled[0]).toMatchObject({ status: 'fulfilled', value: { rsc: 2000, content: { rn: 'first' } } });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(h.debug.map((d) => d.message)).toContain('late or duplicate response ignored');
    expect(h.errors).toEqual([]);
    await h.verify(settled);
  });

  it('server answers an unknown rqi: ignored with a debug event, the real answer still resolves', async () => {
    const h = await harness();
    server!.script = (req, conn) => {
      conn.send({ rsc: 2000, rqi: 'never-sent', rvi: '3' });
      conn.answer(req, 2000);
    };
    const settled = await Promise.allSettled([h.retrieve()]);
    expect(settled[0]!.status).toBe('fulfilled');
    expect(h.debug.map((d) => d.message)).toContain('response to an unknown rqi ignored');
    await h.verify(settled);
  });

  it('server answers only an unknown rqi: the request times out with TimeoutError', async () => {
    const h = await harness();
    server!.script = (_req, conn) => conn.send({ rsc: 2000, rqi: 'never-sent', rvi: '3' });
    const settled = await Promise.allSettled([h.retrieve(200)]);
    expect((settled[0] as PromiseRejectedResult).reason).toBeInstanceOf(TimeoutError);
    await h.verify(settled);
  });

  it('text frame on a CBOR-only connection: ProtocolError event, the request settles by timeout', async () => {
    const h = await harness({ serializations: ['cbor'], codecs: [cborCodec] });
    server!.script = (req, conn) => conn.frame(1, JSON.stringify({ rsc: 2000, rqi: req.rqi, rvi: '3' }));
    const settled = await Promise.allSettled([h.retrieve(200)]);
    expect((settled[0] as PromiseRejectedResult).reason).toBeInstanceOf(TimeoutError);
    expect(h.errors.some((e) => e instanceof ProtocolError && e.code === 'WRONG_FRAME_TYPE')).toBe(true);
    await h.verify(settled);
  });

  it('text frame on a CBOR connection with the JSON codec present: read as JSON (ACME tolerance) and resolves', async () => {
    const h = await harness({ serializations: ['cbor'], codecs: [cborCodec, jsonCodec] });
    server!.script = (req, conn) => conn.frame(1, JSON.stringify({ rsc: 2000, rqi: req.rqi, rvi: '3' }));
    const settled = await Promise.allSettled([h.retrieve()]);
    expect(settled[0]).toMatchObject({ status: 'fulfilled', value: { rsc: 2000 } });
    await h.verify(settled);
  });

  it('binary frame on a JSON connection: ProtocolError event, the request settles by timeout', async () => {
    const h = await harness();
    server!.script = (req, conn) => conn.frame(2, cborCodec.encode({ rsc: 2000, rqi: req.rqi, rvi: '3' }));
    const settled = await Promise.allSettled([h.retrieve(200)]);
    expect((settled[0] as PromiseRejectedResult).reason).toBeInstanceOf(TimeoutError);
    expect(h.errors.some((e) => e instanceof ProtocolError && e.code === 'WRONG_FRAME_TYPE')).toBe(true);
    await h.verify(settled);
  });

  it('garbage frames (invalid JSON, invalid UTF-8 CBOR, an error reply without rqi) raise events, never a crash', async () => {
    const h = await harness({ serializations: ['cbor'], codecs: [cborCodec, jsonCodec] });
    server!.script = (req, conn) => {
      conn.frame(1, '{"rsc": 2000, "rqi": ');
      conn.frame(2, new Uint8Array([0xff, 0xfe, 0x00, 0x9f]));
      conn.frame(1, JSON.stringify({ rsc: 4000, rvi: '3', pc: { 'm2m:dbg': 'no rqi' } }));
      conn.answer(req);
    };
    const settled = await Promise.allSettled([h.retrieve()]);
    expect(settled[0]!.status).toBe('fulfilled');
    expect(h.errors.filter((e) => e instanceof ProtocolError).length).toBe(2);
    expect(h.errors.some((e) => e instanceof ResponseError && e.rsc === 4000)).toBe(true);
    await h.verify(settled);
  });

  it('a frame over the client maxPayload closes the connection (1009): in-flight requests reject, the next reconnects', async () => {
    const h = await harness({ webSocket: createNodeSocketAdapter({ maxPayload: 1024 }) });
    server!.script = (req, conn) => conn.answer(req, 2000, { 'm2m:cin': { con: 'x'.repeat(4096) } });
    const settled = await Promise.allSettled([h.retrieve(), h.retrieve()]);
    for (const s of settled) expect((s as PromiseRejectedResult).reason).toBeInstanceOf(ConnectionError);
    // ws stops reading after the oversized frame, so the close is abnormal (1006); the reason says why.
    expect(h.closes.some((c) => /max payload/i.test(c.reason))).toBe(true);
    const accepted = server!.connectionsAccepted;
    await h.verify(settled);
    expect(server!.connectionsAccepted).toBe(accepted + 1);
  });

  it('server stalls: timeouts, aborts and close() settle every request and free every timer', async () => {
    const h = await harness();
    server!.script = () => {};
    const timedOut = Array.from({ length: 20 }, () => h.retrieve(150));
    const controller = new AbortController();
    h.signals.push(controller.signal);
    const aborted = h.client.retrieve('-/target', { signal: controller.signal });
    const settledTimeouts = await Promise.allSettled(timedOut);
    for (const s of settledTimeouts) expect((s as PromiseRejectedResult).reason).toBeInstanceOf(TimeoutError);
    controller.abort();
    const [abortOutcome] = await Promise.allSettled([aborted]);
    expect((abortOutcome as PromiseRejectedResult).reason).toBeInstanceOf(AbortError);
    await h.verify([...settledTimeouts, abortOutcome!]);
  });

  it('server stalls and the client closes: in-flight requests reject with CLIENT_CLOSED', async () => {
    server ??= await startFaultServer();
    const baseline = activeResources();
    unhandled.reset();
    const client = createClient({ url: server.url, originator: 'Cfault', requestTimeout: 60_000 });
    server.script = () => {};
    const signal = new AbortController().signal;
    const pending = [client.retrieve('-/a', { signal }), client.retrieve('-/b'), client.retrieve('-/c')];
    const settling = Promise.allSettled(pending);
    while (server.requests.length < 3) await new Promise((resolve) => setTimeout(resolve, 5));
    await client.close();
    const settled = await settling;
    for (const s of settled) {
      const e = (s as PromiseRejectedResult).reason as ConnectionError;
      expect(e).toBeInstanceOf(ConnectionError);
      expect(e.code).toBe('CLIENT_CLOSED');
    }
    expect(abortListenerCount([signal])).toBe(0);
    await expect(client.retrieve('-/d')).rejects.toBeInstanceOf(ConnectionError);
    const left = await settleResources(baseline);
    expect(left.timers).toBeLessThanOrEqual(baseline.timers);
    expect(left.sockets).toBeLessThanOrEqual(baseline.sockets);
    expect(unhandled.reasons).toEqual([]);
    faultsSurvived++;
  });

  it('a run of every fault in sequence on one client leaves it usable and leak-free', async () => {
    const h = await harness({
      serializations: ['json'],
      codecs: [jsonCodec, cborCodec],
      requestTimeout: 300,
    });
    const faults: ((req: any, conn: any) => void)[] = [
      (_r, c) => c.destroy(),
      (r, c) => c.partialFrameThenDestroy(1, JSON.stringify({ rsc: 2000, rqi: r.rqi })),
      (r, c) => {
        c.answer(r);
        c.answer(r);
      },
      (_r, c) => c.send({ rsc: 2000, rqi: 'unknown' }),
      (r, c) => c.frame(2, new Uint8Array([1, 2, 3, r.rqi.length])),
      () => {},
      (_r, c) => c.close(1001),
    ];
    const settled: PromiseSettledResult<unknown>[] = [];
    for (let round = 0; round < 3; round++) {
      for (const fault of faults) {
        server!.script = fault;
        settled.push(...(await Promise.allSettled([h.retrieve(), h.retrieve()])));
      }
    }
    expect(settled).toHaveLength(faults.length * 3 * 2);
    await h.verify(settled);
  });
});
