import type {
  Socket,
  SocketAdapter,
  SocketAdapterCapabilities,
  SocketCloseInfo,
  SocketListeners,
  SocketOpenRequest,
} from '../socket-adapter.js';

/**
 * An in-memory socket pair for unit tests: the client side is a {@link SocketAdapter}, the
 * server side a {@link MemoryServer} that test code scripts (accept or refuse handshakes, read
 * what the client sent, answer, push requests, close or drop the connection). Delivery is
 * asynchronous (one microtask per message, in order), like a real socket.
 */

/** How the scripted server answers one opening handshake. */
export type MemoryHandshakeDecision =
  /** Accept and select `protocol` ('' selects none). */
  | { protocol: string; extensions?: string }
  /** Refuse with an HTTP status. */
  | { refuse: number; message?: string };

/** Server side of one in-memory connection. */
export class MemoryServerConnection {
  /** What the client asked for: URL, offered subprotocols, handshake headers. */
  readonly request: SocketOpenRequest;
  /** The subprotocol the server selected. */
  readonly protocol: string;
  /** Every message the client sent, in order. */
  readonly received: (string | Uint8Array)[] = [];
  /** Close details once the connection closed. */
  closeInfo: SocketCloseInfo | undefined;
  readonly #listeners: SocketListeners;
  readonly #waiters: ((data: string | Uint8Array) => void)[] = [];
  readonly #messageHandlers: ((data: string | Uint8Array) => void)[] = [];
  readonly #closeWaiters: ((info: SocketCloseInfo) => void)[] = [];
  #readIndex = 0;

  constructor(request: SocketOpenRequest, protocol: string, listeners: SocketListeners) {
    this.request = request;
    this.protocol = protocol;
    this.#listeners = listeners;
  }

  /** True once either side closed the connection. */
  get closed(): boolean {
    return this.closeInfo !== undefined;
  }

  /** Sends a message to the client (a `string` is a text frame, a `Uint8Array` a binary one). */
  send(data: string | Uint8Array): void {
    if (this.closed) return;
    queueMicrotask(() => {
      if (!this.closed) this.#listeners.onMessage(data);
    });
  }

  /** Sends `value` as a JSON text frame. */
  sendJson(value: unknown): void {
    this.send(JSON.stringify(value));
  }

