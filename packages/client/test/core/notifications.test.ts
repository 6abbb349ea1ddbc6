import { describe, expect, it } from 'vitest';
import type { NotificationEvent } from '../../src/index.js';
import { answer, memoryClient, nextRequest, nextResponse } from '../helpers/memory.js';

const event = (rqi: string, sgn: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  op: 5,
  to: 'Cabc',
  fr: '/id-in',
  rqi,
  rvi: '5',
  pc: { 'm2m:sgn': sgn },
  ...extra,
});

async function connected(options: Parameters<typeof memoryClient>[0] = {}) {
  const setup = memoryClient({ originator: 'Cabc', ...options });
  await setup.client.connect();
  const conn = await setup.server.nextConnection();
  return { ...setup, conn };
}

describe('incoming notifications', () => {
  it('emits the typed m2m:sgn and answers 2000 echoing rqi and rvi, to = request fr, fr = own id', async () => {
    const { client, conn } = await connected();
    const seen: NotificationEvent[] = [];
    client.on('notification', (n) => {
      seen.push(n);
    });
    conn.sendJson(event('n1', { sur: '/id-in/sub1', nev: { net: 3, rep: { 'm2m:cin': { con: '21' } } } }));
    const reply = await nextResponse(conn);
    expect(reply).toEqual({ rsc: 2000, rqi: 'n1', rvi: '5', to: '/id-in', fr: 'Cabc' });
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({
      kind: 'event',
      subscriptionReference: '/id-in/sub1',
      batchIndex: 0,
      batchSize: 1,
    });
    expect(seen[0]!.representation).toEqual({ 'm2m:cin': { con: '21' } });
    await client.close();
  });

  it('uses the configured rvi when the notification has none (and Mobius-style rvi inside m2m:sgn)', async () => {
    const { client, conn } = await connected({ releaseVersion: '4' });
    conn.sendJson({ op: 5, to: 'Cabc', fr: '/id-in', rqi: 'n2', pc: { 'm2m:sgn': { sur: 's' } } });
    expect(await nextResponse(conn)).toMatchObject({ rsc: 2000, rqi: 'n2', rvi: '4' });
    conn.sendJson({ op: 5, to: 'Cabc', rqi: 'n3', pc: { 'm2m:sgn': { sur: 's', rvi: '2a' } } });
    const reply = await nextResponse(conn);
    expect(reply).toMatchObject({ rsc: 2000, rqi: 'n3', rvi: '2a' });
    expect(reply.to).toBeUndefined();
    await client.close();
  });

  it('answers after async listeners finished, with the status a listener chose', async () => {
    const { client, conn } = await connected();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let listenerDone = false;
    client.on('notification', async (n) => {
      await gate;
      n.respond(4000);
      listenerDone = true;
    });
    conn.sendJson(event('n4', { sur: 's' }));
    // Give the client every chance to answer early: a round trip of another request.
    const p = client.retrieve('-/x');
    answer(conn, await nextRequest(conn), 2000);
    await p;
    expect(conn.received.filter((m) => typeof m === 'string' && m.includes('"n4"'))).toHaveLength(0);
    release();
    const reply = await nextResponse(conn);
    expect(listenerDone).toBe(true);
    expect(reply).toMatchObject({ rsc: 4000, rqi: 'n4' });
    await client.close();
  });

  it('turns a batch (m2m:agn) into one event per notification and one answer', async () => {
    const { client, conn } = await connected();
    const seen: NotificationEvent[] = [];
    client.on('notification', (n) => {
      seen.push(n);
    });
    conn.sendJson({
      op: 5,
      to: 'Cabc',
      fr: '/id-in',
      rqi: 'b1',
      rvi: '3',
      pc: {
        'm2m:agn': {
          'm2m:sgn': [
            { sur: 's', nev: { net: 3 } },
            { sur: 's', nev: { net: 1 } },
            { sur: 's', nev: { net: 4 } },
          ],
        },
      },
    });
    const reply = await nextResponse(conn);
    expect(reply).toMatchObject({ rsc: 2000, rqi: 'b1', rvi: '3' });
    expect(seen.map((n) => [n.batchIndex, n.batchSize, n.notification.nev?.net])).toEqual([
      [0, 3, 3],
      [1, 3, 1],
      [2, 3, 4],
    ]);
    // Exactly one answer for the batch.
    const p = client.retrieve('-/x');
    const q = await nextRequest(conn);
    expect(q.op).toBe(2);
    answer(conn, q, 2000);
    await p;
    await client.close();
  });

  it('accepts verification requests by default and refuses them with the option', async () => {
    const accept = await connected();
    const kinds: string[] = [];
    accept.client.on('notification', (n) => {
      kinds.push(n.kind);
    });
    accept.conn.sendJson(event('v1', { vrq: true, sur: '/id-in/sub9', cr: 'Cother' }));
    expect(await nextResponse(accept.conn)).toMatchObject({ rsc: 2000, rqi: 'v1' });
    expect(kinds).toEqual(['verification']);
    await accept.client.close();

    const refuse = await connected({ acceptVerificationRequests: false });
    refuse.conn.sendJson(event('v2', { vrq: true, sur: '/id-in/sub9', cr: 'Cother' }));
    expect(await nextResponse(refuse.conn)).toMatchObject({ rsc: 4101, rqi: 'v2' });
    await refuse.client.close();
  });

  it('answers other CSE requests 4005 unless a request listener responds', async () => {
    const { client, conn } = await connected();
    conn.sendJson({ op: 2, to: 'Cabc', fr: '/id-in', rqi: 'r1', rvi: '3' });
    expect(await nextResponse(conn)).toMatchObject({ rsc: 4005, rqi: 'r1', rvi: '3' });
    const off = client.on('request', (r) => {
      r.respond(2000, { 'm2m:ae': { rn: 'me' } });
    });
    conn.sendJson({ op: 2, to: 'Cabc', fr: '/id-in', rqi: 'r2', rvi: '3' });
    expect(await nextResponse(conn)).toMatchObject({ rsc: 2000, rqi: 'r2', pc: { 'm2m:ae': { rn: 'me' } } });
    off();
    conn.sendJson({
      op: 5,
      to: 'Cabc',
      fr: '/id-in',
      rqi: 'r3',
      rvi: '3',
      pc: { 'm2m:xyz': { unknown: true } },
    });
    expect(await nextResponse(conn)).toMatchObject({ rsc: 4005, rqi: 'r3' });
    await client.close();
  });

  it('delivers the result of a non-blocking asynchronous request (m2m:rsp) as a result notification', async () => {
    const { client, conn } = await connected();
    const seen: NotificationEvent[] = [];
    client.on('notification', (n) => {
      seen.push(n);
    });
    conn.sendJson({
      op: 5,
      to: 'Cabc',
      fr: '/id-in',
      rqi: 'a1',
      rvi: '3',
      pc: { 'm2m:rsp': { rsc: 2001, rqi: 'orig-1', rvi: '3', pc: { 'm2m:cnt': { rn: 'late' } } } },
    });
    expect(await nextResponse(conn)).toMatchObject({ rsc: 2000, rqi: 'a1', rvi: '3' });
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ kind: 'result', result: { rsc: 2001, rqi: 'orig-1' } });
    await client.close();
  });

  it('reports a throwing listener as an error event and still answers', async () => {
    const { client, conn } = await connected();
    const errors: unknown[] = [];
    client.on('error', (e) => {
      errors.push(e);
    });
    client.on('notification', () => {
      throw new Error('listener bug');
    });
    conn.sendJson(event('n9', { sur: 's' }));
    expect(await nextResponse(conn)).toMatchObject({ rsc: 2000, rqi: 'n9' });
    expect(errors).toHaveLength(1);
    expect((errors[0] as Error).message).toBe('listener bug');
    await client.close();
  });
});

