import { afterEach, describe, expect, it } from 'vitest';
import { watchUnhandledRejections } from '../../../../test-support/unhandled-rejections.js';
import {
  type ClientOptions,
  ConnectionError,
  createClient,
  type OneM2MClient,
  TimeoutError,
} from '../../src/index.js';
import { answerOk, type FaultServer, startFaultServer } from '../helpers/fault-server.js';
import { activeResources, settleResources } from './leak-check.js';

/**
 * Faults that reach application code while the client is in the middle of something: listeners
 * that close the client or send requests from inside `error`, `close`, `open` and `notification`
 * events, retried retrieves across drops, and `maxInFlight` queues behind a stalled request.
 */

const unhandled = watchUnhandledRejections(
  () => `[reliability] client re-entrancy scenarios survived: ${survived}`,
);
let survived = 0;

let server: FaultServer | undefined;
let client: OneM2MClient | undefined;
let baseline = activeResources();
afterEach(async () => {
  await client?.close();
  client = undefined;
  await server?.close();
  server = undefined;
});

async function setup(options: Partial<ClientOptions> = {}) {
  server = await startFaultServer();
  baseline = activeResources();
  unhandled.reset();
  client = createClient({ url: server.url, originator: 'Creentrant', requestTimeout: 2000, ...options });
  return { server, client };
}

async function leakFree(): Promise<void> {
  await client!.close();
  const left = await settleResources(baseline);
  expect(left.sockets).toBeLessThanOrEqual(baseline.sockets);
  expect(left.timers).toBeLessThanOrEqual(baseline.timers);
  await new Promise((resolve) => setTimeout(resolve, 20));
  expect(unhandled.reasons).toEqual([]);
  survived++;
}

describe('client re-entrancy under faults (real sockets)', () => {
  it('close() from an error listener while a garbage frame is being handled', async () => {
    const { server, client } = await setup();
    const closing: Promise<void>[] = [];
    client.on('error', () => void closing.push(client.close()));
    server.script = (_req, conn) => conn.frame(1, '{"rsc": 20');
    const [outcome] = await Promise.allSettled([client.retrieve('-/x')]);
    expect((outcome as PromiseRejectedResult).reason).toBeInstanceOf(ConnectionError);
    expect(((outcome as PromiseRejectedResult).reason as ConnectionError).code).toBe('CLIENT_CLOSED');
    await Promise.all(closing);
    expect(client.state).toBe('closed');
    await leakFree();
  });

  it('a request sent from a close listener after a drop goes out on a new connection', async () => {
    const { server, client } = await setup();
    server.script = (_req, conn) => conn.destroy();
    const fromListener: Promise<unknown>[] = [];
    const off = client.on('close', () => {
      off();
      fromListener.push(client.retrieve('-/from-close-listener'));
    });
    const [first] = await Promise.allSettled([client.retrieve('-/x')]);
    expect((first as PromiseRejectedResult).reason).toBeInstanceOf(ConnectionError);
    server.script = answerOk;
    expect(fromListener).toHaveLength(1);
    await expect(fromListener[0]).resolves.toMatchObject({ rsc: 2000 });
    expect(server.connectionsAccepted).toBe(2);
    await leakFree();
  });

  it('close() from a notification listener: the answer is skipped, nothing throws', async () => {
    const { server, client } = await setup();
    let push: (() => void) | undefined;
    server.script = (req, conn) => {
      push = () =>
        conn.send({
          op: 5,
          to: 'Creentrant',
          fr: '/id-in',
          rqi: 'n1',
          rvi: '3',
          pc: { 'm2m:sgn': { sur: 's', nev: { net: 3, rep: { 'm2m:cin': { con: 'x' } } } } },
        });
      conn.answer(req);
    };
    await client.retrieve('-/open');
    const seen = new Promise<void>((resolve) =>
      client.on('notification', async () => {
        await client.close();
        resolve();
      }),
    );
    push!();
    await seen;
    expect(client.state).toBe('closed');
    await leakFree();
  });

  it('close() called from an open listener while requests are queued rejects them, once each', async () => {
    const { client } = await setup();
    client.on('open', () => void client.close());
    const settled = await Promise.allSettled([
      client.retrieve('-/a'),
      client.retrieve('-/b'),
      client.connect(),
    ]);
    for (const s of settled) {
      expect(s.status).toBe('rejected');
      expect((s as PromiseRejectedResult).reason).toBeInstanceOf(ConnectionError);
    }
    await leakFree();
  });

  it('a retrieve with retryOnReconnect survives two drops and is answered once', async () => {
    const { server, client } = await setup();
    let drops = 0;
    server.script = (req, conn) => {
      if (drops++ < 2) conn.destroy();
      else conn.answer(req, 2000, { 'm2m:cnt': { rn: 'third-time' } });
    };
    const result = await client.retrieve('-/x', { retryOnReconnect: true });
    expect(result.content).toMatchObject({ rn: 'third-time' });
    expect(server.requests.filter((r) => r.to === '-/x')).toHaveLength(3);
    await leakFree();
  });

  it('maxInFlight 1: requests queued behind a stalled one time out or go out in order, none is lost', async () => {
    const { server, client } = await setup({ maxInFlight: 1 });
    server.script = (req, conn) => {
      if (req.to !== '-/stall') conn.answer(req);
    };
    const stalled = client.retrieve('-/stall', { timeout: 150 });
    const behind = Array.from({ length: 10 }, (_, i) => client.retrieve(`-/after-${i}`, { timeout: 2000 }));
    const [stallOutcome] = await Promise.allSettled([stalled]);
    expect((stallOutcome as PromiseRejectedResult).reason).toBeInstanceOf(TimeoutError);
    const results = await Promise.all(behind);
    expect(results.every((r) => r.rsc === 2000)).toBe(true);
    expect(server.requests.map((r) => r.to)).toEqual([
      '-/stall',
      ...Array.from({ length: 10 }, (_, i) => `-/after-${i}`),
    ]);
    expect(client.inFlightRequests).toBe(0);
    await leakFree();
  });
});
