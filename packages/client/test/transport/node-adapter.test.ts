import http, { type IncomingMessage } from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { createNodeSocketAdapter } from '../../src/transports/node-adapter.js';
import { TransportOptionsError } from '../../src/transports/node-errors.js';
import { toWsClientOptions } from '../../src/transports/node-options.js';
import { expectHandshakeFailure, openSocket } from './open-socket.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((c) => c()));
});

/** A ws server recording handshake headers; `onConnection` scripts its behaviour. */
async function startServer(
  options: { onConnection?: (ws: import('ws').WebSocket) => void; protocol?: string } = {},
): Promise<{ url: string; handshakes: IncomingMessage['headers'][] }> {
  const handshakes: IncomingMessage['headers'][] = [];
  const wss = new WebSocketServer({
    host: '127.0.0.1',
    port: 0,
    handleProtocols: (offered) => options.protocol ?? [...offered][0] ?? false,
  });
  wss.on('connection', (ws, req) => {
    handshakes.push(req.headers);
    if (options.onConnection) options.onConnection(ws);
    else ws.on('message', (data, isBinary) => ws.send(data, { binary: isBinary }));
  });
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  cleanups.push(async () => {
    for (const c of wss.clients) c.terminate();
    await new Promise<void>((resolve) => wss.close(() => resolve()));
  });
  return { url: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/`, handshakes };
}

/** An HTTP server that refuses every upgrade with `status` and a body (like ACME's 400). */
async function startRefusingServer(status: number, body: string): Promise<string> {
  const server = http.createServer();
  server.on('upgrade', (_req, socket) => {
    socket.end(
      `HTTP/1.1 ${status} Bad Request\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return `ws://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}

describe('Node adapter: handshake and frames', () => {
  it('can send handshake headers', () => {
    expect(createNodeSocketAdapter().capabilities.handshakeHeaders).toBe(true);
  });

  it('reports the selected subprotocol, and text/binary frames as string/Uint8Array', async () => {
    const server = await startServer({ protocol: 'oneM2M.cbor' });
    const opened = openSocket(createNodeSocketAdapter(), server.url, {
      protocols: ['oneM2M.json', 'oneM2M.cbor'],
    });
    expect((await opened.ready).protocol).toBe('oneM2M.cbor');
    expect(server.handshakes[0]?.['sec-websocket-protocol']).toBe('oneM2M.json,oneM2M.cbor');
    opened.socket.send(new Uint8Array([0xa1, 0x62, 0x6f, 0x70, 0x02]));
    const binary = await opened.nextMessage();
    expect(binary).toBeInstanceOf(Uint8Array);
    expect(Array.from(binary as Uint8Array)).toEqual([0xa1, 0x62, 0x6f, 0x70, 0x02]);
    opened.socket.send('{"op":2}');
    expect(await opened.nextMessage()).toBe('{"op":2}');
    expect(opened.socket.bufferedAmount).toBe(0);
    opened.socket.close(1000, 'bye');
    expect(await opened.closed).toEqual({ code: 1000, reason: 'bye', wasClean: true });
  });

  it('sends option headers and per-connection headers; the per-connection ones win', async () => {
    const server = await startServer();
    const adapter = createNodeSocketAdapter({
      headers: { Authorization: 'Bearer static', 'X-Trace': 'abc', 'x-m2m-origin': 'Cstatic' },
    });
    const opened = openSocket(adapter, server.url, { headers: { 'X-M2M-Origin': 'Cae1' } });
    await opened.ready;
    expect(server.handshakes[0]).toMatchObject({
      authorization: 'Bearer static',
      'x-trace': 'abc',
      'x-m2m-origin': 'Cae1',
    });
    opened.socket.close(1000);
    await opened.closed;
  });

  it('refuses headers owned by the WebSocket handshake, and malformed ones', () => {
    expect(() => createNodeSocketAdapter({ headers: { 'Sec-WebSocket-Protocol': 'x' } })).toThrow(
      TransportOptionsError,
    );
    expect(() => createNodeSocketAdapter({ headers: { Host: 'elsewhere' } })).toThrow(/WebSocket handshake/);
    expect(() => createNodeSocketAdapter({ headers: { 'Bad Name': 'x' } })).toThrow(/headers\.Bad Name/);
    expect(() => createNodeSocketAdapter({ headers: { 'X-Ok': 'line\nbreak' } })).toThrow(
      TransportOptionsError,
    );
    expect(() => createNodeSocketAdapter({ headers: { 'X-Ok': 1 as unknown as string } })).toThrow(/string/);
  });

  it('reports a refused upgrade with its HTTP status and the body the server gave', async () => {
    const url = await startRefusingServer(400, 'missing subprotocol');
    const opened = openSocket(createNodeSocketAdapter(), url);
    const failure = await expectHandshakeFailure(opened);
    expect(failure.status).toBe(400);
    expect(failure.message).toMatch(/400.*missing subprotocol/);
    const closed = await opened.closed;
    expect(closed.wasClean).toBe(false);
    expect(opened.events).toEqual(['handshakeError', 'close']);
  });

  it('reports an unreachable CSE as a handshake failure followed by one close', async () => {
    const probe = net.createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const opened = openSocket(createNodeSocketAdapter(), `ws://127.0.0.1:${port}/`);
    const failure = await expectHandshakeFailure(opened);
    expect(failure.message).toMatch(/ECONNREFUSED/);
    await opened.closed;
    expect(opened.events).toEqual(['handshakeError', 'close']);
  });

  it('reports an invalid URL asynchronously instead of throwing from open()', async () => {
    const opened = openSocket(createNodeSocketAdapter(), 'ftp://127.0.0.1/');
    expect(opened.events).toEqual([]);
    const failure = await expectHandshakeFailure(opened);
    expect(failure.message).toMatch(/protocol/);
    await opened.closed;
    expect(opened.events).toEqual(['handshakeError', 'close']);
    expect(() => opened.socket.send('x')).toThrow(/closed/);
  });

  it('close() while connecting ends with one close and no handshake failure', async () => {
    const server = await startServer();
    const opened = openSocket(createNodeSocketAdapter(), server.url);
    opened.socket.close(1000);
    const closed = await opened.closed;
    expect(closed.wasClean).toBe(false);
    expect(opened.events).toEqual(['close']);
  });

  it('drops the connection, naming the cause, when the CSE sends a message larger than maxPayload', async () => {
    const server = await startServer({
      onConnection: (ws) => ws.on('message', () => ws.send('y'.repeat(2048))),
    });
    const opened = openSocket(createNodeSocketAdapter({ maxPayload: 1024 }), server.url);
    await opened.ready;
    opened.socket.send('give me a lot');
    const closed = await opened.closed;
    // ws sends 1009 and stops reading, so the close handshake never completes.
    expect(closed).toMatchObject({ code: 1006, wasClean: false });
    expect(closed.reason).toMatch(/max payload size exceeded/i);
    expect(opened.events).toEqual(['open', 'close']);
  });

  it('reports a server that drops the connection as an unclean close', async () => {
    const server = await startServer({ onConnection: (ws) => ws.on('message', () => ws.terminate()) });
    const opened = openSocket(createNodeSocketAdapter(), server.url);
    await opened.ready;
    opened.socket.send('boom');
    expect(await opened.closed).toMatchObject({ code: 1006, wasClean: false });
  });

  it('validates maxPayload and handshakeTimeout', () => {
    expect(() => createNodeSocketAdapter({ maxPayload: 0 })).toThrow(/maxPayload/);
    expect(() => createNodeSocketAdapter({ maxPayload: 1.5 })).toThrow(TransportOptionsError);
    expect(() => createNodeSocketAdapter({ handshakeTimeout: -1 })).toThrow(/handshakeTimeout/);
    expect(toWsClientOptions({ maxPayload: 4096, handshakeTimeout: 500 }, 'ws://h/')).toMatchObject({
      maxPayload: 4096,
      handshakeTimeout: 500,
    });
  });

  it('never turns certificate verification off by default', () => {
    expect(toWsClientOptions({}, 'wss://h/').rejectUnauthorized).toBe(true);
    expect(toWsClientOptions({ tls: {} }, 'wss://h/').rejectUnauthorized).toBe(true);
    expect(toWsClientOptions({ tls: { rejectUnauthorized: false } }, 'wss://h/').rejectUnauthorized).toBe(
      false,
    );
  });

  it('gives up on a handshake the server never answers, with handshakeTimeout', async () => {
    // A TCP server that accepts and stays silent: the upgrade never gets a reply.
    const silent = net.createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const sockets = new Set<net.Socket>();
    silent.on('connection', (s) => sockets.add(s));
    cleanups.push(async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    });
    const url = `ws://127.0.0.1:${(silent.address() as AddressInfo).port}/`;
    const opened = openSocket(createNodeSocketAdapter({ handshakeTimeout: 50 }), url);
    const failure = await expectHandshakeFailure(opened);
    expect(failure.message).toMatch(/timed out/);
    await opened.closed;
  });
});
