import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { createNodeSocketAdapter } from '../../src/transports/node-adapter.js';
import { TransportOptionsError } from '../../src/transports/node-errors.js';
import { openSocket } from './open-socket.js';

interface PingServer {
  url: string;
  /** Pings received from the client, across connections. */
  pings: number;
  /** Resolves when the server has seen `n` pings. */
  pingsReached(n: number): Promise<void>;
  close(): Promise<void>;
}

const servers: PingServer[] = [];

/** A ws server that answers pings (or, with `autoPong: false`, silently ignores them). */
async function startPingServer(autoPong: boolean): Promise<PingServer> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, autoPong });
  const waiters: { n: number; resolve: () => void }[] = [];
  const server: PingServer = {
    url: '',
    pings: 0,
    pingsReached: (n) =>
      server.pings >= n ? Promise.resolve() : new Promise((resolve) => waiters.push({ n, resolve })),
    close: async () => {
      for (const c of wss.clients) c.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
  wss.on('connection', (ws) => {
    ws.on('ping', () => {
      server.pings += 1;
      for (const w of waiters.filter((w) => server.pings >= w.n)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
    });
    ws.on('message', (data, isBinary) => ws.send(data, { binary: isBinary }));
  });
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  server.url = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/`;
  servers.push(server);
  return server;
}

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

describe('Node adapter: keepalive with dead-peer detection', () => {
  it('terminates the socket when the peer stops answering pings, so the client sees a drop', async () => {
    const server = await startPingServer(false);
    const adapter = createNodeSocketAdapter({ keepalive: { intervalMs: 20, timeoutMs: 40 } });
    const opened = openSocket(adapter, server.url);
    await opened.ready;
    const closed = await opened.closed;
    expect(closed.code).toBe(1006);
    expect(closed.wasClean).toBe(false);
    expect(closed.reason).toMatch(/keepalive: no pong within 40 ms/);
    expect(server.pings).toBeGreaterThanOrEqual(1);
    expect(opened.events).toEqual(['open', 'close']);
  });

  it('keeps a live connection open: pongs come back and traffic still flows', async () => {
    const server = await startPingServer(true);
    const adapter = createNodeSocketAdapter({ keepalive: { intervalMs: 10, timeoutMs: 2000 } });
    const opened = openSocket(adapter, server.url);
    await opened.ready;
    await server.pingsReached(5);
    expect(opened.events).toEqual(['open']);
    opened.socket.send('still here');
    expect(await opened.nextMessage()).toBe('still here');
    opened.socket.close(1000);
    expect(await opened.closed).toMatchObject({ code: 1000, wasClean: true });
  });

  it('sends no pings without the option', async () => {
    const server = await startPingServer(true);
    const opened = openSocket(createNodeSocketAdapter(), server.url);
    await opened.ready;
    // A round trip proves the connection works; a ping, had one been sent on open, would precede it.
    opened.socket.send('x');
    await opened.nextMessage();
    opened.socket.close(1000);
    await opened.closed;
    expect(server.pings).toBe(0);
  });

  it('refuses invalid keepalive settings', () => {
    expect(() => createNodeSocketAdapter({ keepalive: { intervalMs: 0 } })).toThrow(TransportOptionsError);
    expect(() => createNodeSocketAdapter({ keepalive: { intervalMs: Number.NaN } })).toThrow(
      /keepalive\.intervalMs/,
    );
    expect(() => createNodeSocketAdapter({ keepalive: { intervalMs: 10, timeoutMs: -5 } })).toThrow(
      /keepalive\.timeoutMs/,
    );
    expect(() => createNodeSocketAdapter({ keepalive: false })).not.toThrow();
  });
});
