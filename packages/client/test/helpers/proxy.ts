/**
 * A real HTTP CONNECT proxy (TS-0020 6.6) on 127.0.0.1, a few lines on `node:http` + `node:net`:
 * it records every CONNECT it receives and can demand Basic credentials (answering 407).
 */
import http from 'node:http';
import net from 'node:net';

/** One CONNECT request the proxy received. */
export interface SeenConnect {
  /** The request-target, `host:port`. */
  target: string;
  /** The `Proxy-Authorization` header, if any. */
  authorization?: string;
  /** The status the proxy answered with. */
  status: number;
}

/** A running test proxy. */
export interface TestProxy {
  /** `http://127.0.0.1:<port>` (no credentials). */
  url: string;
  port: number;
  connects: SeenConnect[];
  close(): Promise<void>;
}

/** Start a CONNECT proxy; with `credentials` (`user:pass`) it requires Basic proxy auth. */
export async function startConnectProxy(options: { credentials?: string } = {}): Promise<TestProxy> {
  const expected = options.credentials
    ? `Basic ${Buffer.from(options.credentials, 'utf8').toString('base64')}`
    : undefined;
  const connects: SeenConnect[] = [];
  const sockets = new Set<net.Socket>();
  const server = http.createServer((_req, res) => {
    res.writeHead(405).end('CONNECT only');
  });
  server.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => {});
    const authorization = req.headers['proxy-authorization'];
    const seen: SeenConnect = { target: req.url ?? '', status: 0 };
    if (authorization !== undefined) seen.authorization = authorization;
    connects.push(seen);
    if (expected !== undefined && authorization !== expected) {
      seen.status = 407;
      client.end(
        'HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="test"\r\nContent-Length: 0\r\n\r\n',
      );
      return;
    }
    const [host, port] = splitTarget(seen.target);
    const upstream = net.connect(port, host, () => {
      seen.status = 200;
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(upstream);
    upstream.on('close', () => {
      sockets.delete(upstream);
      client.destroy();
    });
    upstream.on('error', () => {
      if (seen.status === 0) {
        seen.status = 502;
        client.end('HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n');
      }
    });
    client.on('close', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    connects,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function splitTarget(target: string): [string, number] {
  const colon = target.lastIndexOf(':');
  const host = target.slice(0, colon).replace(/^\[|\]$/g, '');
  return [host, Number(target.slice(colon + 1))];
}
