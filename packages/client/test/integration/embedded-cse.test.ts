import { startCse } from '@onem2m-ws/cse';
import { cborCodec, jsonCodec } from '@onem2m-ws/protocol';
import { xmlCodec } from '@onem2m-ws/protocol/xml';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createClient,
  MemoryAeIdStore,
  type NotificationEvent,
  type OneM2MClient,
  ResponseError,
} from '../../src/index.js';

type Cse = Awaited<ReturnType<typeof startCse>>;
let cse: Cse | undefined;
const clients: OneM2MClient[] = [];

afterEach(async () => {
  for (const c of clients.splice(0)) await c.close();
  await cse?.close();
  cse = undefined;
});

function client(options: Partial<Parameters<typeof createClient>[0]> = {}): OneM2MClient {
  const c = createClient({ url: cse!.url, requestTimeout: 5000, ...options });
  clients.push(c);
  return c;
}

describe('against the embedded CSE', () => {
  it('registers, creates a container and content instance, and receives the subscription notification', async () => {
    cse = await startCse({ port: 0 });
    const ae = client();
    const reg = await ae.register({ api: 'Nmyapp', rn: 'myAE', poa: ['ws://default'] }, { to: cse.cseName });
    expect(reg.aei).toBeTruthy();
    expect(ae.originator).toBe(reg.aei);
    const base = `${cse.cseName}/myAE`;
    await ae.create(base, { 'm2m:cnt': { rn: 'temp', mni: 10 } });
    const sub = await ae.subscribe(`${base}/temp`, { rn: 'sub', net: [3] });
    const received = new Promise<NotificationEvent>((resolve) => {
      sub.on('notification', (n) => resolve(n));
    });
    await ae.create(`${base}/temp`, { 'm2m:cin': { cnf: 'text/plain:0', con: '21.5' } });
    const n = await received;
    expect(n.kind).toBe('event');
    expect(n.representation?.['m2m:cin']).toMatchObject({ con: '21.5' });

    const latest = await ae.retrieve<{ con: string }>(`${base}/temp/la`);
    expect(latest.content?.con).toBe('21.5');
    const found = await ae.discover(base, { ty: [4] });
    expect(found.uris).toHaveLength(1);
    await sub.unsubscribe();
    await ae.deregister();
    await expect(ae.retrieve(base, { fr: reg.aei })).rejects.toBeInstanceOf(ResponseError);
  });

  it('negotiates CBOR when the CSE picks it and round-trips primitives in binary frames', async () => {
    // Like ACME, the CSE's own preference order decides.
    cse = await startCse({ port: 0, serializations: ['cbor', 'json'] });
    const ae = client({ serializations: ['cbor', 'json'], codecs: [cborCodec, jsonCodec] });
    await ae.register({ api: 'Ncbor', rn: 'cborAE' }, { to: cse.cseName });
    expect(ae.protocol.toLowerCase()).toContain('cbor');
    const cnt = await ae.create(`${cse.cseName}/cborAE`, { 'm2m:cnt': { rn: 'c', mni: 3 } });
    expect(cnt.content).toMatchObject({ rn: 'c', mni: 3 });
  });

  it('speaks XML when that is the only serialization offered', async () => {
    cse = await startCse({ port: 0 });
    const ae = client({ serializations: ['xml'], codecs: [xmlCodec] });
    await ae.register({ api: 'Nxml', rn: 'xmlAE' }, { to: cse.cseName });
    expect(ae.protocol.toLowerCase()).toContain('xml');
    const cnt = await ae.create(`${cse.cseName}/xmlAE`, { 'm2m:cnt': { rn: 'c', mni: 3 } });
    expect(cnt.content).toMatchObject({ rn: 'c', mni: 3 });
    const found = await ae.discover(`${cse.cseName}/xmlAE`, { ty: [3] });
    expect(found.uris).toHaveLength(1);
  });

  it('maps a CSE error to ResponseError with rsc and name', async () => {
    cse = await startCse({ port: 0 });
    const ae = client();
    await ae.register({ api: 'Nerr', rn: 'errAE' }, { to: cse.cseName });
    const error = await ae.retrieve(`${cse.cseName}/errAE/missing`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error).toMatchObject({ rsc: 4004, statusName: 'NOT_FOUND' });
  });
});

