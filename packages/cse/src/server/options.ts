import type { Serialization } from '@onem2m-ws/protocol';
import type { CseLogger } from './logger.js';

/** Key material for `wss`. Values are PEM strings or buffers, as `tls.createSecureContext` takes them. */
export interface CseTlsOptions {
  /** Private key of the server certificate (PEM). */
  key: string | Buffer;
  /** Server certificate chain (PEM). */
  cert: string | Buffer;
  /**
   * CA certificate(s) that client certificates must chain to. When given, the CSE asks for a client
   * certificate and refuses the TLS handshake without a valid one (mutual TLS, TS-0020 §7).
   * @default undefined (no client certificate is asked for)
   */
  ca?: string | Buffer | Array<string | Buffer>;
  /**
   * Ask clients for a certificate and refuse those without a valid one.
   * @default true when `ca` is given, otherwise false
   */
  requestCert?: boolean;
}

/** Bounds of the store for notifications whose target AE is offline (TS-0020 V3 §6.5). */
export interface OfflineStoreOptions {
  /**
   * Most notifications kept per AE; the oldest is dropped when a new one would exceed it.
   * @default 100
   */
  maxPerOriginator?: number;
  /**
   * Lifetime of a stored notification whose delivery carries no `expiresAt`, in ms.
   * @default 3_600_000 (one hour)
   */
  defaultTtlMs?: number;
}

/** Options of {@link startCse}. Every option is optional. */
export interface CseOptions {
  /**
   * TCP port to listen on; `0` picks a free port (read it back from `CseHandle.port`).
   * @default 8180
   */
  port?: number;
  /**
   * Interface to listen on.
   * @default '127.0.0.1'
   */
  host?: string;
  /**
   * CSE-ID of the CSE, with its leading slash.
   * @default '/id-in'
   */
  cseId?: string;
  /**
   * Resource name of the `<CSEBase>`.
   * @default 'cse-in'
   */
  cseName?: string;
  /**
   * Serializations the CSE accepts, in its order of preference. When a client offers several,
   * the first of this list that the client offered wins (the client's own order is ignored, as ACME does).
   * @default ['json', 'cbor', 'xml']
   */
  serializations?: Serialization[];
  /**
   * Accept `permessage-deflate` when a client offers it (RFC 7692, TS-0020 §6.2.2.8), without
   * context takeover so that messages under 1 KB are sent uncompressed (compressing every small
   * primitive quadruples the latency of a request). `false` declines it: the server handshake
   * then carries no `Sec-WebSocket-Extensions`.
   * @default true
   */
  perMessageDeflate?: boolean;
  /**
   * Largest WebSocket message accepted, in bytes. A bigger message closes that connection with
   * 1009 (message too big); other connections are unaffected.
   * @default 8_388_608 (8 MiB)
   */
  maxPayload?: number;
  /**
   * Most WebSocket connections open at once; further handshakes get HTTP 503.
   * @default 1000
   */
  maxConnections?: number;
  /**
   * Interval of WebSocket pings, in ms. A connection that has not answered the previous ping is
   * cut, so an AE that vanished without a close is seen as offline and its notifications are
   * stored instead of timing out. `0` disables pings.
   * @default 30_000
   */
  pingIntervalMs?: number;
  /**
   * Serve `wss` with these keys instead of `ws`.
   * @default undefined (plain `ws`)
   */
  tls?: CseTlsOptions;
  /**
   * `rvi` the CSE puts on the requests it originates and on responses to requests without `rvi`.
   * @default '3'
   */
  releaseVersion?: string;
  /**
   * Time the CSE waits for a client's response to a request it sent (notify, verification), in ms,
   * unless the engine gives its own timeout.
   * @default 10_000
   */
  requestTimeoutMs?: number;
  /**
   * How long an outgoing connection to a `ws://` notification URI stays open after its last use, in ms,
   * so that a burst of notifications shares one connection.
   * @default 1_000
   */
  urlConnectionIdleMs?: number;
  /** Bounds of the offline notification store. */
  offlineStore?: OfflineStoreOptions;
  /**
   * Log one line per primitive (received requests with their result, sent notifications).
   * @default false
   */
  verbose?: boolean;
  /**
   * Where log lines go.
   * @default lines to stdout/stderr when `verbose`, otherwise nothing
   */
  logger?: CseLogger;
  /**
   * Clock in epoch ms, injectable for tests.
   * @default Date.now
   */
  now?: () => number;
}

