/**
 * Node transport options (issue 5) and their translation into `ws` client options. Validation
 * happens here, once, so a wrong option fails at start-up with a {@link TransportOptionsError}
 * instead of surfacing later as an obscure socket error.
 */
import http from 'node:http';
import type { ClientOptions } from 'ws';
import { TransportOptionsError } from './node-errors.js';
import { createTunnelConnector, parseProxyUrl } from './node-proxy.js';

/** PEM or DER material, one item or several (e.g. a CA bundle). */
export type TlsMaterial = string | Buffer | Array<string | Buffer>;

/**
 * TLS settings for `wss://` (TS-0020 7: mutually authenticated TLS). They apply to `wss://` URLs
 * only; giving them with a `ws://` URL is refused rather than silently ignored.
 */
export interface NodeTlsOptions {
  /**
   * Trusted CA certificates that must have signed the CSE's certificate.
   * @default Node's bundled root CAs
   */
  ca?: TlsMaterial;
  /**
   * The client certificate chain (PEM) presented to the CSE for mutual TLS.
   * @default none (no client certificate)
   */
  cert?: TlsMaterial;
  /**
   * The private key of {@link NodeTlsOptions.cert}.
   * @default none
   */
  key?: TlsMaterial;
  /**
   * Passphrase of an encrypted {@link NodeTlsOptions.key}.
   * @default none
   */
  passphrase?: string;
  /**
   * Server name sent in SNI and checked against the CSE's certificate.
   * @default the URL's host name (no SNI for IP addresses)
   */
  servername?: string;
  /**
   * Refuse a CSE whose certificate does not verify against {@link NodeTlsOptions.ca}. Turning it
   * off removes all protection against impersonation; it exists for throw-away test set-ups only.
   * @default true
   */
  rejectUnauthorized?: boolean;
}

/** permessage-deflate (RFC 7692, TS-0020 6.2.2.8) settings. */
export interface PerMessageDeflateSettings {
  /**
   * Messages smaller than this many bytes are sent uncompressed.
   * @default 1024
   */
  threshold?: number;
}

/** Options of the Node transport, passed through the socket adapter to `ws`. */
export interface NodeTransportOptions {
  /**
   * TLS settings for `wss://` URLs (CA, client certificate and key, SNI, verification).
   * @default Node's defaults: system CAs, no client certificate, verification on
   */
  tls?: NodeTlsOptions;
  /**
   * HTTP proxy to tunnel through with `CONNECT` (TS-0020 6.6), as `http://[user:pass@]host:port`.
   * Credentials are sent as `Proxy-Authorization: Basic`. Environment variables
   * (`HTTPS_PROXY`, ...) are not read: pass them here explicitly if wanted.
   * @default none (direct connection)
   */
  proxy?: string | URL;
  /**
   * Offer permessage-deflate: `false` to never compress, `true` or settings to offer it. The
   * server decides; the adapter reports what was negotiated in `onOpen`'s `extensions`.
   * @default true (threshold 1024 bytes)
   */
  perMessageDeflate?: boolean | PerMessageDeflateSettings;
  /**
   * Extra handshake headers (e.g. `Authorization`). Headers the client core sets per connection
   * (such as `X-M2M-Origin`) take precedence. `Sec-WebSocket-*`, `Connection`, `Upgrade` and
   * `Host` are owned by the WebSocket handshake and refused here.
   * @default none
   */
  headers?: Record<string, string>;
  /**
   * Largest message accepted from the CSE, in bytes; a bigger one closes the connection (1009).
   * @default 104857600 (100 MiB, the `ws` default)
   */
  maxPayload?: number;
  /**
   * Give up on an opening handshake (proxy tunnel, TLS and HTTP upgrade) after this many ms.
   * @default none (the client core's own timeouts apply)
   */
  handshakeTimeout?: number;
}

/** Handshake headers a user may not set: the WebSocket handshake owns them. */
const RESERVED_HEADER = /^(sec-websocket-.*|connection|upgrade|host)$/i;

function isPositiveInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value > 0;
}

function isTlsMaterial(value: unknown): boolean {
  const one = (v: unknown) => typeof v === 'string' || Buffer.isBuffer(v);
  return one(value) || (Array.isArray(value) && value.every(one));
}

/**
 * Check every option without regard to a URL.
 *
 * @throws {TransportOptionsError} naming the first offending option.
 */
