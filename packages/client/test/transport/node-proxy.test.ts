import type { AddressInfo } from 'node:net';
import net from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { createNodeSocketAdapter } from '../../src/transports/node-adapter.js';
import { ProxyConnectError, TransportOptionsError } from '../../src/transports/node-errors.js';
import { parseProxyUrl } from '../../src/transports/node-proxy.js';
import { startConnectProxy, type TestProxy } from '../helpers/proxy.js';
import { createTestPki, type MutualTlsServer, startMutualTlsServer, type TestPki } from '../helpers/tls.js';
import { expectHandshakeFailure, openSocket } from './open-socket.js';

/** A plain `ws` echo server on 127.0.0.1. */
async function startEchoServer(): Promise<{ wss: WebSocketServer; port: number }> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, handleProtocols: (p) => [...p][0] ?? false });
  wss.on('connection', (ws) => ws.on('message', (data, isBinary) => ws.send(data, { binary: isBinary })));
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  return { wss, port: (wss.address() as AddressInfo).port };
}

async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('Node adapter: HTTP CONNECT proxy (TS-0020 6.6)', () => {
  let echo: { wss: WebSocketServer; port: number };
  let pki: TestPki;
  let tlsServer: MutualTlsServer;
  const proxies: TestProxy[] = [];

  beforeAll(async () => {
    echo = await startEchoServer();
    pki = createTestPki();
    tlsServer = await startMutualTlsServer(pki);
  });
  afterEach(async () => {
    await Promise.all(proxies.splice(0).map((p) => p.close()));
  });
  afterAll(async () => {
    for (const client of echo.wss.clients) client.terminate();
    await new Promise<void>((resolve) => echo.wss.close(() => resolve()));
    await tlsServer.close();
    pki.cleanup();
  });

  it('carries a ws:// connection through the tunnel; the proxy saw the CONNECT', async () => {
    const proxy = await startConnectProxy();
    proxies.push(proxy);
    const opened = openSocket(createNodeSocketAdapter({ proxy: proxy.url }), `ws://127.0.0.1:${echo.port}/`);
    await opened.ready;
    opened.socket.send('through the tunnel');
    expect(await opened.nextMessage()).toBe('through the tunnel');
    expect(proxy.connects).toEqual([{ target: `127.0.0.1:${echo.port}`, status: 200 }]);
    opened.socket.close(1000);
    expect((await opened.closed).code).toBe(1000);
  });

  it('carries wss:// with mutual TLS end to end through the tunnel', async () => {
    const proxy = await startConnectProxy();
    proxies.push(proxy);
    const adapter = createNodeSocketAdapter({
      proxy: proxy.url,
      tls: { ca: pki.ca, cert: pki.client.cert, key: pki.client.key },
    });
    const opened = openSocket(adapter, `wss://localhost:${tlsServer.port}/`);
    expect((await opened.ready).protocol).toBe('oneM2M.json');
    opened.socket.send('secret');
    expect(await opened.nextMessage()).toBe('secret');
    expect(proxy.connects.map((c) => c.target)).toEqual([`localhost:${tlsServer.port}`]);
    opened.socket.close(1000);
    await opened.closed;
  });

  it('still verifies the CSE certificate through the tunnel', async () => {
    const proxy = await startConnectProxy();
    proxies.push(proxy);
    const adapter = createNodeSocketAdapter({
      proxy: proxy.url,
      tls: { ca: pki.rogueCa, cert: pki.client.cert, key: pki.client.key },
    });
    const opened = openSocket(adapter, `wss://localhost:${tlsServer.port}/`);
    const failure = await expectHandshakeFailure(opened);
    expect(failure.message).toMatch(/certificate/i);
    await opened.closed;
  });

  it('sends Basic proxy credentials taken from the proxy URL', async () => {
    const proxy = await startConnectProxy({ credentials: 'alice:s3cr:t' });
    proxies.push(proxy);
    const url = `http://alice:${encodeURIComponent('s3cr:t')}@127.0.0.1:${proxy.port}`;
    const opened = openSocket(createNodeSocketAdapter({ proxy: url }), `ws://127.0.0.1:${echo.port}/`);
    await opened.ready;
    expect(proxy.connects[0]?.authorization).toBe(`Basic ${Buffer.from('alice:s3cr:t').toString('base64')}`);
    opened.socket.close(1000);
    await opened.closed;
  });

  it('reports a 407 from the proxy as a handshake failure naming the proxy status', async () => {
    const proxy = await startConnectProxy({ credentials: 'alice:right' });
    proxies.push(proxy);
    const url = `http://alice:wrong@127.0.0.1:${proxy.port}`;
    const opened = openSocket(createNodeSocketAdapter({ proxy: url }), `ws://127.0.0.1:${echo.port}/`);
    const failure = await expectHandshakeFailure(opened);
    expect(failure.status).toBe(407);
    expect(failure.message).toContain('407');
    expect(failure.message).toContain(`127.0.0.1:${proxy.port}`);
    expect(failure.message).not.toContain('wrong');
    expect(failure.cause).toBeInstanceOf(ProxyConnectError);
    expect(failure.cause).toMatchObject({ code: 'PROXY_REFUSED', statusCode: 407 });
    await opened.closed;
    expect(opened.events).toEqual(['handshakeError', 'close']);
    expect(proxy.connects).toHaveLength(1);
    expect(proxy.connects[0]?.status).toBe(407);
  });

  it('reports a proxy without credentials answering 407', async () => {
    const proxy = await startConnectProxy({ credentials: 'alice:right' });
    proxies.push(proxy);
    const opened = openSocket(createNodeSocketAdapter({ proxy: proxy.url }), `ws://127.0.0.1:${echo.port}/`);
    const failure = await expectHandshakeFailure(opened);
    expect(failure.status).toBe(407);
    expect(proxy.connects[0]?.authorization).toBeUndefined();
    await opened.closed;
  });

  it('reports a 502 when the proxy cannot reach the CSE', async () => {
    const proxy = await startConnectProxy();
    proxies.push(proxy);
    const port = await closedPort();
    const opened = openSocket(createNodeSocketAdapter({ proxy: proxy.url }), `ws://127.0.0.1:${port}/`);
    const failure = await expectHandshakeFailure(opened);
    expect(failure.status).toBe(502);
    expect(failure.cause).toMatchObject({ code: 'PROXY_REFUSED', statusCode: 502 });
    await opened.closed;
  });

  it('reports an unreachable proxy', async () => {
    const port = await closedPort();
    const adapter = createNodeSocketAdapter({ proxy: `http://127.0.0.1:${port}` });
    const opened = openSocket(adapter, `ws://127.0.0.1:${echo.port}/`);
    const failure = await expectHandshakeFailure(opened);
    expect(failure.status).toBeUndefined();
    expect(failure.cause).toMatchObject({ code: 'PROXY_UNREACHABLE' });
    expect(failure.message).toMatch(/unreachable.*ECONNREFUSED/);
    await opened.closed;
  });

  it('gives up on a proxy that never answers the CONNECT, with handshakeTimeout', async () => {
    const silent = net.createServer(() => {});
    const sockets = new Set<net.Socket>();
    silent.on('connection', (s) => sockets.add(s));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = silent.address() as AddressInfo;
      const adapter = createNodeSocketAdapter({ proxy: `http://127.0.0.1:${port}`, handshakeTimeout: 50 });
      const opened = openSocket(adapter, `ws://127.0.0.1:${echo.port}/`);
      const failure = await expectHandshakeFailure(opened);
      expect(failure.cause).toMatchObject({ code: 'PROXY_TIMEOUT' });
      expect(failure.message).toMatch(/did not answer CONNECT/);
      await opened.closed;
    } finally {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });

  it('refuses proxy URLs it cannot use', () => {
    expect(() => createNodeSocketAdapter({ proxy: 'not a url' })).toThrow(TransportOptionsError);
    expect(() => createNodeSocketAdapter({ proxy: 'https://proxy:8443' })).toThrow(/only http:\/\//);
    expect(() => createNodeSocketAdapter({ proxy: 'socks5://proxy:1080' })).toThrow(/proxy/);
    expect(() => createNodeSocketAdapter({ proxy: 'http://proxy:3128/path' })).toThrow(/path/);
  });

  it('parses proxy URLs: default port, IPv6, percent-encoded credentials kept out of the display form', () => {
    expect(parseProxyUrl('http://proxy.example')).toEqual({
      host: 'proxy.example',
      port: 80,
      display: 'http://proxy.example',
    });
    expect(parseProxyUrl(new URL('http://[::1]:3128'))).toMatchObject({ host: '::1', port: 3128 });
    const withAuth = parseProxyUrl('http://us%40er:p%3Ass@proxy:3128');
    expect(withAuth.display).toBe('http://proxy:3128');
    expect(withAuth.authorization).toBe(`Basic ${Buffer.from('us@er:p:ss').toString('base64')}`);
  });
});
