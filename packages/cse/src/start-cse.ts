import { once } from 'node:events';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Engine, EngineOptions } from './engine/contract.js';
import { createEngine } from './engine/index.js';
import { ConnectionRegistry } from './server/connection-registry.js';
import { FrameHandler } from './server/frame-handler.js';
import { createServerLog } from './server/logger.js';
import { ServerNotificationSink } from './server/notification-sink.js';
import { OfflineStore } from './server/offline-store.js';
import { type CseOptions, resolveOptions } from './server/options.js';
import { UrlDelivery } from './server/url-delivery.js';
import { WebSocketBinding } from './server/websocket-binding.js';

/** A running CSE, as {@link startCse} returns it. */
export interface CseHandle {
  /** `ws://host:port` (or `wss://`) to connect to; also the CSEBase `poa`. */
  readonly url: string;
  /** The port actually listened on (useful with `port: 0`). */
  readonly port: number;
  /** CSE-ID, e.g. `/id-in`. */
  readonly cseId: string;
  /** CSEBase resource name, e.g. `cse-in`. */
  readonly cseName: string;
  /**
   * Close every connection (1001), stop the engine's timers and free the port. Resolves when the
   * port is free; calling it again returns the same promise.
   */
  close(): Promise<void>;
}

/** Options of {@link startCse}, plus the engine factory used by the binding's own tests. */
export interface StartCseOptions extends CseOptions {
  /**
   * Build the resource engine. Replace it only to test the binding in isolation.
   * @default the in-memory TS-0004 engine of this package
   */
  engineFactory?: (options: EngineOptions) => Engine;
}

/**
 * Start the embedded development CSE: an http(s) server that speaks the oneM2M WebSocket binding
 * (TS-0020) in front of an in-memory resource tree. For development and tests; production
 * deployments use a full CSE (ACME, OM2M, Mobius).
 *
 * @example
 * const cse = await startCse({ port: 0 });
 * // connect a client to cse.url, then
 * await cse.close();
 * @throws {CseOptionsError} for unusable options; the listen error (e.g. EADDRINUSE) when the port is taken.
 */
export async function startCse(options: StartCseOptions = {}): Promise<CseHandle> {
  const o = resolveOptions(options);
  const log = createServerLog(options.logger, o.verbose);

  const server = o.tls
    ? https.createServer({
        key: o.tls.key,
        cert: o.tls.cert,
        ...(o.tls.ca !== undefined ? { ca: o.tls.ca } : {}),
        requestCert: o.tls.requestCert ?? o.tls.ca !== undefined,
        rejectUnauthorized: o.tls.requestCert ?? o.tls.ca !== undefined,
      })
    : http.createServer();
  server.on('request', (_req, res) => {
    const body =
      'This is a oneM2M WebSocket endpoint (TS-0020): open a WebSocket with Sec-WebSocket-Protocol oneM2M.json\n';
    res.writeHead(426, {
      'Content-Type': 'text/plain; charset=utf-8',
      Upgrade: 'websocket',
      Connection: 'Upgrade',
    });
    res.end(body);
  });
  server.on('tlsClientError', (err) => log.warn(`TLS handshake refused: ${err.message}`));
  server.on('clientError', (_err, socket) => socket.destroy());

  server.listen(o.port, o.host);
  await Promise.race([
    once(server, 'listening'),
    once(server, 'error').then(([err]) => {
      throw err;
    }),
  ]);
  const port = (server.address() as AddressInfo).port;
  const url = `${o.tls ? 'wss' : 'ws'}://${urlHost(o.host)}:${port}`;

  // The sink exists before the engine (the engine needs it); it reads the engine through this.
  const created: { engine?: Engine } = {};
  const store = new OfflineStore(o.offlineStore.maxPerOriginator, o.now);
  const urls = new UrlDelivery(o.urlConnectionIdleMs);
  // Stored notifications go out once an AE is bound to a connection.
  const registry = new ConnectionRegistry((originator, connection) =>
    sink.scheduleFlush(originator, connection),
  );
  const sink: ServerNotificationSink = new ServerNotificationSink({
    cseId: o.cseId,
    registry,
    store,
    urls,
    log,
    requestTimeoutMs: o.requestTimeoutMs,
    defaultTtlMs: o.offlineStore.defaultTtlMs,
    now: o.now,
    isRegistered: (originator) => created.engine?.isRegistered(originator) ?? false,
  });

  let readyEngine: Engine;
  try {
    const factory = options.engineFactory ?? createEngine;
    readyEngine = factory({
      cseId: o.cseId,
      cseName: o.cseName,
      poa: [url],
      releaseVersion: o.releaseVersion,
      sink,
      now: o.now,
    });
  } catch (err) {
    server.close();
    throw err;
  }
  created.engine = readyEngine;

  const frames = new FrameHandler({
    cseId: o.cseId,
    releaseVersion: o.releaseVersion,
    registry,
    log,
    now: o.now,
    engine: () => readyEngine,
  });
  const binding = new WebSocketBinding(
    server,
    {
      cseId: o.cseId,
      serializations: o.serializations,
      perMessageDeflate: o.perMessageDeflate,
      maxPayload: o.maxPayload,
      maxConnections: o.maxConnections,
      pingIntervalMs: o.pingIntervalMs,
    },
    registry,
    frames,
    log,
  );
  log.info(`oneM2M CSE ${o.cseId}/${o.cseName} listening on ${url} (${o.serializations.join(', ')})`);

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      const serverClosed = new Promise<void>((resolve) => server.close(() => resolve()));
      await binding.close();
      urls.closeAll();
      store.clear();
      try {
        readyEngine.close();
      } catch (err) {
        log.error(`engine close failed: ${String(err)}`);
      }
      server.closeAllConnections();
      await serverClosed;
      log.info(`oneM2M CSE on ${url} closed`);
    })();
    return closing;
  };

  return { url, port, cseId: o.cseId, cseName: o.cseName, close };
}

/** Host part of the URL clients should use: wildcard addresses become loopback; IPv6 gets brackets. */
function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}
