import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createClient, createWebSocketAdapter, HandshakeError, type OneM2MClient } from '../../src/index.js';
import { type AnnexAServer, startAnnexAServer } from '../helpers/annex-a-server.js';

let server: AnnexAServer | undefined;
let client: OneM2MClient | undefined;

afterEach(async () => {
  await client?.close();
  await server?.close();
  client = undefined;
  server = undefined;
});

/** A constructor shaped like the browser's: two arguments, no `ping`, so no headers. */
class BrowserLikeWebSocket {
  constructor(url: string, protocols?: string | string[]) {
    // biome-ignore lint/correctness/noConstructorReturn: stands in for the browser's WebSocket
    return new WebSocket(url, protocols) as unknown as BrowserLikeWebSocket;
  }
}

describe('default WebSocket adapter', () => {
  it('accepts a ws-like WebSocket constructor and passes headers and nodeOptions to it', async () => {
    server = await startAnnexAServer();
    const adapter = createWebSocketAdapter({
      WebSocket: WebSocket as never,
      headers: { Authorization: 'Bearer t' },
      nodeOptions: { perMessageDeflate: false, headers: { 'X-Extra': '1' } },
    });
    expect(adapter.capabilities.handshakeHeaders).toBe(true);
    client = createClient({ url: server.url, webSocket: adapter, originator: 'Cme' });
    await client.connect();
    expect(server.handshakes[0]!.origin).toBe('Cme');
    expect(server.handshakes[0]!.headers).toMatchObject({ authorization: 'Bearer t', 'x-extra': '1' });
    // perMessageDeflate: false reached ws: no extension was offered.
    expect(server.handshakes[0]!.headers['sec-websocket-extensions']).toBeUndefined();
  });

  it('accepts a WebSocket constructor directly as the webSocket option', async () => {
    server = await startAnnexAServer();
    client = createClient({ url: server.url, webSocket: WebSocket as never, originator: 'Cctor' });
    await client.connect();
    expect(client.protocol).toBe('oneM2M.json');
    expect(server.handshakes[0]!.origin).toBe('Cctor');
  });

  it('treats a browser-like constructor as unable to send headers', async () => {
    server = await startAnnexAServer();
    const adapter = createWebSocketAdapter({ WebSocket: BrowserLikeWebSocket as never });
    expect(adapter.capabilities.handshakeHeaders).toBe(false);
    client = createClient({ url: server.url, webSocket: adapter, originator: 'Cbrowser' });
    await client.connect();
    expect(server.handshakes[0]!.origin).toBeUndefined();
  });

  it('reports an unreachable server and an invalid URL as HandshakeError', async () => {
    server = await startAnnexAServer();
    const url = server.url;
    await server.close();
    server = undefined;
    client = createClient({ url });
    await expect(client.connect()).rejects.toBeInstanceOf(HandshakeError);
    await client.close();
    client = createClient({ url: 'ws://[not a host' });
    await expect(client.connect()).rejects.toBeInstanceOf(HandshakeError);
  });
});