/** {@link CseOptions} with every default applied. */
export interface ResolvedCseOptions {
  port: number;
  host: string;
  cseId: string;
  cseName: string;
  serializations: Serialization[];
  perMessageDeflate: boolean;
  maxPayload: number;
  maxConnections: number;
  pingIntervalMs: number;
  tls: CseTlsOptions | undefined;
  releaseVersion: string;
  requestTimeoutMs: number;
  urlConnectionIdleMs: number;
  offlineStore: Required<OfflineStoreOptions>;
  verbose: boolean;
  now: () => number;
}

const SERIALIZATIONS: readonly Serialization[] = ['json', 'cbor', 'xml'];

/** Thrown by {@link startCse} for options that cannot work. */
export class CseOptionsError extends Error {
  override readonly name = 'CseOptionsError';
  /** Machine-readable reason. */
  readonly code = 'INVALID_OPTION';
  /** Name of the offending option. */
  readonly option: string;

  constructor(option: string, message: string) {
    super(`${option}: ${message}`);
    this.option = option;
  }
}

/** Apply defaults and reject values that cannot work, naming the option. */
export function resolveOptions(options: CseOptions): ResolvedCseOptions {
  const port = options.port ?? 8180;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new CseOptionsError('port', 'must be an integer from 0 to 65535');
  }
  const cseId = options.cseId ?? '/id-in';
  if (!/^\/[A-Za-z0-9._-]+$/.test(cseId)) {
    throw new CseOptionsError('cseId', `"${cseId}" is not an SP-relative CSE-ID such as /id-in`);
  }
  const cseName = options.cseName ?? 'cse-in';
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(cseName)) {
    throw new CseOptionsError('cseName', `"${cseName}" is not a valid resource name`);
  }
  const serializations = options.serializations ?? [...SERIALIZATIONS];
  if (serializations.length === 0 || serializations.some((s) => !SERIALIZATIONS.includes(s))) {
    throw new CseOptionsError('serializations', 'must be a non-empty list of "json", "cbor", "xml"');
  }
  const positive = (name: string, value: number | undefined, fallback: number): number => {
    const v = value ?? fallback;
    if (!Number.isFinite(v) || v <= 0) throw new CseOptionsError(name, 'must be a positive number');
    return v;
  };
  const nonNegative = (name: string, value: number | undefined, fallback: number): number => {
    const v = value ?? fallback;
    if (!Number.isFinite(v) || v < 0) throw new CseOptionsError(name, 'must be a non-negative number');
    return v;
  };
  const tls = options.tls;
  if (tls && (!tls.key || !tls.cert)) throw new CseOptionsError('tls', 'needs both key and cert');
  return {
    port,
    host: options.host ?? '127.0.0.1',
    cseId,
    cseName,
    serializations: [...new Set(serializations)],
    perMessageDeflate: options.perMessageDeflate ?? true,
    maxPayload: positive('maxPayload', options.maxPayload, 8 * 1024 * 1024),
    maxConnections: positive('maxConnections', options.maxConnections, 1000),
    pingIntervalMs: nonNegative('pingIntervalMs', options.pingIntervalMs, 30_000),
    tls,
    releaseVersion: options.releaseVersion ?? '3',
    requestTimeoutMs: positive('requestTimeoutMs', options.requestTimeoutMs, 10_000),
    urlConnectionIdleMs: positive('urlConnectionIdleMs', options.urlConnectionIdleMs, 1_000),
    offlineStore: {
      maxPerOriginator: positive(
        'offlineStore.maxPerOriginator',
        options.offlineStore?.maxPerOriginator,
        100,
      ),
      defaultTtlMs: positive('offlineStore.defaultTtlMs', options.offlineStore?.defaultTtlMs, 3_600_000),
    },
    verbose: options.verbose ?? false,
    now: options.now ?? Date.now,
  };
}
