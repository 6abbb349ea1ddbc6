import IsomorphicWebSocket from 'isomorphic-ws';
import type {
  Socket,
  SocketAdapter,
  SocketAdapterCapabilities,
  SocketListeners,
  SocketOpenRequest,
} from '../socket-adapter.js';

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

/** True for constructors that take the third `ws` options argument. */
function acceptsNodeOptions(ctor: WebSocketConstructor): boolean {
  const proto = (ctor as unknown as { prototype?: Record<string, unknown> }).prototype;
  return typeof proto?.ping === 'function';
}

/** Reads the message of a browser `Event` or a `ws` `ErrorEvent`. */
function describeError(event: unknown): { message: string; cause?: unknown } {
  const e = event as { message?: unknown; error?: unknown } | undefined;
  const cause = e?.error ?? event;
  if (typeof e?.message === 'string' && e.message) return { message: e.message, cause };
  if (e?.error instanceof Error) return { message: e.error.message, cause };
  return { message: 'WebSocket connection failed', cause };
}

/** One connection over a WHATWG-style WebSocket object. */
class WebSocketConnection implements Socket {
  readonly #ws: WebSocketLike;
  #opened = false;
  #closed = false;

  constructor(ws: WebSocketLike, listeners: SocketListeners) {
    this.#ws = ws;
    ws.binaryType = 'arraybuffer';
    ws.onopen = () => {
      this.#opened = true;
      listeners.onOpen({ protocol: ws.protocol ?? '', extensions: ws.extensions ?? '' });
    };
    ws.onmessage = (event) => {
      const data = event.data;
      if (typeof data === 'string') listeners.onMessage(data);
      else if (data instanceof ArrayBuffer) listeners.onMessage(new Uint8Array(data));
      else if (ArrayBuffer.isView(data)) {
        listeners.onMessage(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
      }
    };
    ws.onerror = (event) => {
      if (this.#opened || this.#closed) return;
      const { message, cause } = describeError(event);
      const status = UNEXPECTED_RESPONSE.exec(message)?.[1];
      listeners.onHandshakeError(status ? { status: Number(status), message, cause } : { message, cause });
    };
    ws.onclose = (event) => {
      if (this.#closed) return;
      this.#closed = true;
      listeners.onClose({ code: event.code, reason: event.reason, wasClean: event.wasClean });
    };
  }

  get bufferedAmount(): number {
    return this.#ws.bufferedAmount;
  }

  send(data: string | Uint8Array): void {
    this.#ws.send(data);
  }

  close(code?: number, reason?: string): void {
    try {
      this.#ws.close(code, reason);
    } catch {
      // Closing a socket that is still connecting throws in some implementations; treat as closed.
      this.#ws.close();
    }
  }
}

/** A socket whose constructor threw (bad URL, ...): reports the failure asynchronously. */
class FailedSocket implements Socket {
  constructor(listeners: SocketListeners, error: unknown) {
    queueMicrotask(() => {
      listeners.onHandshakeError({
        message: error instanceof Error ? error.message : String(error),
        cause: error,
      });
      listeners.onClose({ code: 1006, reason: 'connection could not be created', wasClean: false });
    });
  }
  send(): void {}
  close(): void {}
}

/** The default {@link SocketAdapter}, built on isomorphic-ws or any WebSocket constructor. */
export class WebSocketAdapter implements SocketAdapter {
  readonly capabilities: SocketAdapterCapabilities;
  readonly #ctor: WebSocketConstructor;
  readonly #headers: Record<string, string>;
  readonly #nodeOptions: Record<string, unknown>;
  readonly #nodeStyle: boolean;

  constructor(options: WebSocketAdapterOptions = {}) {
    this.#ctor = options.WebSocket ?? (IsomorphicWebSocket as unknown as WebSocketConstructor);
    this.#headers = options.headers ?? {};
    this.#nodeOptions = options.nodeOptions ?? {};
    this.#nodeStyle = acceptsNodeOptions(this.#ctor);
    this.capabilities = { handshakeHeaders: options.handshakeHeaders ?? this.#nodeStyle };
  }

  open(request: SocketOpenRequest, listeners: SocketListeners): Socket {
    try {
      let ws: WebSocketLike;
      if (this.#nodeStyle) {
        const extra = this.#nodeOptions.headers as Record<string, string> | undefined;
        const headers = { ...extra, ...this.#headers, ...request.headers };
        ws = new this.#ctor(request.url, request.protocols, { ...this.#nodeOptions, headers });
      } else {
        ws = new this.#ctor(request.url, request.protocols);
      }
      return new WebSocketConnection(ws, listeners);
    } catch (error) {
      return new FailedSocket(listeners, error);
    }
  }
}

/**
 * Creates the default socket adapter.
 * @example createWebSocketAdapter({ headers: { Authorization: 'Bearer x' } })
 */
export function createWebSocketAdapter(options: WebSocketAdapterOptions = {}): WebSocketAdapter {
  return new WebSocketAdapter(options);
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
