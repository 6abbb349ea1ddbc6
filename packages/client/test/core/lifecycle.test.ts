import { describe, expect, it } from 'vitest';
import {
  type CloseEvent,
  ConnectionError,
  type OpenEvent,
  QueueFullError,
  type ReconnectingEvent,
  TimeoutError,
} from '../../src/index.js';
import type { MemoryHandshakeDecision } from '../../src/transports/memory-adapter.js';
import { answer, collect, memoryClient, nextRequest } from '../helpers/memory.js';

/** A handshake decision the test releases by hand. */
function heldHandshake() {
  let accept!: (decision: MemoryHandshakeDecision) => void;
  const decision = new Promise<MemoryHandshakeDecision>((resolve) => {
    accept = resolve;
  });
  return { decision, accept: () => accept({ protocol: 'oneM2M.json' }) };
}

describe('lazy reopen (TS-0020 5.2)', () => {
  it('reopens on the next request after the server closed, without registering again', async () => {
    const { client, server } = memoryClient({ originator: 'Cabc' });
    const closes = collect<CloseEvent>(client, 'close');
    const opens = collect<OpenEvent>(client, 'open');
    const p = client.retrieve('-/a');
    const first = await server.nextConnection();
    answer(first, await nextRequest(first), 2000);
    await p;
    first.close(1000, 'idle');
    await first.whenClosed();
    await Promise.resolve();
    expect(client.state).toBe('idle');
    expect(closes).toEqual([{ code: 1000, reason: 'idle', wasClean: true, willReconnect: false }]);
    const q = client.retrieve('-/b');
    const second = await server.nextConnection();
    const req = await nextRequest(second);
    expect(req).toMatchObject({ op: 2, to: '-/b', fr: 'Cabc' });
    answer(second, req, 2000);
    await q;
    expect(opens.map((o) => [o.attempt, o.reconnected])).toEqual([
      [0, false],
      [0, true],
    ]);
    await client.close();
  });
});

describe('lazy mode after a drop', () => {
  async function dropped(options: Parameters<typeof memoryClient>[0] = {}) {
    const setup = memoryClient({ originator: 'Cabc', ...options });
    await setup.client.connect();
    const first = await setup.server.nextConnection();
    first.drop();
    await first.whenClosed();
    await Promise.resolve();
    return setup;
  }

  it('retries a briefly unavailable CSE while requests wait, then sends them once', async () => {
    const { client, server } = await dropped();
    const reconnecting = collect<ReconnectingEvent>(client, 'reconnecting');
    let refusals = 0;
    server.handshake = (request) => (++refusals <= 2 ? { refuse: 503 } : { protocol: request.protocols[0]! });
    const p = client.retrieve('-/x');
    const conn = await server.nextConnection();
    const req = await nextRequest(conn);
    answer(conn, req, 2000);
    await p;
    expect(reconnecting.map((r) => r.attempt)).toEqual([1, 2]);
    expect(conn.received).toHaveLength(1);
    await client.close();
  });

  it('fails waiting requests at once on a definitive refusal (HTTP 4xx)', async () => {
    const { client, server } = await dropped();
    server.handshake = () => ({ refuse: 403 });
    await expect(client.retrieve('-/x')).rejects.toMatchObject({ name: 'HandshakeError', status: 403 });
    expect(server.handshakes).toHaveLength(2);
    await client.close();
  });

  it('stops retrying once every waiting request expired', async () => {
    const { client, server } = await dropped();
    server.handshake = () => ({ refuse: 503 });
    await expect(client.retrieve('-/x', { timeout: 30 })).rejects.toMatchObject({
      name: 'TimeoutError',
      unsent: true,
    });
    const count = server.handshakes.length;
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(server.handshakes.length).toBe(count);
    expect(client.state).toBe('idle');
    await client.close();
  });
});

