import IsomorphicWebSocket from 'isomorphic-ws';
import type { Socket, SocketAdapter, SocketListeners } from '../socket-adapter.js';

/**
 * The part of a WebSocket object the adapter uses: the WHATWG `WebSocket` of browsers, Deno and
 * Node 22+, and the `ws` package (which also implements this event-handler API).
 */
export interface WebSocketLike {
  binaryType: string;
  readonly protocol: string;
  readonly extensions: string;
  readonly bufferedAmount: number;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code: number; reason: string; wasClean: boolean }) => void) | null;
  onerror: ((event: unknown) => void) | null;
  send(data: string | ArrayBufferView | ArrayBuffer): void;
  close(code?: number, reason?: string): void;
}

/**
 * A WebSocket constructor. Browsers' takes `(url, protocols)`; `ws` also takes a third options
 * argument (headers, TLS, agent...), used when the adapter knows the constructor accepts it.
 */
export type WebSocketConstructor = new (
  url: string,
  protocols?: string | string[],
  options?: any,
) => WebSocketLike;

/** Options of {@link createWebSocketAdapter}. */
export interface WebSocketAdapterOptions {
  /**
   * The WebSocket implementation.
   * @default isomorphic-ws: the `ws` package in Node, the global `WebSocket` in browsers
   */
  WebSocket?: WebSocketConstructor;
  /**
   * Handshake headers sent on every connection (e.g. `Authorization`), merged under the headers
   * the client adds (`X-M2M-Origin`). Ignored when the implementation cannot send headers.
   * @default {}
   */
  headers?: Record<string, string>;
  /**
   * Options passed as the third constructor argument of `ws` in Node (`ca`, `cert`, `key`,
   * `agent`, `perMessageDeflate`, `maxPayload`, `handshakeTimeout`, ...). Ignored in browsers.
   * The Node transport (`transports/node-*`) builds this object from friendlier options.
   * @default {}
   */
  nodeOptions?: Record<string, unknown>;
  /**
   * Whether the implementation can send handshake headers. Detected by default: `ws`-like
   * constructors (with `ping` on their prototype) can, browser `WebSocket` cannot.
   * @default detected
   */
  handshakeHeaders?: boolean;
}

// ws reports a refused upgrade only through this error text; compiled once.
const UNEXPECTED_RESPONSE = /Unexpected server response: (\d{3})/;

/** Wires the listeners to a WHATWG-style WebSocket object. */
function connect(ws: WebSocketLike, listeners: SocketListeners): Socket {
  // The handshake outcome is reported once: an error after open (or after close) is the close's.
  let settled = false;
  ws.binaryType = 'arraybuffer';
  ws.onopen = () => {
    settled = true;
    listeners.onOpen({ protocol: ws.protocol ?? '', extensions: ws.extensions ?? '' });
  };
  ws.onmessage = ({ data }) => {
    if (typeof data === 'string') listeners.onMessage(data);
    else if (data instanceof ArrayBuffer) listeners.onMessage(new Uint8Array(data));
    else if (ArrayBuffer.isView(data))
      listeners.onMessage(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
  };
  ws.onerror = (event) => {
    if (settled) return;
    // A browser `Event` carries nothing; a `ws` `ErrorEvent` carries `message` and `error`.
    const e = event as { message?: unknown; error?: unknown } | undefined;
    const cause = e?.error ?? event;
    const message =
      (typeof e?.message === 'string' && e.message) ||
      (cause instanceof Error ? cause.message : 'WebSocket connection failed');
    const status = UNEXPECTED_RESPONSE.exec(message)?.[1];
    listeners.onHandshakeError(status ? { status: Number(status), message, cause } : { message, cause });
  };
  let closed = false;
  ws.onclose = ({ code, reason, wasClean }) => {
    settled = true;
    if (closed) return;
    closed = true;
    listeners.onClose({ code, reason, wasClean });
  };
  return {
    get bufferedAmount() {
      return ws.bufferedAmount;
    },
    send: (data) => ws.send(data),
    close(code, reason) {
      try {
        ws.close(code, reason);
      } catch {
        // Closing a socket that is still connecting throws in some implementations; treat as closed.
        ws.close();
      }
    },
  };
}

/**
 * Creates the default socket adapter, built on isomorphic-ws or any WebSocket constructor.
 * @example createWebSocketAdapter({ headers: { Authorization: 'Bearer x' } })
 */
export function createWebSocketAdapter(options: WebSocketAdapterOptions = {}): SocketAdapter {
  const WebSocket = options.WebSocket ?? (IsomorphicWebSocket as unknown as WebSocketConstructor);
  const { headers, nodeOptions = {} } = options;
  // ws-like constructors (with `ping` on their prototype) take a third options argument.
  const nodeStyle = typeof (WebSocket.prototype as { ping?: unknown } | undefined)?.ping === 'function';
  return {
    capabilities: { handshakeHeaders: options.handshakeHeaders ?? nodeStyle },
    open(request, listeners) {
      try {
        return connect(
          nodeStyle
            ? new WebSocket(request.url, request.protocols, {
                ...nodeOptions,
                headers: { ...(nodeOptions.headers as object), ...headers, ...request.headers },
              })
            : new WebSocket(request.url, request.protocols),
          listeners,
        );
      } catch (error) {
        // The constructor threw (bad URL, ...): report it like a failed handshake, asynchronously.
        queueMicrotask(() => {
          listeners.onHandshakeError({ message: String((error as Error)?.message ?? error), cause: error });
          listeners.onClose({ code: 1006, reason: 'connection could not be created', wasClean: false });
        });
        return { send() {}, close() {} };
      }
    },
  };
}

/** True when `value` is a {@link SocketAdapter} rather than a WebSocket constructor. */
export function isSocketAdapter(value: unknown): value is SocketAdapter {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as SocketAdapter).open === 'function' &&
    typeof (value as SocketAdapter).capabilities === 'object'
  );
}