describe('subscriptions', () => {
  it('creates <sub> with nu = [originator], routes notifications by sur, iterates, and ends on sud', async () => {
    const { client, conn } = await connected();
    const subscribing = client.subscribe('-/myAE/temp', { rn: 'sub1', net: [3], nct: 1 });
    const req = await nextRequest(conn);
    expect(req).toMatchObject({
      op: 1,
      ty: 23,
      to: '-/myAE/temp',
      pc: { 'm2m:sub': { rn: 'sub1', nu: ['Cabc'], enc: { net: [3] }, nct: 1 } },
    });
    answer(conn, req, 2001, { 'm2m:sub': { rn: 'sub1', ri: 'sub123', nu: ['Cabc'] } });
    const sub = await subscribing;
    expect(sub.id).toBe('sub123');

    const viaListener: unknown[] = [];
    sub.on('notification', (n) => {
      viaListener.push(n.notification.nev?.rep);
    });
    const ends: string[] = [];
    sub.on('end', (e) => {
      ends.push(e.reason);
    });
    conn.sendJson(event('n1', { sur: '/id-in/sub123', nev: { net: 3, rep: { 'm2m:cin': { con: '1' } } } }));
    conn.sendJson(event('n2', { sur: '/id-in/other', nev: { net: 3, rep: { 'm2m:cin': { con: 'x' } } } }));
    conn.sendJson(event('n3', { sur: 'sub123', nev: { net: 3, rep: { 'm2m:cin': { con: '2' } } } }));
    conn.sendJson(event('n4', { sur: '/id-in/sub123', sud: true }));
    const iterated: unknown[] = [];
    for await (const n of sub) iterated.push(n.kind === 'deletion' ? 'deleted' : n.notification.nev?.rep);
    expect(iterated).toEqual([{ 'm2m:cin': { con: '1' } }, { 'm2m:cin': { con: '2' } }, 'deleted']);
    expect(viaListener).toEqual([{ 'm2m:cin': { con: '1' } }, { 'm2m:cin': { con: '2' } }, undefined]);
    expect(sub.ended).toBe(true);
    expect(ends).toEqual(['deleted']);
    const replies = [];
    for (let i = 0; i < 4; i++) replies.push(await nextResponse(conn));
    expect(replies.map((r) => [r.rqi, r.rsc]).sort()).toEqual([
      ['n1', 2000],
      ['n2', 2000],
      ['n3', 2000],
      ['n4', 2000],
    ]);
    await client.close();
  });

  it('unsubscribe() deletes the <sub> and ends iteration', async () => {
    const { client, conn } = await connected();
    const subscribing = client.subscribe('-/myAE/temp');
    const req = await nextRequest(conn);
    expect(req.pc).toEqual({ 'm2m:sub': { nu: ['Cabc'] } });
    answer(conn, req, 2001, { 'm2m:sub': { rn: 'auto', ri: 'sub7' } });
    const sub = await subscribing;
    const iteration = (async () => {
      const got: unknown[] = [];
      for await (const n of sub) got.push(n.subscriptionReference);
      return got;
    })();
    conn.sendJson(event('n1', { sur: 'sub7' }));
    expect(await nextResponse(conn)).toMatchObject({ rqi: 'n1' });
    const unsubscribing = sub.unsubscribe();
    const del = await nextRequest(conn);
    expect(del).toMatchObject({ op: 4, to: 'sub7', fr: 'Cabc' });
    answer(conn, del, 2002);
    await unsubscribing;
    expect(await iteration).toEqual(['sub7']);
    expect(sub.endReason).toBe('unsubscribed');
    await client.close();
  });

  it('needs an originator', async () => {
    const { client } = memoryClient();
    await expect(client.subscribe('-/x')).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await client.close();
  });
});
