import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CseHandle } from '../../src/start-cse.js';
import { generateCertificates, type TestCertificates } from '../helpers/certs.js';
import { openRaw, type RawConnection } from '../helpers/raw-ws.js';
import { createAe, startFakeCse } from '../helpers/start-test-cse.js';

let certs: TestCertificates;
let cse: CseHandle | undefined;
const open: RawConnection[] = [];

beforeAll(() => {
  certs = generateCertificates();
});
afterAll(() => certs.cleanup());
afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.close()));
  await cse?.close();
  cse = undefined;
});

describe('wss with client-certificate verification (TS-0020 7)', () => {
  it('serves wss and accepts a client certificate signed by the configured CA', async () => {
    ({ cse } = await startFakeCse({ tls: { key: certs.serverKey, cert: certs.serverCert, ca: certs.ca } }));
    expect(cse.url).toMatch(/^wss:\/\/127\.0\.0\.1:\d+$/);
    const c = await openRaw(cse.url, 'oneM2M.json', {
      ca: certs.ca,
      key: certs.clientKey,
      cert: certs.clientCert,
    });
    open.push(c);
    expect((await c.request(createAe('tls1'))).rsc).toBe(2001);
  });

  it('refuses a client certificate from another CA', async () => {
    ({ cse } = await startFakeCse({ tls: { key: certs.serverKey, cert: certs.serverCert, ca: certs.ca } }));
    await expect(
      openRaw(cse.url, 'oneM2M.json', { ca: certs.ca, key: certs.rogueKey, cert: certs.rogueCert }),
    ).rejects.toThrow();
  });

  it('refuses a client without a certificate', async () => {
    ({ cse } = await startFakeCse({ tls: { key: certs.serverKey, cert: certs.serverCert, ca: certs.ca } }));
    await expect(openRaw(cse.url, 'oneM2M.json', { ca: certs.ca })).rejects.toThrow();
  });

  it('asks for no client certificate without a CA', async () => {
    ({ cse } = await startFakeCse({ tls: { key: certs.serverKey, cert: certs.serverCert } }));
    const c = await openRaw(cse.url, 'oneM2M.json', { ca: certs.ca });
    open.push(c);
    expect((await c.request(createAe('tls2'))).rsc).toBe(2001);
  });

  it('keeps serving after a refused TLS handshake', async () => {
    ({ cse } = await startFakeCse({ tls: { key: certs.serverKey, cert: certs.serverCert, ca: certs.ca } }));
    await expect(openRaw(cse.url, 'oneM2M.json', { ca: certs.ca })).rejects.toThrow();
    const c = await openRaw(cse.url, 'oneM2M.json', {
      ca: certs.ca,
      key: certs.clientKey,
      cert: certs.clientCert,
    });
    open.push(c);
    expect(c.protocol).toBe('oneM2M.json');
  });
});