  /**
   * Resolves with the next message the client sent that this reader has not consumed yet
   * (messages are buffered, so none is missed).
   */
  nextMessage(): Promise<string | Uint8Array> {
    const next = this.received[this.#readIndex];
    if (next !== undefined) {
      this.#readIndex++;
      return Promise.resolve(next);
    }
    return new Promise((resolve) => this.#waiters.push(resolve));
  }

  /** Like {@link nextMessage}, parsed as JSON (text frames only). */
  async nextJson<T = any>(): Promise<T> {
    const data = await this.nextMessage();
    if (typeof data !== 'string') throw new TypeError('expected a text frame, got a binary one');
    return JSON.parse(data) as T;
  }

  /** Calls `handler` for every later message from the client (in addition to the buffer). */
  onMessage(handler: (data: string | Uint8Array) => void): void {
    this.#messageHandlers.push(handler);
  }

  /** Closes cleanly with a close frame (`wasClean` true on the client). */
  close(code = 1000, reason = ''): void {
    this.#finish({ code, reason, wasClean: true });
  }

  /** Drops the connection without a close frame (code 1006, `wasClean` false). */
  drop(): void {
    this.#finish({ code: 1006, reason: '', wasClean: false });
  }

  /** Resolves when the connection has closed (from either side). */
  whenClosed(): Promise<SocketCloseInfo> {
    if (this.closeInfo) return Promise.resolve(this.closeInfo);
    return new Promise((resolve) => this.#closeWaiters.push(resolve));
  }

  /** @internal the client side sent `data`. */
  deliverFromClient(data: string | Uint8Array): void {
    if (this.closed) return;
    this.received.push(data);
    const waiter = this.#waiters.shift();
    if (waiter) {
      this.#readIndex++;
      waiter(data);
    }
    for (const handler of this.#messageHandlers) handler(data);
  }

  /** @internal the client side closed. */
  closeFromClient(code: number, reason: string): void {
    this.#finish({ code, reason, wasClean: true });
  }

  #finish(info: SocketCloseInfo): void {
    if (this.closed) return;
    this.closeInfo = info;
    queueMicrotask(() => this.#listeners.onClose(info));
    for (const waiter of this.#closeWaiters.splice(0)) waiter(info);
  }
}

/** The scripted server of a {@link createMemoryAdapter} pair. */
export class MemoryServer {
  /**
   * Decides each handshake. The default selects the client's first offered subprotocol.
   * Replace it to refuse, select nothing, or select a name the client did not offer; return a
   * promise to hold the handshake pending (a CSE that is slow or down).
   */
  handshake: (request: SocketOpenRequest) => MemoryHandshakeDecision | Promise<MemoryHandshakeDecision> = (
    request,
  ) => ({
    protocol: request.protocols[0] ?? '',
  });
  /** Every accepted connection, oldest first. */
  readonly connections: MemoryServerConnection[] = [];
  /** Every handshake request, accepted or refused, oldest first. */
  readonly handshakes: SocketOpenRequest[] = [];
  readonly #waiters: ((connection: MemoryServerConnection) => void)[] = [];
  #readIndex = 0;

  /** Resolves with the next accepted connection not yet returned by this method. */
  nextConnection(): Promise<MemoryServerConnection> {
    const next = this.connections[this.#readIndex];
    if (next) {
      this.#readIndex++;
      return Promise.resolve(next);
    }
    return new Promise((resolve) => this.#waiters.push(resolve));
  }

  /** The most recent accepted connection. */
  get current(): MemoryServerConnection | undefined {
    return this.connections[this.connections.length - 1];
  }

  /** @internal */
  accept(connection: MemoryServerConnection): void {
    this.connections.push(connection);
    const waiter = this.#waiters.shift();
    if (waiter) {
      this.#readIndex++;
      waiter(connection);
    }
  }
}

/** Client side of one in-memory connection. */
class MemoryClientSocket implements Socket {
  readonly bufferedAmount = 0;
  #connection: MemoryServerConnection | undefined;
  #closed = false;

  /** True once the client closed this socket. */
  get isClosed(): boolean {
    return this.#closed;
  }

  attach(connection: MemoryServerConnection): void {
    this.#connection = connection;
  }

  send(data: string | Uint8Array): void {
    if (this.#closed || !this.#connection) throw new Error('socket is not open');
    const connection = this.#connection;
    // Copy binary data: the client may reuse its buffer after send returns.
    const copy = typeof data === 'string' ? data : data.slice();
    queueMicrotask(() => connection.deliverFromClient(copy));
  }

  close(code = 1000, reason = ''): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#connection?.closeFromClient(code, reason);
  }
}

/** Options of {@link createMemoryAdapter}. */
export interface MemoryAdapterOptions {
  /**
   * Whether the adapter claims it can send handshake headers (Node-like) or not (browser-like).
   * @default true
   */
  handshakeHeaders?: boolean;
}

/** A connected adapter/server pair. */
export interface MemoryPair {
  /** Give this to `createClient({ webSocket })`. */
  adapter: SocketAdapter;
  /** Script the CSE side with this. */
  server: MemoryServer;
}

/** Creates an in-memory adapter and the server it connects to. */
export function createMemoryAdapter(options: MemoryAdapterOptions = {}): MemoryPair {
  const server = new MemoryServer();
  const capabilities: SocketAdapterCapabilities = { handshakeHeaders: options.handshakeHeaders ?? true };
  const adapter: SocketAdapter = {
    capabilities,
    open(request, listeners) {
      const socket = new MemoryClientSocket();
      const snapshot: SocketOpenRequest = {
        url: request.url,
        protocols: [...request.protocols],
        ...(request.headers ? { headers: { ...request.headers } } : {}),
      };
      server.handshakes.push(snapshot);
      const decide = (decision: MemoryHandshakeDecision) => {
        if (socket.isClosed) {
          // The client gave up before the handshake completed.
          listeners.onClose({ code: 1006, reason: 'closed before the handshake completed', wasClean: false });
          return;
        }
        if ('refuse' in decision) {
          listeners.onHandshakeError({
            status: decision.refuse,
            message: decision.message ?? `Unexpected server response: ${decision.refuse}`,
          });
          listeners.onClose({ code: 1006, reason: '', wasClean: false });
          return;
        }
        const connection = new MemoryServerConnection(snapshot, decision.protocol, listeners);
        socket.attach(connection);
        server.accept(connection);
        listeners.onOpen({ protocol: decision.protocol, extensions: decision.extensions ?? '' });
      };
      queueMicrotask(() => {
        if (socket.isClosed) return decide({ protocol: '' });
        void Promise.resolve(server.handshake(snapshot)).then(decide);
      });
      return socket;
    },
  };
  return { adapter, server };
}