describe('dropped connection', () => {
  it('rejects in-flight requests with ConnectionError (may have been processed) and never re-sends them', async () => {
    const { client, server } = memoryClient({ originator: 'Cabc' });
    const created = client.create('-/ae', { 'm2m:cin': { con: '1' } });
    const retrieved = client.retrieve('-/ae/x');
    const first = await server.nextConnection();
    await nextRequest(first);
    await nextRequest(first);
    first.drop();
    const [c, r] = await Promise.allSettled([created, retrieved]);
    for (const outcome of [c, r]) {
      expect(outcome.status).toBe('rejected');
      const error = (outcome as PromiseRejectedResult).reason;
      expect(error).toBeInstanceOf(ConnectionError);
      expect(error).toMatchObject({ code: 'CONNECTION_LOST', mayHaveBeenProcessed: true, closeCode: 1006 });
      expect((error as Error).message).toMatch(/may have been processed/);
    }
    const next = client.retrieve('-/ae/y');
    const second = await server.nextConnection();
    const req = await nextRequest(second);
    expect(req.to).toBe('-/ae/y');
    answer(second, req, 2000);
    await next;
    expect(second.received).toHaveLength(1);
    await client.close();
  });

  it('re-sends a retrieve whose caller opted into retry, once, on the new connection', async () => {
    const { client, server } = memoryClient({ originator: 'Cabc' });
    const retried = client.retrieve('-/ae/x', { retryOnReconnect: true });
    const plain = client.retrieve('-/ae/y');
    const first = await server.nextConnection();
    const original = await nextRequest(first);
    await nextRequest(first);
    first.drop();
    await expect(plain).rejects.toBeInstanceOf(ConnectionError);
    // The retry waits in the queue, so the client reopens at once (something is waiting).
    const second = await server.nextConnection();
    const again = await nextRequest(second);
    expect(again).toMatchObject({ op: 2, to: '-/ae/x', rqi: original.rqi });
    answer(second, again, 2000, { 'm2m:cnt': { rn: 'x' } });
    expect((await retried).content).toEqual({ rn: 'x' });
    expect(second.received).toHaveLength(1);
    await client.close();
  });
});

describe('offline queue', () => {
  it('queues requests while connecting and sends each exactly once after the handshake', async () => {
    const { client, server } = memoryClient({ originator: 'Cabc' });
    const held = heldHandshake();
    server.handshake = () => held.decision;
    const results = [client.retrieve('-/1'), client.retrieve('-/2'), client.retrieve('-/3')];
    await Promise.resolve();
    expect(client.queuedRequests).toBe(3);
    held.accept();
    const conn = await server.nextConnection();
    for (const to of ['-/1', '-/2', '-/3']) {
      const req = await nextRequest(conn);
      expect(req.to).toBe(to);
      answer(conn, req, 2000);
    }
    await Promise.all(results);
    expect(conn.received).toHaveLength(3);
    await client.close();
  });

  it('rejects overflow by count and by bytes with QueueFullError', async () => {
    const { client, server } = memoryClient({
      originator: 'Cabc',
      offlineQueue: { maxCount: 2, maxBytes: 400 },
    });
    const held = heldHandshake();
    server.handshake = () => held.decision;
    const a = client.retrieve('-/1');
    const b = client.retrieve('-/2');
    const c = client.retrieve('-/3');
    await expect(c).rejects.toBeInstanceOf(QueueFullError);
    await expect(c).rejects.toMatchObject({ code: 'QUEUE_FULL', limit: 'count' });
    held.accept();
    const conn = await server.nextConnection();
    answer(conn, await nextRequest(conn), 2000);
    answer(conn, await nextRequest(conn), 2000);
    await Promise.all([a, b]);
    conn.drop();
    await conn.whenClosed();

    const held2 = heldHandshake();
    server.handshake = () => held2.decision;
    const big = client.create('-/ae', { 'm2m:cin': { con: 'x'.repeat(500) } });
    await expect(big).rejects.toMatchObject({ name: 'QueueFullError', limit: 'bytes' });
    held2.accept();
    await client.close();
  });

  it('rejects a queued request with TimeoutError when its rqet or timeout passes unsent', async () => {
    const { client, server } = memoryClient({ originator: 'Cabc' });
    const held = heldHandshake();
    server.handshake = () => held.decision;
    const byRqet = client.retrieve('-/1', { rqet: 15 });
    const byTimeout = client.retrieve('-/2', { timeout: 15 });
    const survivor = client.retrieve('-/3', { rqet: 60_000 });
    const e1 = await byRqet.catch((e: unknown) => e);
    const e2 = await byTimeout.catch((e: unknown) => e);
    expect(e1).toBeInstanceOf(TimeoutError);
    expect(e1).toMatchObject({ unsent: true });
    expect((e1 as Error).message).toMatch(/rqet/);
    expect(e2).toMatchObject({ name: 'TimeoutError', unsent: true });
    expect(client.queuedRequests).toBe(1);
    held.accept();
    const conn = await server.nextConnection();
    const req = await nextRequest(conn);
    expect(req.to).toBe('-/3');
    // A relative rqet is sent as the time remaining.
    expect(typeof req.rqet).toBe('number');
    expect(req.rqet as number).toBeLessThanOrEqual(60_000);
    expect(req.rqet as number).toBeGreaterThan(0);
    answer(conn, req, 2000);
    await survivor;
    expect(conn.received).toHaveLength(1);
    await client.close();
  });
});

