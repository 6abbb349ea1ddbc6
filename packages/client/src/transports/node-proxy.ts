/**
 * HTTP CONNECT tunnelling (TS-0020 6.6) for the Node transport, on `node:http` and `node:tls`
 * only. `ws` accepts a `createConnection` function; ours asks the proxy for a tunnel to the CSE and
 * hands the tunnelled socket (wrapped in TLS for `wss`) to the WebSocket handshake.
 */
import http from 'node:http';
import net from 'node:net';
import type { Duplex } from 'node:stream';
import tls from 'node:tls';
import { ProxyConnectError, TransportOptionsError } from './node-errors.js';

/** A validated proxy: where to connect and what to authenticate with. */
export interface ProxyTarget {
  /** Proxy host name or IP (IPv6 without brackets). */
  host: string;
  port: number;
  /** `Proxy-Authorization` value (`Basic ...`) when the URL carried credentials. */
  authorization?: string;
  /** `http://host:port`, credentials removed: safe to put in error messages. */
  display: string;
}

/**
 * Parse `http://[user:pass@]host[:port]`. Only plain-HTTP proxies are supported: the tunnel
 * itself carries TLS end to end for `wss`.
 *
 * @throws {TransportOptionsError} on anything else.
 */
export function parseProxyUrl(proxy: string | URL): ProxyTarget {
  let url: URL;
  try {
    url = new URL(String(proxy));
  } catch (cause) {
    throw new TransportOptionsError('proxy', `not a URL: ${JSON.stringify(String(proxy))}`, { cause });
  }
  if (url.protocol !== 'http:') {
    throw new TransportOptionsError('proxy', `only http:// proxies are supported, got ${url.protocol}//`);
  }
  if (!url.hostname) throw new TransportOptionsError('proxy', 'the proxy URL has no host');
  if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash) {
    throw new TransportOptionsError('proxy', 'the proxy URL must not carry a path, query or fragment');
  }
  const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  const port = url.port ? Number(url.port) : 80;
  const target: ProxyTarget = { host, port, display: `http://${url.host}` };
  if (url.username || url.password) {
    // URL keeps credentials percent-encoded; the Basic scheme wants the raw `user:pass`.
    const credentials = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
    target.authorization = `Basic ${Buffer.from(credentials, 'utf8').toString('base64')}`;
  }
  return target;
}

/** What `http.request`/`https.request` pass to `createConnection` (the parts we read). */
export interface TunnelConnectOptions extends Omit<tls.ConnectionOptions, 'host' | 'port'> {
  host?: string;
  port?: number | string;
}

/** A `createConnection` that reports its socket through the callback (Node's async form). */
export type TunnelConnector = (
  options: TunnelConnectOptions,
  callback: (err: Error | null, socket?: Duplex) => void,
) => undefined;

/** TLS settings `ws` forwards in its request options; everything else there is HTTP/WebSocket. */
const TLS_KEYS = [
  'ca',
  'cert',
  'key',
  'pfx',
  'passphrase',
  'rejectUnauthorized',
  'checkServerIdentity',
  'minVersion',
  'maxVersion',
  'ciphers',
  'ecdhCurve',
  'secureContext',
  'session',
] as const satisfies readonly (keyof tls.ConnectionOptions)[];

function pickTlsOptions(options: TunnelConnectOptions): tls.ConnectionOptions {
  const picked: Record<string, unknown> = {};
  for (const key of TLS_KEYS) if (options[key] !== undefined) picked[key] = options[key];
  return picked as tls.ConnectionOptions;
}

/** `host:port` as a CONNECT request-target, with IPv6 literals bracketed. */
function authority(host: string, port: number | string): string {
  return `${net.isIPv6(host) ? `[${host}]` : host}:${port}`;
}

/**
 * Build a `createConnection` that opens a CONNECT tunnel through `proxy`, then (for `secure`)
 * starts TLS inside it with the TLS options the WebSocket request carries (`ca`, `cert`, `key`,
 * `servername`, `rejectUnauthorized`, ...). Failures reach the callback as {@link ProxyConnectError}.
 *
 * @param timeoutMs Give up on a proxy that does not answer the CONNECT in time (no limit when absent).
 */
export function createTunnelConnector(
  proxy: ProxyTarget,
  secure: boolean,
  timeoutMs?: number,
): TunnelConnector {
  return (options, callback) => {
    const host = options.host ?? 'localhost';
    const port = options.port ?? (secure ? 443 : 80);
    const target = authority(host, port);
    const headers: Record<string, string> = { Host: target };
    if (proxy.authorization) headers['Proxy-Authorization'] = proxy.authorization;

    let settled = false;
    const settle = (err: Error | null, socket?: Duplex) => {
      if (settled) return;
      settled = true;
      callback(err, socket);
    };

    // `agent: false`: a CONNECT socket becomes the tunnel and must never go back to a pool.
    const req = http.request({
      host: proxy.host,
      port: proxy.port,
      method: 'CONNECT',
      path: target,
      headers,
      agent: false,
    });
    const refused = (status: number, statusMessage: string | undefined) =>
      new ProxyConnectError(
        'PROXY_REFUSED',
        `proxy ${proxy.display} refused CONNECT ${target}: ${status}${statusMessage ? ` ${statusMessage}` : ''}`,
        { proxy: proxy.display, statusCode: status },
      );

    req.once('connect', (res: http.IncomingMessage, socket: net.Socket, head: Buffer) => {
      if (res.statusCode !== 200) {
        socket.destroy();
        settle(refused(res.statusCode ?? 0, res.statusMessage));
        return;
      }
      // Bytes the proxy already relayed after its reply belong to the tunnelled stream.
      if (head.length > 0) socket.unshift(head);
      if (!secure) {
        settle(null, socket);
        return;
      }
      const servername = options.servername ?? (net.isIP(host) ? undefined : host);
      const secured = tls.connect({
        ...pickTlsOptions(options),
        socket,
        host,
        ...(servername ? { servername } : {}),
      });
      settle(null, secured);
    });
    // Some proxies answer CONNECT like an ordinary request; Node then emits 'response'.
    req.once('response', (res: http.IncomingMessage) => {
      res.resume();
      settle(refused(res.statusCode ?? 0, res.statusMessage));
      req.destroy();
    });
    req.on('error', (cause: Error) => {
      settle(
        new ProxyConnectError('PROXY_UNREACHABLE', `proxy ${proxy.display} unreachable: ${cause.message}`, {
          proxy: proxy.display,
          cause,
        }),
      );
    });
    if (timeoutMs !== undefined) {
      req.setTimeout(timeoutMs, () => {
        settle(
          new ProxyConnectError(
            'PROXY_TIMEOUT',
            `proxy ${proxy.display} did not answer CONNECT ${target} within ${timeoutMs} ms`,
            { proxy: proxy.display },
          ),
        );
        req.destroy();
      });
    }
    req.end();
    return undefined;
  };
}