export function validateNodeTransportOptions(options: NodeTransportOptions): void {
  if (options === null || typeof options !== 'object') {
    throw new TransportOptionsError('options', 'expected an object');
  }
  const { tls, proxy, perMessageDeflate, headers, maxPayload, handshakeTimeout } = options;
  if (tls !== undefined) {
    if (tls === null || typeof tls !== 'object') throw new TransportOptionsError('tls', 'expected an object');
    for (const key of ['ca', 'cert', 'key'] as const) {
      if (tls[key] !== undefined && !isTlsMaterial(tls[key])) {
        throw new TransportOptionsError(`tls.${key}`, 'expected PEM text, a Buffer, or an array of them');
      }
    }
    if (tls.cert !== undefined && tls.key === undefined) {
      throw new TransportOptionsError('tls.key', 'a client certificate needs its private key');
    }
    for (const key of ['passphrase', 'servername'] as const) {
      if (tls[key] !== undefined && typeof tls[key] !== 'string') {
        throw new TransportOptionsError(`tls.${key}`, 'expected a string');
      }
    }
    if (tls.rejectUnauthorized !== undefined && typeof tls.rejectUnauthorized !== 'boolean') {
      throw new TransportOptionsError('tls.rejectUnauthorized', 'expected a boolean');
    }
  }
  if (proxy !== undefined) parseProxyUrl(proxy);
  if (perMessageDeflate !== undefined && typeof perMessageDeflate !== 'boolean') {
    if (perMessageDeflate === null || typeof perMessageDeflate !== 'object') {
      throw new TransportOptionsError('perMessageDeflate', 'expected a boolean or { threshold }');
    }
    const { threshold } = perMessageDeflate;
    if (threshold !== undefined && !(Number.isInteger(threshold) && threshold >= 0)) {
      throw new TransportOptionsError('perMessageDeflate.threshold', 'expected a non-negative integer');
    }
  }
  if (headers !== undefined) {
    if (headers === null || typeof headers !== 'object')
      throw new TransportOptionsError('headers', 'expected an object');
    for (const [name, value] of Object.entries(headers)) validateHeader(`headers.${name}`, name, value);
  }
  if (maxPayload !== undefined && !isPositiveInteger(maxPayload)) {
    throw new TransportOptionsError('maxPayload', 'expected a positive integer number of bytes');
  }
  if (handshakeTimeout !== undefined && !isPositiveInteger(handshakeTimeout)) {
    throw new TransportOptionsError('handshakeTimeout', 'expected a positive integer number of milliseconds');
  }
}

function validateHeader(option: string, name: string, value: unknown): void {
  if (RESERVED_HEADER.test(name)) {
    throw new TransportOptionsError(
      option,
      'this header belongs to the WebSocket handshake and cannot be set',
    );
  }
  if (typeof value !== 'string') throw new TransportOptionsError(option, 'expected a string value');
  try {
    http.validateHeaderName(name);
    http.validateHeaderValue(name, value);
  } catch (cause) {
    throw new TransportOptionsError(option, 'invalid header name or value', { cause });
  }
}

/**
 * Translate {@link NodeTransportOptions} into `ws` client options for one connection to `url`.
 * `headers` are the per-connection headers of the client core (`X-M2M-Origin`, `Authorization`);
 * they override {@link NodeTransportOptions.headers}.
 *
 * @throws {TransportOptionsError} when an option is invalid, or `tls` is given for a `ws://` URL.
 */
export function toWsClientOptions(
  options: NodeTransportOptions,
  url: string,
  headers: Record<string, string> = {},
): ClientOptions {
  validateNodeTransportOptions(options);
  let secure: boolean;
  try {
    const protocol = new URL(url).protocol;
    secure = protocol === 'wss:' || protocol === 'https:';
  } catch (cause) {
    throw new TransportOptionsError('url', `not a URL: ${JSON.stringify(url)}`, { cause });
  }
  if (options.tls && !secure) {
    throw new TransportOptionsError('tls', `TLS options were given but ${url} is not a wss:// URL`);
  }
  for (const [name, value] of Object.entries(headers)) validateHeader(`request header ${name}`, name, value);

  const deflate = options.perMessageDeflate ?? true;
  const result: ClientOptions = {
    headers: mergeHeaders(options.headers ?? {}, headers),
    perMessageDeflate:
      deflate === false
        ? false
        : { threshold: (typeof deflate === 'object' ? deflate.threshold : undefined) ?? 1024 },
  };
  if (options.maxPayload !== undefined) result.maxPayload = options.maxPayload;
  if (options.handshakeTimeout !== undefined) result.handshakeTimeout = options.handshakeTimeout;
  if (secure) {
    const tls = options.tls ?? {};
    if (tls.ca !== undefined) result.ca = tls.ca;
    if (tls.cert !== undefined) result.cert = tls.cert;
    if (tls.key !== undefined) result.key = tls.key;
    if (tls.passphrase !== undefined) result.passphrase = tls.passphrase;
    if (tls.servername !== undefined) (result as { servername?: string }).servername = tls.servername;
    // Explicit, so that no inherited default can ever switch verification off.
    result.rejectUnauthorized = tls.rejectUnauthorized ?? true;
  }
  if (options.proxy !== undefined) {
    const connector = createTunnelConnector(parseProxyUrl(options.proxy), secure, options.handshakeTimeout);
    // ws types `createConnection` as net's synchronous form; Node's http client also accepts
    // the callback form our tunnel needs (the socket exists only after the proxy answered).
    result.createConnection = connector as unknown as ClientOptions['createConnection'];
  }
  return result;
}

/** Merge header maps case-insensitively; later maps win. */
function mergeHeaders(...maps: Record<string, string>[]): Record<string, string> {
  const byLowerName = new Map<string, [string, string]>();
  for (const map of maps) {
    for (const [name, value] of Object.entries(map)) byLowerName.set(name.toLowerCase(), [name, value]);
  }
  return Object.fromEntries(byLowerName.values());
}
