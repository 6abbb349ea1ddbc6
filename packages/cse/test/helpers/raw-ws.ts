import type { ClientRequestArgs } from 'node:http';
import WebSocket, { type ClientOptions } from 'ws';

/** A decoded JSON message received on a raw connection. */
export type JsonMessage = Record<string, any>;

/** A raw `ws` client that speaks primitives as plain JSON, independent of our client SDK. */
export class RawConnection {
  readonly ws: WebSocket;
  readonly #queue: JsonMessage[] = [];
  readonly #waiters: Array<{ match: (m: JsonMessage) => boolean; resolve: (m: JsonMessage) => void }> = [];
  /** Resolves with the close code and reason once the connection closes. */
  readonly closed: Promise<{ code: number; reason: string }>;
  /** When set, requests from the CSE (op present) are answered automatically with this rsc. */
  autoAnswer: number | undefined;

  constructor(ws: WebSocket) {
    this.ws = ws;
    this.closed = new Promise((resolve) =>
      ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
    );
    ws.on('message', (data, isBinary) => {
      if (isBinary) return;
      let message: JsonMessage;
      try {
        message = JSON.parse(data.toString());
      } catch {
        return;
      }
      if (this.autoAnswer !== undefined && typeof message.op === 'number') {
        this.send({ rsc: this.autoAnswer, rqi: message.rqi, rvi: message.rvi ?? '3', to: message.fr });
      }
      const index = this.#waiters.findIndex((w) => w.match(message));
      if (index >= 0) this.#waiters.splice(index, 1)[0]!.resolve(message);
      else this.#queue.push(message);
    });
  }

  /** The negotiated subprotocol. */
  get protocol(): string {
    return this.ws.protocol;
  }

  /** Send a primitive object as JSON text, or raw data as given. */
  send(data: object | string | Buffer, binary = false): void {
    const payload = typeof data === 'string' || Buffer.isBuffer(data) ? data : JSON.stringify(data);
    this.ws.send(payload, { binary });
  }

  /** Wait for the next JSON message satisfying `match` (already received ones first). */
  next(match: (m: JsonMessage) => boolean = () => true, timeoutMs = 5000): Promise<JsonMessage> {
    const index = this.#queue.findIndex(match);
    if (index >= 0) return Promise.resolve(this.#queue.splice(index, 1)[0]!);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        const i = this.#waiters.indexOf(waiter);
        if (i >= 0) this.#waiters.splice(i, 1);
        reject(new Error(`no matching message within ${timeoutMs} ms`));
      }, timeoutMs);
      const waiter = {
        match,
        resolve: (m: JsonMessage) => {
          clearTimeout(timer);
          resolve(m);
        },
      };
      this.#waiters.push(waiter);
    });
  }

  /** Send a request and wait for the response carrying its rqi. */
  async request(primitive: JsonMessage, timeoutMs = 5000): Promise<JsonMessage> {
    const response = this.next((m) => m.rsc !== undefined && m.rqi === primitive.rqi, timeoutMs);
    this.send(primitive);
    return response;
  }

  /** Wait for the next request the CSE sends (a primitive with `op`). */
  nextRequest(timeoutMs = 5000): Promise<JsonMessage> {
    return this.next((m) => typeof m.op === 'number', timeoutMs);
  }

  /** Close and wait until closed. */
  async close(): Promise<void> {
    if (this.ws.readyState === WebSocket.CLOSED) return;
    this.ws.close();
    await this.closed;
  }
}

/** Options for opening a raw connection. */
export interface RawOptions extends ClientOptions {
  headers?: Record<string, string>;
}

/** Open a raw connection offering `protocols`; rejects on refusal. */
export function openRaw(
  url: string,
  protocols: string | string[] = ['oneM2M.json'],
  options: RawOptions = {},
): Promise<RawConnection> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, protocols, { handshakeTimeout: 5000, ...options } as ClientOptions &
      ClientRequestArgs);
    const connection = new RawConnection(ws);
    ws.once('open', () => resolve(connection));
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) => {
      res.resume();
      reject(new Error(`HTTP ${res.statusCode} ${res.statusMessage}`));
    });
  });
}

/** What a refused handshake returned. */
export interface Refusal {
  status: number;
  reason: string;
  body: string;
}

/** Open a handshake that is expected to be refused and return the HTTP status, reason phrase and body. */
export function refusal(
  url: string,
  protocols: string[] | undefined,
  options: RawOptions = {},
): Promise<Refusal> {
  return new Promise((resolve, reject) => {
    const ws = protocols === undefined ? new WebSocket(url, options) : new WebSocket(url, protocols, options);
    ws.once('open', () => {
      ws.close();
      reject(new Error(`handshake unexpectedly accepted with "${ws.protocol}"`));
    });
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, reason: res.statusMessage ?? '', body }));
      res.on('error', reject);
    });
  });
}

let counter = 0;
/** A fresh request identifier for tests. */
export function rqi(prefix = 'r'): string {
  counter += 1;
  return `${prefix}${counter}`;
}
