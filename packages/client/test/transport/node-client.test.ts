/**
 * The Node transport under the real client (`createClient`) against the embedded CSE: mutual TLS,
 * the CONNECT proxy, keepalive-driven reconnection and the JSON-file AE-ID store, end to end.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type CseHandle, startCse } from '@onem2m-ws/cse';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import {
  type CloseEvent,
  createClient,
  HandshakeError,
  type OneM2MClient,
  type OpenEvent,
} from '../../src/index.js';
import { createJsonFileAeIdStore } from '../../src/stores/json-file-store.js';
import { createNodeSocketAdapter } from '../../src/transports/node-adapter.js';
import { ProxyConnectError } from '../../src/transports/node-errors.js';
import { startConnectProxy, type TestProxy } from '../helpers/proxy.js';
import { createTestPki, type TestPki } from '../helpers/tls.js';

const clients: OneM2MClient[] = [];
const proxies: TestProxy[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) await c.close();
  await Promise.all(proxies.splice(0).map((p) => p.close()));
});

function track(client: OneM2MClient): OneM2MClient {
  clients.push(client);
  return client;
}

describe('createClient over the Node adapter', () => {
  let pki: TestPki;
  let secureCse: CseHandle;
  let plainCse: CseHandle;

  beforeAll(async () => {
    pki = createTestPki();
    secureCse = await startCse({
      port: 0,
      host: '127.0.0.1',
      tls: { key: pki.server.key, cert: pki.server.cert, ca: pki.ca },
    });
    plainCse = await startCse({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await secureCse?.close();
    await plainCse?.close();
    pki?.cleanup();
  });

  it('registers and works over wss with a valid client certificate', async () => {
    const client = track(
      createClient({
        url: secureCse.url,
        requestTimeout: 5000,
        webSocket: createNodeSocketAdapter({
          tls: { ca: pki.ca, cert: pki.client.cert, key: pki.client.key },
        }),
      }),
    );
    const reg = await client.register({ api: 'Nmtls', rn: 'mtlsAE' }, { to: secureCse.cseName });
    expect(reg.aei).toBeTruthy();
    await client.create(`${secureCse.cseName}/mtlsAE`, { 'm2m:cnt': { rn: 'c' } });
    const cnt = await client.retrieve<{ rn: string }>(`${secureCse.cseName}/mtlsAE/c`);
    expect(cnt.content?.rn).toBe('c');
  });

  it('fails with HandshakeError when the client certificate comes from another CA', async () => {
    const client = track(
      createClient({
        url: secureCse.url,
        requestTimeout: 5000,
        webSocket: createNodeSocketAdapter({
          tls: { ca: pki.ca, cert: pki.rogueClient.cert, key: pki.rogueClient.key },
        }),
      }),
    );
    const error = await client.connect().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HandshakeError);
  });

  it('fails with HandshakeError when the CSE certificate is not trusted', async () => {
    const client = track(
      createClient({
        url: secureCse.url,
        requestTimeout: 5000,
        webSocket: createNodeSocketAdapter({ tls: { cert: pki.client.cert, key: pki.client.key } }),
      }),
    );
    const error = await client
      .register({ api: 'Nx', rn: 'x' }, { to: secureCse.cseName })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HandshakeError);
    expect((error as Error).message).toMatch(/certificate/i);
  });

  it('reaches the CSE through a CONNECT proxy with credentials', async () => {
    const proxy = await startConnectProxy({ credentials: 'ae:pw' });
    proxies.push(proxy);
    const client = track(
      createClient({
        url: secureCse.url,
        requestTimeout: 5000,
        webSocket: createNodeSocketAdapter({
          proxy: `http://ae:pw@127.0.0.1:${proxy.port}`,
          tls: { ca: pki.ca, cert: pki.client.cert, key: pki.client.key },
        }),
      }),
    );
    const reg = await client.register({ api: 'Nproxy', rn: 'proxyAE' }, { to: secureCse.cseName });
    expect(reg.aei).toBeTruthy();
    expect(proxy.connects.length).toBeGreaterThanOrEqual(1);
    expect(proxy.connects.every((c) => c.target === `127.0.0.1:${secureCse.port}` && c.status === 200)).toBe(
      true,
    );
  });

  it('fails with HandshakeError carrying 407 when the proxy refuses the credentials', async () => {
    const proxy = await startConnectProxy({ credentials: 'ae:pw' });
    proxies.push(proxy);
    const client = track(
      createClient({
        url: plainCse.url,
        requestTimeout: 5000,
        webSocket: createNodeSocketAdapter({ proxy: `http://ae:nope@127.0.0.1:${proxy.port}` }),
      }),
    );
    const error = await client.connect().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HandshakeError);
    expect((error as HandshakeError).status).toBe(407);
    expect((error as Error).message).toContain('407');
    expect((error as Error).message).toMatch(/proxy http:\/\/127\.0\.0\.1:\d+ refused CONNECT/);
    expect((error as Error).cause).toBeInstanceOf(ProxyConnectError);
    expect((error as Error).cause).toMatchObject({ code: 'PROXY_REFUSED', statusCode: 407 });
  });

  it('reports the negotiated permessage-deflate in the open event, and its absence when declined', async () => {
    // The embedded CSE accepts compression by default.
    const client = track(createClient({ url: plainCse.url, webSocket: createNodeSocketAdapter() }));
    const opened = new Promise<OpenEvent>((resolve) => client.on('open', resolve));
    await client.connect();
    expect((await opened).extensions).toMatch(/^permessage-deflate/);

    const off = track(
      createClient({ url: plainCse.url, webSocket: createNodeSocketAdapter({ perMessageDeflate: false }) }),
    );
    const openedOff = new Promise<OpenEvent>((resolve) => off.on('open', resolve));
    await off.connect();
    expect((await openedOff).extensions).toBe('');

    const declining = await startCse({ port: 0, host: '127.0.0.1', perMessageDeflate: false });
    try {
      const declined = track(createClient({ url: declining.url, webSocket: createNodeSocketAdapter() }));
      const openedDeclined = new Promise<OpenEvent>((resolve) => declined.on('open', resolve));
      await declined.connect();
      expect((await openedDeclined).extensions).toBe('');
      await declined.close();
    } finally {
      await declining.close();
    }
  });

  it('reuses the AE-ID kept in a JSON file after a restart instead of registering again', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'onem2m-ws-aeid-'));
    try {
      const file = path.join(dir, 'state', 'ae-id.json');
      const first = track(
        createClient({
          url: plainCse.url,
          requestTimeout: 5000,
          webSocket: createNodeSocketAdapter(),
          aeIdStore: createJsonFileAeIdStore({ path: file }),
        }),
      );
      const reg = await first.register({ api: 'Npersist', rn: 'persistAE' }, { to: plainCse.cseName });
      expect(reg.reused).toBe(false);
      await first.close();

      // A new process: new client, new store object, same file.
      const second = track(
        createClient({
          url: plainCse.url,
          requestTimeout: 5000,
          webSocket: createNodeSocketAdapter(),
          aeIdStore: createJsonFileAeIdStore({ path: file }),
        }),
      );
      const again = await second.register({ api: 'Npersist', rn: 'persistAE' }, { to: plainCse.cseName });
      expect(again.reused).toBe(true);
      expect(again.aei).toBe(reg.aei);
      expect(second.originator).toBe(reg.aei);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('keepalive under the client', () => {
  it('turns a peer that stopped answering pings into a close the client reports and recovers from', async () => {
    // A server that selects the subprotocol but never answers pings (a hung peer).
    const wss = new WebSocketServer({
      host: '127.0.0.1',
      port: 0,
      autoPong: false,
      handleProtocols: (offered) => [...offered][0] ?? false,
    });
    await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
    let connections = 0;
    wss.on('connection', () => {
      connections += 1;
    });
    try {
      const client = track(
        createClient({
          url: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/`,
          webSocket: createNodeSocketAdapter({ keepalive: { intervalMs: 20, timeoutMs: 40 } }),
          reconnect: { initialDelay: 10, maxDelay: 50 },
        }),
      );
      const closes: CloseEvent[] = [];
      const reopened = new Promise<OpenEvent>((resolve) => {
        client.on('close', (e) => closes.push(e));
        client.on('open', (e) => {
          if (e.reconnected) resolve(e);
        });
      });
      await client.connect();
      const event = await reopened;
      expect(event.reconnected).toBe(true);
      expect(closes[0]).toMatchObject({ code: 1006, wasClean: false });
      expect(closes[0]?.reason).toMatch(/keepalive/);
      expect(connections).toBeGreaterThanOrEqual(2);
    } finally {
      for (const c of clients.splice(0)) await c.close();
      for (const c of wss.clients) c.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    }
  });
});
