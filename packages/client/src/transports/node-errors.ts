/**
 * Errors raised by the Node transport (options, proxy tunnel). They reach the client core as the
 * `cause` of a handshake failure, so a caller can branch on `err.cause.code`.
 */

/** Why a Node transport option was refused. */
export type TransportOptionsErrorCode = 'INVALID_TRANSPORT_OPTION';

/**
 * A Node transport option (`tls`, `proxy`, `perMessageDeflate`, `headers`, `maxPayload`,
 * `keepalive`, `handshakeTimeout`) has a value the transport cannot use. Thrown synchronously by
 * `createNodeSocketAdapter` and `toWsClientOptions`, so configuration mistakes surface at start-up.
 */
export class TransportOptionsError extends Error {
  override readonly name = 'TransportOptionsError';
  /** Machine-readable reason. */
  readonly code: TransportOptionsErrorCode = 'INVALID_TRANSPORT_OPTION';
  /** Dotted path of the offending option, e.g. `proxy` or `keepalive.intervalMs`. */
  readonly option: string;

  constructor(option: string, message: string, options: { cause?: unknown } = {}) {
    super(`${option}: ${message}`, { cause: options.cause });
    this.option = option;
  }
}

/** Why an HTTP CONNECT tunnel (TS-0020 6.6) could not be opened. */
export type ProxyConnectErrorCode =
  /** The proxy answered the CONNECT with a status other than 200 (e.g. 407, 403, 502). */
  | 'PROXY_REFUSED'
  /** The proxy could not be reached or dropped the connection before answering. */
  | 'PROXY_UNREACHABLE'
  /** The proxy did not answer the CONNECT within the handshake timeout. */
  | 'PROXY_TIMEOUT';

/**
 * The HTTP CONNECT tunnel through the configured proxy failed. The adapter reports it as a
 * handshake failure whose `status` is the proxy's status (for `PROXY_REFUSED`) and whose `cause`
 * is this error.
 */
export class ProxyConnectError extends Error {
  override readonly name = 'ProxyConnectError';
  /** Machine-readable reason. */
  readonly code: ProxyConnectErrorCode;
  /** HTTP status of the proxy's CONNECT reply, for `PROXY_REFUSED`. */
  readonly statusCode?: number;
  /** The proxy, as `http://host:port` (credentials removed). */
  readonly proxy: string;

  constructor(
    code: ProxyConnectErrorCode,
    message: string,
    options: { proxy: string; statusCode?: number; cause?: unknown },
  ) {
    super(message, { cause: options.cause });
    this.code = code;
    this.proxy = options.proxy;
    if (options.statusCode !== undefined) this.statusCode = options.statusCode;
  }
}