describe('eager reconnect', () => {
  it('backs off exponentially up to the cap, reports attempts, and delivers queued requests once', async () => {
    const { client, server } = memoryClient({
      originator: 'Cabc',
      reconnect: { initialDelay: 2, factor: 2, maxDelay: 8, jitter: 0 },
    });
    const reconnecting = collect<ReconnectingEvent>(client, 'reconnecting');
    const opens = collect<OpenEvent>(client, 'open');
    await client.connect();
    const first = await server.nextConnection();
    let refusals = 0;
    server.handshake = (request) => (++refusals <= 4 ? { refuse: 503 } : { protocol: request.protocols[0]! });
    first.drop();
    await first.whenClosed();
    await Promise.resolve();
    const queued = client.retrieve('-/during-outage');
    const second = await server.nextConnection();
    const req = await nextRequest(second);
    expect(req.to).toBe('-/during-outage');
    answer(second, req, 2000);
    await queued;
    expect(reconnecting.map((r) => [r.attempt, r.delay])).toEqual([
      [1, 2],
      [2, 4],
      [3, 8],
      [4, 8],
      [5, 8],
    ]);
    expect(reconnecting[1]!.error).toMatchObject({ name: 'HandshakeError', status: 503 });
    expect(opens.map((o) => [o.attempt, o.reconnected])).toEqual([
      [0, false],
      [5, true],
    ]);
    expect(second.received).toHaveLength(1);
    await client.close();
  });

  it('applies jitter within [d·(1-jitter), d]', async () => {
    const { client, server } = memoryClient({
      reconnect: { initialDelay: 100, jitter: 0.5, random: () => 0.5 },
    });
    const reconnecting = collect<ReconnectingEvent>(client, 'reconnecting');
    await client.connect();
    (await server.nextConnection()).drop();
    await new Promise<void>((resolve) => {
      client.on('reconnecting', () => resolve());
    });
    expect(reconnecting[0]).toMatchObject({ attempt: 1, delay: 75 });
    await client.close();
  });

  it('gives up after maxAttempts: queued requests reject and an error is emitted', async () => {
    const { client, server } = memoryClient({ reconnect: { initialDelay: 1, jitter: 0, maxAttempts: 2 } });
    const errors = collect<unknown>(client, 'error');
    await client.connect();
    const first = await server.nextConnection();
    server.handshake = () => ({ refuse: 503 });
    first.drop();
    await first.whenClosed();
    await Promise.resolve();
    const queued = client.retrieve('-/x');
    const error = await queued.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as Error).message).toMatch(/gave up reconnecting after 2 attempts/);
    expect(errors).toHaveLength(1);
    expect(server.handshakes).toHaveLength(3);
    await client.close();
  });

  it('close() stops reconnecting and rejects what was queued', async () => {
    const { client, server } = memoryClient({ reconnect: { initialDelay: 5, jitter: 0 } });
    await client.connect();
    const first = await server.nextConnection();
    server.handshake = () => ({ refuse: 503 });
    first.drop();
    await first.whenClosed();
    await Promise.resolve();
    const queued = client.retrieve('-/x');
    await new Promise<void>((resolve) => {
      client.on('reconnecting', () => resolve());
    });
    const handshakes = server.handshakes.length;
    await client.close();
    await expect(queued).rejects.toMatchObject({ name: 'ConnectionError', code: 'CLIENT_CLOSED' });
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(server.handshakes.length).toBe(handshakes);
    expect(client.state).toBe('closed');
    await expect(client.retrieve('-/y')).rejects.toMatchObject({ code: 'CLIENT_CLOSED' });
  });
});
