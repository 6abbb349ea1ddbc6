import type { IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { type ServerOptions, type WebSocket, WebSocketServer } from 'ws';
import { createNodeSocketAdapter } from '../../src/transports/node-adapter.js';
import { TransportOptionsError } from '../../src/transports/node-errors.js';
import { toWsClientOptions } from '../../src/transports/node-options.js';
import { openSocket } from './open-socket.js';

interface DeflateServer {
  url: string;
  /** Sec-WebSocket-Extensions the clients offered (undefined: header absent). */
  offers: (string | undefined)[];
  /** Extensions the server side agreed per connection. */
  serverSockets: WebSocket[];
  close(): Promise<void>;
}

const servers: DeflateServer[] = [];

async function startServer(perMessageDeflate: ServerOptions['perMessageDeflate']): Promise<DeflateServer> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate });
  const offers: (string | undefined)[] = [];
  const serverSockets: WebSocket[] = [];
  wss.on('connection', (ws, req: IncomingMessage) => {
    offers.push(req.headers['sec-websocket-extensions']);
    serverSockets.push(ws);
    ws.on('message', (data, isBinary) => ws.send(data, { binary: isBinary }));
  });
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  const server: DeflateServer = {
    url: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/`,
    offers,
    serverSockets,
    close: async () => {
      for (const c of wss.clients) c.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
  servers.push(server);
  return server;
}

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

describe('Node adapter: permessage-deflate (TS-0020 6.2.2.8, 6.2.3.6)', () => {
  it('is offered by default and the adapter reports the negotiated extension', async () => {
    const server = await startServer(true);
    const opened = openSocket(createNodeSocketAdapter(), server.url);
    const info = await opened.ready;
    expect(server.offers[0]).toMatch(/^permessage-deflate/);
    expect(info.extensions).toMatch(/^permessage-deflate/);
    expect(server.serverSockets[0]?.extensions).toMatch(/^permessage-deflate/);
    // A large, compressible message survives the round trip in both directions.
    const big = JSON.stringify({ 'm2m:cin': { con: 'x'.repeat(200_000) } });
    opened.socket.send(big);
    expect(await opened.nextMessage()).toBe(big);
    opened.socket.close(1000);
    await opened.closed;
  });

  it('is offered with a custom threshold', async () => {
    const server = await startServer(true);
    const opened = openSocket(createNodeSocketAdapter({ perMessageDeflate: { threshold: 0 } }), server.url);
    expect((await opened.ready).extensions).toMatch(/^permessage-deflate/);
    opened.socket.send('tiny');
    expect(await opened.nextMessage()).toBe('tiny');
    opened.socket.close(1000);
    await opened.closed;
  });

  it('is not offered when turned off: no extension header, none negotiated', async () => {
    const server = await startServer(true);
    const opened = openSocket(createNodeSocketAdapter({ perMessageDeflate: false }), server.url);
    const info = await opened.ready;
    expect(server.offers).toEqual([undefined]);
    expect(info.extensions).toBe('');
    opened.socket.close(1000);
    await opened.closed;
  });

  it('reports no extension when the server declines the offer', async () => {
    const server = await startServer(false);
    const opened = openSocket(createNodeSocketAdapter(), server.url);
    const info = await opened.ready;
    expect(server.offers[0]).toMatch(/^permessage-deflate/);
    expect(info.extensions).toBe('');
    opened.socket.send('plain');
    expect(await opened.nextMessage()).toBe('plain');
    opened.socket.close(1000);
    await opened.closed;
  });

  it('translates the option into ws client options', () => {
    expect(toWsClientOptions({}, 'ws://h/').perMessageDeflate).toEqual({ threshold: 1024 });
    expect(toWsClientOptions({ perMessageDeflate: true }, 'ws://h/').perMessageDeflate).toEqual({
      threshold: 1024,
    });
    expect(toWsClientOptions({ perMessageDeflate: { threshold: 0 } }, 'ws://h/').perMessageDeflate).toEqual({
      threshold: 0,
    });
    expect(toWsClientOptions({ perMessageDeflate: false }, 'ws://h/').perMessageDeflate).toBe(false);
    expect(() => createNodeSocketAdapter({ perMessageDeflate: { threshold: -1 } })).toThrow(
      TransportOptionsError,
    );
    expect(() => createNodeSocketAdapter({ perMessageDeflate: 'yes' as unknown as boolean })).toThrow(
      /perMessageDeflate/,
    );
  });
});
