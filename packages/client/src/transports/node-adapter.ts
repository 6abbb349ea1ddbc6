/**
 * The Node socket adapter: `ws` with the Node transport options (TLS, CONNECT proxy,
 * permessage-deflate, headers, payload cap) and an optional keepalive. It can send handshake
 * headers, so the client core binds its originator with `X-M2M-Origin` here.
 */
import WebSocket from 'ws';
import type {
  Socket,
  SocketAdapter,
  SocketCloseInfo,
  SocketHandshakeFailure,
  SocketListeners,
  SocketOpenRequest,
} from '../socket-adapter.js';
import { ProxyConnectError } from './node-errors.js';
import { type KeepaliveOptions, startKeepalive, validateKeepaliveOptions } from './node-keepalive.js';
import {
  type NodeTransportOptions,
  toWsClientOptions,
  validateNodeTransportOptions,
} from './node-options.js';

/** Options of {@link createNodeSocketAdapter}: the transport options plus keepalive. */
export interface NodeSocketAdapterOptions extends NodeTransportOptions {
  /**
   * Ping the CSE every `intervalMs` and drop the connection when no pong arrives within
   * `timeoutMs`; the client then reopens it. `false` or absent: no pings (TCP alone detects drops).
   * @default false
   */
  keepalive?: KeepaliveOptions | false;
}

/** Longest part of a refused upgrade's body quoted in the failure message. */
const MAX_REFUSAL_BODY = 512;
/** How long a refused upgrade's body may take to arrive before the failure is reported without it. */
const REFUSAL_BODY_WAIT_MS = 1000;

/**
 * Create the Node adapter. Options are validated now, so a wrong option throws here rather than
 * on the first connection.
 *
 * @throws {TransportOptionsError} naming the offending option.
 */
export function createNodeSocketAdapter(options: NodeSocketAdapterOptions = {}): SocketAdapter {
  validateNodeTransportOptions(options);
  if (options.keepalive) validateKeepaliveOptions(options.keepalive);
  return {
    capabilities: { handshakeHeaders: true },
    open: (request, listeners) => openNodeSocket(options, request, listeners),
  };
}

function openNodeSocket(
  options: NodeSocketAdapterOptions,
  request: SocketOpenRequest,
  listeners: SocketListeners,
): Socket {
  let ws: WebSocket;
  try {
    ws = new WebSocket(
      request.url,
      request.protocols,
      toWsClientOptions(options, request.url, request.headers),
    );
  } catch (cause) {
    // A bad URL or header: report it like any other failed handshake, asynchronously, so the
    // caller sees the same sequence of events whatever went wrong.
    return failedSocket(cause, listeners);
  }
  ws.binaryType = 'nodebuffer';

  let opened = false;
  let failed = false;
  let closedLocally = false;
  let closeReason: string | undefined;
  let stopKeepalive: (() => void) | undefined;

  const handshakeFailed = (failure: SocketHandshakeFailure) => {
    if (opened || failed || closedLocally) return;
    failed = true;
    listeners.onHandshakeError(failure);
  };

  ws.on('unexpected-response', (req, res) => {
    // Quote the start of the body: servers explain refusals there ("missing subprotocol").
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      clearTimeout(bodyTimer);
      const body = Buffer.concat(chunks).toString('utf8').slice(0, MAX_REFUSAL_BODY).trim();
      const status = res.statusCode ?? 0;
      const head = `server refused the WebSocket upgrade: ${status} ${res.statusMessage ?? ''}`.trim();
      handshakeFailed({ status, message: body ? `${head} (${body})` : head });
      req.destroy();
      ws.terminate();
    };
    // The body is only decoration: never let a server that keeps it open delay the failure.
    const bodyTimer = setTimeout(finish, REFUSAL_BODY_WAIT_MS);
    res.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      size += chunk.length;
      if (size >= MAX_REFUSAL_BODY) finish();
    });
    res.once('end', finish);
    res.once('error', finish);
    res.once('close', finish);
  });

  ws.on('error', (err: Error) => {
    if (!opened) {
      const failure: SocketHandshakeFailure = { message: err.message, cause: err };
      if (err instanceof ProxyConnectError && err.statusCode !== undefined) failure.status = err.statusCode;
      handshakeFailed(failure);
    } else {
      // After the handshake ws closes the socket itself (1002/1009); keep the reason for onClose.
      closeReason ??= err.message;
    }
  });

  ws.on('open', () => {
    opened = true;
    if (options.keepalive) {
      stopKeepalive = startKeepalive(ws, options.keepalive, (timeout) => {
        closeReason = timeout.reason;
      });
    }
    listeners.onOpen({ protocol: ws.protocol, extensions: ws.extensions });
  });

  ws.on('message', (data: Buffer | ArrayBuffer | Buffer[], isBinary: boolean) => {
    const buffer = Buffer.isBuffer(data)
      ? data
      : Array.isArray(data)
        ? Buffer.concat(data)
        : Buffer.from(data);
    if (isBinary) listeners.onMessage(new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength));
    else listeners.onMessage(buffer.toString('utf8'));
  });

  // The event-target form gives `wasClean` (both close frames exchanged), which 'close' lacks.
  ws.addEventListener('close', (event) => {
    stopKeepalive?.();
    const info: SocketCloseInfo = {
      code: event.code,
      reason: event.reason || closeReason || '',
      wasClean: event.wasClean,
    };
    listeners.onClose(info);
  });

  return {
    send(data) {
      ws.send(data, { binary: typeof data !== 'string' });
    },
    close(code, reason) {
      if (ws.readyState === WebSocket.CONNECTING) {
        closedLocally = true;
        closeReason = 'closed before the connection was established';
      }
      ws.close(code, reason);
    },
    get bufferedAmount() {
      return ws.bufferedAmount;
    },
  };
}

/** A socket that never opened: reports the failure and the close on the next tick. */
function failedSocket(cause: unknown, listeners: SocketListeners): Socket {
  let closed = false;
  queueMicrotask(() => {
    if (closed) return;
    listeners.onHandshakeError({ message: cause instanceof Error ? cause.message : String(cause), cause });
    closed = true;
    listeners.onClose({ code: 1006, reason: 'connection could not be attempted', wasClean: false });
  });
  return {
    send() {
      throw new Error('socket is closed: the connection could not be attempted');
    },
    close() {
      if (closed) return;
      closed = true;
      listeners.onClose({
        code: 1006,
        reason: 'closed before the connection was established',
        wasClean: false,
      });
    },
    bufferedAmount: 0,
  };
}
