import type { Server as HttpServer, IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Serialization } from '@onem2m-ws/protocol';
import { type WebSocket, WebSocketServer } from 'ws';
import { codecFor } from './codecs.js';
import { ClientConnection } from './connection.js';
import type { ConnectionRegistry } from './connection-registry.js';
import type { FrameHandler } from './frame-handler.js';
import type { ServerLog } from './logger.js';
import { isPlaceholderOriginator, originatorKey } from './originator-id.js';
import {
  parseOfferedSubprotocols,
  type SelectedSubprotocol,
  selectSubprotocol,
} from './subprotocol-selection.js';

/** Settings of the WebSocket side of the server. */
export interface BindingSettings {
  cseId: string;
  serializations: Serialization[];
  perMessageDeflate: boolean;
  maxPayload: number;
  maxConnections: number;
  /** Ping interval in ms; 0 disables the heartbeat. */
  pingIntervalMs: number;
}

/** Outcome of checking a handshake request. */
type Admission =
  | { ok: true; selected: SelectedSubprotocol; origin: string | undefined }
  | { ok: false; status: number; reason: string };

/** Longest `X-M2M-Origin` accepted; IDs are short, this only bounds what we keep and log. */
const MAX_ORIGIN_LENGTH = 512;
/** How long `close()` waits for closing handshakes before cutting sockets. */
const CLOSE_GRACE_MS = 1000;

/**
 * permessage-deflate parameters when the extension is enabled. With context takeover, `ws`
 * compresses every message whatever its size (its `threshold` applies only without it), and a
 * primitive of a few hundred bytes then costs a zlib round trip on both sides: 4x the latency of a
 * create (bench/findings.md, finding 4). Without context takeover, messages under 1 KB go out
 * uncompressed and large ones (discovery results, big `con`) are still compressed.
 */
const SMALL_FRAMES_UNCOMPRESSED = {
  serverNoContextTakeover: true,
  clientNoContextTakeover: true,
  threshold: 1024,
} as const;

/**
 * The server side of the TS-0020 opening handshake and connection lifecycle, on an existing
 * http(s) server: subprotocol selection, refusals with HTTP status and reason, originator binding.
 */
export class WebSocketBinding {
  readonly #settings: BindingSettings;
  readonly #registry: ConnectionRegistry;
  readonly #frames: FrameHandler;
  readonly #log: ServerLog;
  readonly #wss: WebSocketServer;
  readonly #selected = new WeakMap<IncomingMessage, SelectedSubprotocol>();
  readonly #connections = new Set<ClientConnection>();
  /** Sockets between the upgrade request and the end of the handshake, cut on shutdown. */
  readonly #handshaking = new Set<Duplex>();
  /** Connections that answered the last ping (or have not been pinged yet). */
  readonly #alive = new WeakSet<ClientConnection>();
  #heartbeat: ReturnType<typeof setInterval> | undefined;
  #nextId = 1;
  #closing = false;

