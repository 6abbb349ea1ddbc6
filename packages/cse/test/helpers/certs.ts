import { createTestPki } from '../../../../test-support/pki.js';

/** PEM material for a mutual-TLS test: one CA, a server and a client it signed, and a client of another CA. */
export interface TestCertificates {
  ca: Buffer;
  serverKey: Buffer;
  serverCert: Buffer;
  clientKey: Buffer;
  clientCert: Buffer;
  rogueKey: Buffer;
  rogueCert: Buffer;
  /** Directory holding the PEM files (`ca.crt`, `server.key`, `server.crt`) for the CLI. */
  dir: string;
  /** Remove the directory. */
  cleanup(): void;
}

/** Fresh certificates from the shared test PKI (generated with the system `openssl`). */
export function generateCertificates(): TestCertificates {
  const pki = createTestPki();
  return {
    ca: Buffer.from(pki.ca),
    serverKey: Buffer.from(pki.server.key),
    serverCert: Buffer.from(pki.server.cert),
    clientKey: Buffer.from(pki.client.key),
    clientCert: Buffer.from(pki.client.cert),
    rogueKey: Buffer.from(pki.rogueClient.key),
    rogueCert: Buffer.from(pki.rogueClient.cert),
    dir: pki.dir,
    cleanup: pki.cleanup,
  };
}