describe('AE-ID persistence against the embedded CSE', () => {
  it('a restarted AE reuses its stored AE-ID; after deregistration it registers afresh', async () => {
    cse = await startCse({ port: 0 });
    const store = new MemoryAeIdStore();
    const first = client({ aeIdStore: store });
    const a = await first.register({ api: 'Nkeep', rn: 'keepAE' }, { to: cse.cseName });
    expect(a.reused).toBe(false);
    await first.close();

    const second = client({ aeIdStore: store });
    const b = await second.register({ api: 'Nkeep', rn: 'keepAE' }, { to: cse.cseName });
    expect(b).toMatchObject({ reused: true, aei: a.aei });
    await second.create(`${cse.cseName}/keepAE`, { 'm2m:cnt': { rn: 'c' } });
    await second.deregister();
    expect(await store.get(`${cse.url}#keepAE`)).toBeUndefined();

    // The CSE forgot the AE: a stale stored ID leads to a fresh registration.
    await store.set(`${cse.url}#keepAE`, a.aei);
    const third = client({ aeIdStore: store });
    const c = await third.register({ api: 'Nkeep', rn: 'keepAE' }, { to: cse.cseName });
    expect(c.reused).toBe(false);
    expect(await store.get(`${cse.url}#keepAE`)).toBe(c.aei);
  });
});

describe('embedded CSE stopped and restarted mid-run', () => {
  it('delivers queued requests exactly once, does not register again, and notifications resume', async () => {
    // The CSE keeps its resource tree in memory; to restart "the same" CSE the test keeps one
    // engine across both server instances and counts the requests it handles.
    const { createEngine } = await import('../../../cse/src/engine/index.js');
    type EngineOptions = Parameters<typeof createEngine>[0];
    let currentSink: EngineOptions['sink'] | undefined;
    let engine: ReturnType<typeof createEngine> | undefined;
    const handled: { op: number; ty?: number }[] = [];
    const engineFactory = (options: EngineOptions) => {
      currentSink = options.sink;
      engine ??= createEngine({ ...options, sink: { deliver: (...args) => currentSink!.deliver(...args) } });
      const real = engine;
      return {
        handle: (request: Parameters<typeof real.handle>[0], context: Parameters<typeof real.handle>[1]) => {
          handled.push({ op: request.op, ...(request.ty !== undefined ? { ty: request.ty } : {}) });
          return real.handle(request, context);
        },
        isRegistered: (originator: string) => real.isRegistered(originator),
        close: () => {},
      };
    };
    try {
      cse = await startCse({ port: 0, engineFactory });
      const port = cse.port;
      const ae = client({ reconnect: { initialDelay: 20, maxDelay: 100 }, requestTimeout: 10_000 });
      const reg = await ae.register(
        { api: 'Nrestart', rn: 'rAE', poa: ['ws://default'] },
        { to: cse.cseName },
      );
      const base = `${cse.cseName}/rAE`;
      await ae.create(base, { 'm2m:cnt': { rn: 'data' } });
      const sub = await ae.subscribe(`${base}/data`, { rn: 'sub', net: [3] });
      const notes: string[] = [];
      const twoNotes = new Promise<void>((resolve) => {
        sub.on('notification', (n) => {
          notes.push(String((n.representation?.['m2m:cin'] as { con?: string } | undefined)?.con));
          if (notes.length === 2) resolve();
        });
      });

      const closed = new Promise<void>((resolve) => {
        ae.on('close', () => resolve());
      });
      await cse.close();
      await closed;
      const queued = [
        ae.create(`${base}/data`, { 'm2m:cin': { con: 'one' } }),
        ae.create(`${base}/data`, { 'm2m:cin': { con: 'two' } }),
      ];
      expect(ae.queuedRequests).toBe(2);
      cse = await startCse({ port, engineFactory });
      const results = await Promise.all(queued);
      expect(results.map((r) => r.rsc)).toEqual([2001, 2001]);
      await twoNotes;
      expect(notes.sort()).toEqual(['one', 'two']);
      const container = await ae.retrieve<{ cni: number }>(`${base}/data`);
      expect(container.content?.cni).toBe(2);
      expect(handled.filter((h) => h.op === 1 && h.ty === 2)).toHaveLength(1);
      expect(handled.filter((h) => h.op === 1 && h.ty === 4)).toHaveLength(2);
      expect(ae.originator).toBe(reg.aei);
    } finally {
      engine?.close();
    }
  });
});
