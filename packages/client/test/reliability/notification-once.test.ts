import { startCse } from '@onem2m-ws/cse';
import { afterEach, describe, expect, it } from 'vitest';
import { startTcpRelay, type TcpRelay } from '../../../../test-support/tcp-relay.mjs';
import { createClient, type NotificationEvent, type OneM2MClient } from '../../src/index.js';

/**
 * "Every notification accepted by the CSE reaches the listener exactly once": a connection cut
 * after the listener ran but before the CSE got the answer makes the CSE store the notification
 * and deliver it again on reconnect (it cannot know it arrived). The client must recognise the
 * redelivery and answer it without running the listeners a second time.
 */

type Cse = Awaited<ReturnType<typeof startCse>>;
let cse: Cse | undefined;
let relay: TcpRelay | undefined;
const clients: OneM2MClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) await c.close();
  await relay?.close();
  relay = undefined;
  await cse?.close();
  cse = undefined;
});

describe('notifications redelivered after a cut reach the listener once', () => {
  it('a stored notification resent on reconnect (same request) is answered but not emitted twice', async () => {
    cse = await startCse({ port: 0, pingIntervalMs: 0 });
    relay = await startTcpRelay(cse.url);
    const publisher = createClient({ url: cse.url });
    const subscriber = createClient({ url: relay.url, reconnect: { initialDelay: 50, maxDelay: 200 } });
    clients.push(publisher, subscriber);
    await publisher.register({ rn: 'pub', api: 'Npub', rr: true, srv: ['3'] }, { to: 'cse-in' });
    const { aei } = await subscriber.register(
      { rn: 'sub', api: 'Nsub', rr: true, srv: ['3'] },
      { to: 'cse-in' },
    );
    await publisher.create('cse-in/pub', { 'm2m:cnt': { rn: 'data' } });
    await publisher.create('cse-in/pub/data', { 'm2m:sub': { rn: 's', nu: [aei], enc: { net: [3] } } });

    const seen: string[] = [];
    let cut = false;
    subscriber.on('notification', (event: NotificationEvent) => {
      if (event.kind !== 'event') return;
      seen.push(String((event.representation?.['m2m:cin'] as { ri?: string } | undefined)?.ri));
      // The listener ran; the connection dies before the client's answer reaches the CSE.
      if (!cut) {
        cut = true;
        relay!.cutAll();
      }
    });
    const reopened = new Promise<void>((resolve) => subscriber.on('open', (e) => e.reconnected && resolve()));
    const first = await publisher.create('cse-in/pub/data', { 'm2m:cin': { con: 'once' } });
    await reopened;
    // A second notification proves the reconnected subscriber receives (and flushes the store first).
    const second = await publisher.create('cse-in/pub/data', { 'm2m:cin': { con: 'twice?' } });
    const until = Date.now() + 5000;
    while (!seen.includes(String(second.content?.ri)) && Date.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(seen).toEqual([first.content?.ri, second.content?.ri]);
  });
});

describe('redelivery detection keys on rqi and content', () => {
  it('the same notify twice is emitted once (the repeat is answered from memory); a reused rqi with new content is emitted', async () => {
    const { startFaultServer } = await import('../helpers/fault-server.js');
    const server = await startFaultServer();
    const client = createClient({ url: server.url, originator: 'Conce' });
    clients.push(client);
    const answers: unknown[] = [];
    let push: ((pc: Record<string, unknown>) => void) | undefined;
    server.script = (req, conn) => {
      push = (pc) => conn.send({ op: 5, to: 'Conce', fr: '/id-in', rqi: 'same-rqi', rvi: '3', pc });
      conn.answer(req);
    };
    const seen: unknown[] = [];
    client.on('notification', (event) => void seen.push(event.representation));
    client.on('debug', (d) => {
      if (d.message.startsWith('notification delivered again')) answers.push(d);
    });
    try {
      await client.retrieve('-/open');
      const sgn = (con: string) => ({
        'm2m:sgn': { sur: 's', nev: { net: 3, rep: { 'm2m:cin': { con } } } },
      });
      push!(sgn('a'));
      push!(sgn('a'));
      push!(sgn('b'));
      const until = Date.now() + 3000;
      while (seen.length < 2 && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 10));
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(seen).toEqual([{ 'm2m:cin': { con: 'a' } }, { 'm2m:cin': { con: 'b' } }]);
      expect(answers).toHaveLength(1);
    } finally {
      await client.close();
      await server.close();
    }
  });
});
