import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeSocketAdapter } from '../../src/transports/node-adapter.js';
import { TransportOptionsError } from '../../src/transports/node-errors.js';
import { createTestPki, type MutualTlsServer, startMutualTlsServer, type TestPki } from '../helpers/tls.js';
import { expectHandshakeFailure, openSocket } from './open-socket.js';

describe('Node adapter: mutual TLS over wss (TS-0020 7)', () => {
  let pki: TestPki;
  let server: MutualTlsServer;

  beforeAll(async () => {
    pki = createTestPki();
    server = await startMutualTlsServer(pki);
  });
  afterAll(async () => {
    await server?.close();
    pki?.cleanup();
  });

  it('connects with a client certificate signed by the trusted CA and exchanges frames', async () => {
    const adapter = createNodeSocketAdapter({
      tls: { ca: pki.ca, cert: pki.client.cert, key: pki.client.key },
    });
    const opened = openSocket(adapter, server.url);
    const info = await opened.ready;
    expect(info.protocol).toBe('oneM2M.json');
    opened.socket.send('{"op":2}');
    expect(await opened.nextMessage()).toBe('{"op":2}');
    opened.socket.send(new Uint8Array([1, 2, 3]));
    const binary = await opened.nextMessage();
    expect(binary).toBeInstanceOf(Uint8Array);
    expect([...(binary as Uint8Array)]).toEqual([1, 2, 3]);
    // The server really authenticated the client by its certificate.
    expect(server.clientNames).toContain('Ctest-client');
    opened.socket.close(1000, 'done');
    const closed = await opened.closed;
    expect(closed).toMatchObject({ code: 1000, wasClean: true });
    expect(opened.events).toEqual(['open', 'message', 'message', 'close']);
  });

  it('connects with an encrypted client key and its passphrase, using the host name for SNI', async () => {
    const adapter = createNodeSocketAdapter({
      tls: { ca: pki.ca, cert: pki.client.cert, key: pki.encryptedClientKey, passphrase: pki.passphrase },
    });
    const opened = openSocket(adapter, `wss://localhost:${server.port}/`);
    await opened.ready;
    opened.socket.close(1000);
    await opened.closed;
  });

  it('is refused with a client certificate signed by another CA, and reports the failure', async () => {
    const before = server.clientNames.length;
    const adapter = createNodeSocketAdapter({
      tls: { ca: pki.ca, cert: pki.rogueClient.cert, key: pki.rogueClient.key },
    });
    const opened = openSocket(adapter, server.url);
    const failure = await expectHandshakeFailure(opened);
    expect(failure.status).toBeUndefined();
    expect(failure.message).toMatch(/alert|certificate|socket hang up|ECONNRESET/i);
    const closed = await opened.closed;
    expect(closed.wasClean).toBe(false);
    expect(opened.events).toEqual(['handshakeError', 'close']);
    expect(server.clientNames.length).toBe(before);
  });

  it('is refused without a client certificate', async () => {
    const adapter = createNodeSocketAdapter({ tls: { ca: pki.ca } });
    const opened = openSocket(adapter, server.url);
    await expectHandshakeFailure(opened);
    await opened.closed;
    expect(opened.events).toEqual(['handshakeError', 'close']);
  });

  it('verifies the server certificate by default: an untrusted CSE is refused', async () => {
    // Only the rogue CA is trusted, so the CSE's certificate does not verify.
    const adapter = createNodeSocketAdapter({
      tls: { ca: pki.rogueCa, cert: pki.client.cert, key: pki.client.key },
    });
    const opened = openSocket(adapter, server.url);
    const failure = await expectHandshakeFailure(opened);
    expect(failure.message).toMatch(/certificate/i);
    await opened.closed;
  });

  it('verifies the server name: a certificate not issued for the servername is refused', async () => {
    const adapter = createNodeSocketAdapter({
      tls: { ca: pki.ca, cert: pki.client.cert, key: pki.client.key, servername: 'cse.example.org' },
    });
    const opened = openSocket(adapter, `wss://localhost:${server.port}/`);
    const failure = await expectHandshakeFailure(opened);
    expect(failure.message).toMatch(/cse\.example\.org|altnames|Hostname/i);
    await opened.closed;
  });

  it('refuses TLS options for a ws:// URL instead of silently connecting without TLS', async () => {
    const adapter = createNodeSocketAdapter({ tls: { ca: pki.ca } });
    const opened = openSocket(adapter, `ws://127.0.0.1:${server.port}/`);
    const failure = await expectHandshakeFailure(opened);
    expect(failure.cause).toBeInstanceOf(TransportOptionsError);
    expect((failure.cause as TransportOptionsError).option).toBe('tls');
    await opened.closed;
  });

  it('refuses malformed TLS options when the adapter is created', () => {
    expect(() => createNodeSocketAdapter({ tls: { cert: pki.client.cert } })).toThrow(TransportOptionsError);
    expect(() => createNodeSocketAdapter({ tls: { ca: 42 as unknown as string } })).toThrow(/tls\.ca/);
    expect(() =>
      createNodeSocketAdapter({ tls: { rejectUnauthorized: 'no' as unknown as boolean } }),
    ).toThrow(/tls\.rejectUnauthorized/);
  });
});