  constructor(
    server: HttpServer,
    settings: BindingSettings,
    registry: ConnectionRegistry,
    frames: FrameHandler,
    log: ServerLog,
  ) {
    this.#settings = settings;
    this.#registry = registry;
    this.#frames = frames;
    this.#log = log;
    this.#wss = new WebSocketServer({
      noServer: true,
      clientTracking: false,
      perMessageDeflate: settings.perMessageDeflate ? SMALL_FRAMES_UNCOMPRESSED : false,
      maxPayload: settings.maxPayload,
      // The choice was made (and the handshake refused if needed) before handleUpgrade.
      handleProtocols: (_protocols, request) => this.#selected.get(request)?.protocol ?? false,
    });
    server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
      this.#onUpgrade(request, socket, head);
    });
    if (settings.pingIntervalMs > 0) {
      this.#heartbeat = setInterval(() => this.#ping(), settings.pingIntervalMs);
      this.#heartbeat.unref?.();
    }
  }

  /** Close every connection with 1001 and stop accepting new ones; resolves when all are gone. */
  async close(): Promise<void> {
    this.#closing = true;
    clearInterval(this.#heartbeat);
    for (const socket of this.#handshaking) socket.destroy();
    const closed = [...this.#connections].map(
      (connection) =>
        new Promise<void>((resolve) => {
          if (connection.socket.readyState === connection.socket.CLOSED) return resolve();
          connection.socket.once('close', () => resolve());
          connection.close(1001, 'CSE shutting down');
        }),
    );
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([Promise.all(closed), new Promise((r) => (timer = setTimeout(r, CLOSE_GRACE_MS)))]);
    clearTimeout(timer);
    for (const connection of this.#connections) connection.socket.terminate();
    await Promise.all(closed);
    this.#wss.close();
  }

  #onUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on('error', () => {});
    try {
      const admission = this.#admit(request);
      if (!admission.ok) {
        this.#log.warn(`refused a handshake (${admission.status}): ${admission.reason}`);
        refuse(socket, admission.status, admission.reason);
        return;
      }
      const { selected, origin } = admission;
      this.#selected.set(request, selected);
      this.#handshaking.add(socket);
      // ws ends the socket itself when the upgrade request is otherwise invalid.
      socket.once('close', () => this.#handshaking.delete(socket));
      this.#wss.handleUpgrade(request, socket, head, (ws) => {
        this.#handshaking.delete(socket);
        this.#onOpen(ws, selected, origin);
      });
    } catch (err) {
      this.#log.error(`upgrade failed: ${String(err)}`);
      refuse(socket, 500, 'Internal error');
    }
  }

  /** Cut connections that missed the previous ping, then ping the others. */
  #ping(): void {
    for (const connection of this.#connections) {
      if (!this.#alive.has(connection)) {
        this.#log.warn(`#${connection.id}: no pong, closing the connection`);
        connection.pending.closeAll();
        connection.socket.terminate();
        continue;
      }
      this.#alive.delete(connection);
      try {
        connection.socket.ping();
      } catch {
        // The socket is closing; its close handler cleans up.
      }
    }
  }

  /** Decide on a handshake before ws completes it, so refusals carry our status and reason. */
  #admit(request: IncomingMessage): Admission {
    if (this.#closing) return { ok: false, status: 503, reason: 'CSE is shutting down' };
    if (this.#connections.size + this.#handshaking.size >= this.#settings.maxConnections) {
      return { ok: false, status: 503, reason: 'Too many connections' };
    }
    const offered = parseOfferedSubprotocols(request.headers['sec-websocket-protocol']);
    const selection = selectSubprotocol(offered, this.#settings.serializations);
    if (!selection.ok) return { ok: false, status: 400, reason: selection.reason };
    const origin = readOrigin(request.headers['x-m2m-origin']);
    if (origin === null) return { ok: false, status: 400, reason: 'Invalid X-M2M-Origin header' };
    return { ok: true, selected: selection.selected, origin };
  }

  #onOpen(socket: WebSocket, selected: SelectedSubprotocol, origin: string | undefined): void {
    const connection = new ClientConnection(
      this.#nextId++,
      socket,
      selected.protocol,
      codecFor(selected.serialization),
    );
    this.#connections.add(connection);
    this.#alive.add(connection);
    socket.on('pong', () => this.#alive.add(connection));
    socket.on('message', (data, isBinary) => {
      void this.#frames.handle(connection, data, isBinary);
    });
    socket.on('error', (err) => {
      // ws closes the connection after a protocol error (e.g. 1009 for maxPayload); only log here.
      this.#log.warn(`#${connection.id}: ${err.message}`);
    });
    socket.on('close', (code, reason) => {
      this.#connections.delete(connection);
      connection.pending.closeAll();
      this.#registry.remove(connection);
      this.#log.info(`#${connection.id} closed (${code}${reason.length ? ` ${reason.toString()}` : ''})`);
    });
    this.#log.info(
      `#${connection.id} open (${selected.protocol}${origin ? `, X-M2M-Origin ${origin}` : ''})`,
    );
    if (origin !== undefined && !isPlaceholderOriginator(origin)) {
      try {
        this.#registry.bind(originatorKey(origin, this.#settings.cseId), connection, 'explicit');
      } catch (err) {
        this.#log.error(`#${connection.id}: binding ${origin} failed: ${String(err)}`);
      }
    }
  }
}

/** `undefined` when absent, `null` when unusable, else the trimmed value. */
function readOrigin(header: string | string[] | undefined): string | undefined | null {
  if (header === undefined) return undefined;
  if (Array.isArray(header)) return header.length === 1 ? readOrigin(header[0]) : null;
  const value = header.trim();
  if (value.length > MAX_ORIGIN_LENGTH || /[\s,]/.test(value)) return null;
  return value;
}

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/**
 * Refuse a handshake with an HTTP status, the reason as reason phrase (TS-0020 §6.2.3.1 allows
 * "a corresponding reason phrase") and as a plain-text body, for clients that only show one.
 */
function refuse(socket: Duplex, status: number, reason: string): void {
  const phrase = reason.replace(/[^\t\x20-\x7e]/g, ' ') || (STATUS_TEXT[status] ?? 'Error');
  const body = `${reason}\n`;
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  socket.once('finish', () => socket.destroy());
  socket.end(
    `HTTP/1.1 ${status} ${phrase}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}
