import { afterEach, describe, expect, it } from 'vitest';
import { watchUnhandledRejections } from '../../../../test-support/unhandled-rejections.js';
import { ConnectionError, createClient, HandshakeError, TimeoutError } from '../../src/index.js';
import { answerOk, type FaultServer, startFaultServer, type UpgradeMode } from '../helpers/fault-server.js';
import { activeResources, settleResources } from './leak-check.js';

/**
 * Faults during the opening handshake, over real sockets: a server that never answers the
 * upgrade, answers it with a wrong accept key or without a subprotocol, or cuts TCP halfway
 * through the 101 response. `connect()` and every queued request settle with a typed error, and
 * once the server behaves the same client connects.
 */

const unhandled = watchUnhandledRejections(
  () => `[reliability] client handshake fault scenarios survived: ${survived}`,
);
let survived = 0;

let server: FaultServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const refusals: [UpgradeMode, string][] = [
  ['bad-accept', 'a wrong Sec-WebSocket-Accept'],
  ['no-protocol', 'no Sec-WebSocket-Protocol'],
  ['cut', 'TCP cut halfway through the 101 response'],
];

describe('client under handshake faults (real sockets)', () => {
  for (const [mode, what] of refusals) {
    it(`${what}: connect() and queued requests reject with HandshakeError, then the client recovers`, async () => {
      server = await startFaultServer();
      const baseline = activeResources();
      unhandled.reset();
      server.upgrade = mode;
      const client = createClient({ url: server.url, originator: 'Chs', requestTimeout: 5000 });
      client.on('error', () => {});
      const settled = await Promise.allSettled([
        client.connect(),
        client.retrieve('-/x'),
        client.retrieve('-/y'),
      ]);
      for (const s of settled) expect((s as PromiseRejectedResult).reason).toBeInstanceOf(HandshakeError);
      expect(client.queuedRequests).toBe(0);
      server.upgrade = 'normal';
      server.script = answerOk;
      await expect(client.retrieve('-/z')).resolves.toMatchObject({ rsc: 2000 });
      await client.close();
      const left = await settleResources(baseline);
      expect(left.sockets).toBeLessThanOrEqual(baseline.sockets);
      expect(left.timers).toBeLessThanOrEqual(baseline.timers);
      expect(unhandled.reasons).toEqual([]);
      survived++;
    });
  }

  it('a server that never answers the upgrade: requests time out unsent, close() settles connect()', async () => {
    server = await startFaultServer();
    const baseline = activeResources();
    unhandled.reset();
    server.upgrade = 'stall';
    const client = createClient({ url: server.url, originator: 'Chs', requestTimeout: 200 });
    client.on('error', () => {});
    const connecting = client.connect();
    const [request] = await Promise.allSettled([client.retrieve('-/x')]);
    const timeout = (request as PromiseRejectedResult).reason as TimeoutError;
    expect(timeout).toBeInstanceOf(TimeoutError);
    expect(timeout.unsent).toBe(true);
    const connectOutcome = Promise.allSettled([connecting]);
    await client.close();
    const [connected] = await connectOutcome;
    expect((connected as PromiseRejectedResult).reason).toBeInstanceOf(ConnectionError);
    const left = await settleResources(baseline);
    expect(left.sockets).toBeLessThanOrEqual(baseline.sockets);
    expect(left.timers).toBeLessThanOrEqual(baseline.timers);
    expect(unhandled.reasons).toEqual([]);
    survived++;
  });
});
