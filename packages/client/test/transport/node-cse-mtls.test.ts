import { type CseHandle, startCse } from '@onem2m-ws/cse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeSocketAdapter } from '../../src/transports/node-adapter.js';
import { createTestPki, type TestPki } from '../helpers/tls.js';
import { expectHandshakeFailure, openSocket } from './open-socket.js';

describe('Node adapter against the embedded CSE over wss with mutual TLS', () => {
  let pki: TestPki;
  let cse: CseHandle;

  beforeAll(async () => {
    pki = createTestPki();
    cse = await startCse({
      port: 0,
      host: '127.0.0.1',
      tls: { key: pki.server.key, cert: pki.server.cert, ca: pki.ca },
    });
  });
  afterAll(async () => {
    await cse?.close();
    pki?.cleanup();
  });

  it('registers an AE over wss when the client presents a certificate the CSE trusts', async () => {
    expect(cse.url).toMatch(/^wss:\/\//);
    const adapter = createNodeSocketAdapter({
      tls: { ca: pki.ca, cert: pki.client.cert, key: pki.client.key },
    });
    const opened = openSocket(adapter, cse.url, {
      protocols: ['oneM2M.json'],
      headers: { 'X-M2M-Origin': 'Cmtls-ae' },
    });
    expect((await opened.ready).protocol.toLowerCase()).toBe('onem2m.json');
    opened.socket.send(
      JSON.stringify({
        op: 1,
        to: cse.cseName,
        fr: 'Cmtls-ae',
        rqi: 'r1',
        rvi: '3',
        ty: 2,
        pc: { 'm2m:ae': { rn: 'mtls-ae', api: 'Nmtls', rr: false, srv: ['3'] } },
      }),
    );
    const reply = JSON.parse(String(await opened.nextMessage()));
    expect(reply).toMatchObject({ rsc: 2001, rqi: 'r1' });
    expect(reply.pc['m2m:ae'].aei).toBe('Cmtls-ae');
    opened.socket.close(1000);
    await opened.closed;
  });

  it('is refused by the CSE with a client certificate from another CA', async () => {
    const adapter = createNodeSocketAdapter({
      tls: { ca: pki.ca, cert: pki.rogueClient.cert, key: pki.rogueClient.key },
    });
    const opened = openSocket(adapter, cse.url);
    await expectHandshakeFailure(opened);
    await opened.closed;
    expect(opened.events).toEqual(['handshakeError', 'close']);
  });
});
