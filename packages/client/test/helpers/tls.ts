/**
 * Mutual-TLS test helpers of the client: the shared test PKI and a `wss` echo server requiring
 * client certificates.
 */
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import type { TestPki } from '../../../../test-support/pki.js';

export { createTestPki, type KeyPair, type TestPki } from '../../../../test-support/pki.js';

/** A `wss` echo server on 127.0.0.1 that requires a client certificate signed by `pki.ca`. */
export interface MutualTlsServer {
  url: string;
  port: number;
  /** Common names of the client certificates of the connections that completed the upgrade. */
  clientNames: string[];
  close(): Promise<void>;
}

/** Start a {@link MutualTlsServer}: it echoes every message with its frame type. */
export async function startMutualTlsServer(pki: TestPki, protocol = 'oneM2M.json'): Promise<MutualTlsServer> {
  const server = https.createServer({
    cert: pki.server.cert,
    key: pki.server.key,
    ca: pki.ca,
    requestCert: true,
    rejectUnauthorized: true,
  });
  const clientNames: string[] = [];
  const wss = new WebSocketServer({
    server,
    handleProtocols: (offered) => (offered.has(protocol) ? protocol : false),
  });
  wss.on('connection', (ws, req) => {
    const peer = (req.socket as import('node:tls').TLSSocket).getPeerCertificate();
    clientNames.push(String(peer.subject?.CN ?? ''));
    ws.on('message', (data, isBinary) => ws.send(data, { binary: isBinary }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `wss://127.0.0.1:${port}/`,
    port,
    clientNames,
    close: async () => {
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
