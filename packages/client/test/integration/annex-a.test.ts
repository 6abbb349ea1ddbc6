import { afterEach, describe, expect, it } from 'vitest';
import {
  ConnectionError,
  createClient,
  createWebSocketAdapter,
  HandshakeError,
  MemoryAeIdStore,
  type NotificationEvent,
  type OneM2MClient,
  OriginatorBindingError,
} from '../../src/index.js';
import { type AnnexAServer, startAnnexAServer } from '../helpers/annex-a-server.js';

let server: AnnexAServer | undefined;
let client: OneM2MClient | undefined;

afterEach(async () => {
  await client?.close();
  await server?.close();
  client = undefined;
  server = undefined;
});

describe('TS-0020 Annex A flow over a real socket (default isomorphic-ws adapter)', () => {
  it('registers, creates a container, subscribes and answers the pushed notification with rvi', async () => {
    server = await startAnnexAServer();
    client = createClient({ url: server.url, requestTimeout: 5000 });
    const reg = await client.register({ api: 'Nmyapp', rn: 'SmartHomeApplication' });
    expect(reg.aei).toMatch(/^C\d+auto$/);
    // Registration assigned the AE-ID on a header-less connection: the client rebinds.
    expect(server.handshakes.map((h) => h.origin)).toEqual([undefined, reg.aei]);
    const cnt = await client.create('-/SmartHomeApplication', {
      'm2m:cnt': { rn: 'SmartHomeContainer', mni: 500 },
    });
    expect(cnt.rsc).toBe(2001);
    expect(cnt.content).toMatchObject({ rn: 'SmartHomeContainer', mni: 500 });

    const notified = new Promise<NotificationEvent>((resolve) => {
      client!.on('notification', (n) => resolve(n));
    });
    const sub = await client.subscribe('-/SmartHomeApplication/SmartHomeContainer', { rn: 'sub', net: [3] });
    const n = await notified;
    expect(n.subscriptionReference).toBe(`/id-in/${sub.id}`);
    expect(n.representation).toEqual({ 'm2m:cin': { con: 'hello' } });
    const reply = await server.nextResponse();
    expect(reply).toEqual({ rsc: 2000, rqi: n.request.rqi, rvi: '5', to: '/id-in', fr: reg.aei });
    for (const { request } of server.requests) expect(typeof request.rvi).toBe('string');
    expect(server.handshakes[0]!.protocols).toEqual(['oneM2M.json', 'oneM2M.R2.0.json']);
  });

  it('reports a refused handshake as HandshakeError with the HTTP status', async () => {
    server = await startAnnexAServer({ refuseStatus: 401 });
    client = createClient({ url: server.url });
    const error = await client.connect().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HandshakeError);
    expect(error).toMatchObject({ status: 401 });
  });

  it('reports a server that accepts none of the offered subprotocols as HandshakeError', async () => {
    server = await startAnnexAServer({ protocols: ['oneM2M.cbor'] });
    client = createClient({ url: server.url });
    await expect(client.connect()).rejects.toBeInstanceOf(HandshakeError);
  });

  it('fails with OriginatorBindingError when the adapter cannot send headers (browser case, ACME server)', async () => {
    server = await startAnnexAServer({ bindOriginator: true });
    client = createClient({
      url: server.url,
      webSocket: createWebSocketAdapter({ handshakeHeaders: false }),
    });
    await client.register({ api: 'Nmyapp', rn: 'ae' });
    await expect(client.create('-/ae', { 'm2m:cnt': { rn: 'c' } })).rejects.toBeInstanceOf(
      OriginatorBindingError,
    );
  });

  it('works against an originator-binding server with a header-capable adapter', async () => {
    server = await startAnnexAServer({ bindOriginator: true });
    client = createClient({ url: server.url });
    const reg = await client.register({ api: 'Nmyapp', rn: 'ae' });
    const cnt = await client.create('-/ae', { 'm2m:cnt': { rn: 'c' } });
    expect(cnt.rsc).toBe(2001);
    expect(server.requests.at(-1)).toMatchObject({ origin: reg.aei, request: { fr: reg.aei } });
  });
});

describe('faults on a real socket', () => {
  it('a dropped connection rejects in-flight requests; a retried retrieve and later requests succeed', async () => {
    let dropped = false;
    server = await startAnnexAServer({
      dropOn: (r) => {
        if (r.op !== 1 || r.ty !== 3 || dropped) return false;
        dropped = true;
        return true;
      },
    });
    client = createClient({ url: server.url, originator: 'Cfixed', requestTimeout: 5000 });
    await client.register({ api: 'Nx', rn: 'ae' });
    const create = client.create('-/ae', { 'm2m:cnt': { rn: 'c' } });
    const error = await create.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({ mayHaveBeenProcessed: true });
    const again = await client.retrieve('Cfixed', { retryOnReconnect: true });
    expect(again.rsc).toBe(2000);
    // Registered once; the create was not re-sent.
    expect(server.requests.filter((r) => r.request.ty === 2)).toHaveLength(1);
    expect(server.requests.filter((r) => r.request.ty === 3)).toHaveLength(1);
  });

  it('server stopped and restarted: queued requests delivered exactly once, no second registration', async () => {
    server = await startAnnexAServer();
    const port = server.port;
    const store = new MemoryAeIdStore();
    client = createClient({
      url: server.url,
      aeIdStore: store,
      reconnect: { initialDelay: 10, maxDelay: 50, jitter: 0.2 },
      requestTimeout: 10_000,
    });
    const opens: number[] = [];
    client.on('open', (o) => {
      opens.push(o.attempt);
    });
    const reg = await client.register({ api: 'Nx', rn: 'ae' });
    const oldRequests = server.requests.length;
    const closed = new Promise<void>((resolve) => {
      client!.on('close', () => resolve());
    });
    await server.close();
    // Requests issued before the client noticed the drop would be in flight and rejected;
    // these are issued while it knows it is offline, so they are queued.
    await closed;
    const restarted = new Promise<void>((resolve) => {
      client!.on('reconnecting', async (r) => {
        if (r.attempt === 2) {
          server = await startAnnexAServer({ port });
          resolve();
        }
      });
    });
    const queued = [
      client.create('-/ae', { 'm2m:cnt': { rn: 'a' } }),
      client.create('-/ae', { 'm2m:cnt': { rn: 'b' } }),
    ];
    await restarted;
    const results = await Promise.all(queued);
    expect(results.map((r) => r.rsc)).toEqual([2001, 2001]);
    expect(oldRequests).toBe(1);
    const after = server!.requests;
    expect(after.map((r) => r.request.pc?.['m2m:cnt']?.rn)).toEqual(['a', 'b']);
    expect(after.every((r) => r.request.fr === reg.aei && r.origin === reg.aei)).toBe(true);
    expect(opens.at(-1)).toBeGreaterThanOrEqual(2);
  });
});
