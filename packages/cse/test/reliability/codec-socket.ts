import { type Codec, cborCodec, jsonCodec, type Primitive, xmlCodec } from '@onem2m-ws/protocol';
import WebSocket from 'ws';

/**
 * A raw `ws` connection to the CSE that speaks one serialization with the protocol codecs and
 * can also send arbitrary frames — the attacker and bystander of the reliability tests.
 */
export class CodecSocket {
  readonly ws: WebSocket;
  readonly codec: Codec;
  /** Close code once closed. */
  closeCode: number | undefined;
  /** Requests the CSE sent (notifications, verification). */
  readonly inbound: Record<string, any>[] = [];
  /** Answer CSE-originated requests with 2000 (false: never answer, a stalled AE). */
  answerRequests = true;
  /** Answer CSE-originated requests after this many ms (an AE doing some work per notification). */
  answerDelayMs = 0;
  /** Called with each CSE-originated request before it is answered. */
  onRequest: ((request: Record<string, any>) => void) | undefined;
  readonly #waiters = new Map<string, (response: Record<string, any>) => void>();
  readonly #closed: Promise<void>;

  constructor(ws: WebSocket, codec: Codec) {
    this.ws = ws;
    this.codec = codec;
    this.#closed = new Promise((resolve) =>
      ws.once('close', (code) => {
        this.closeCode = code;
        resolve();
      }),
    );
    ws.on('error', () => {});
    ws.on('message', (data: Buffer, isBinary: boolean) => {
      let message: Record<string, any>;
      try {
        const frame = isBinary ? new Uint8Array(data) : data.toString('utf8');
        message = (isBinary ? cborCodec : codec.serialization === 'xml' ? xmlCodec : jsonCodec).decode(frame)
          .primitive as Record<string, any>;
      } catch {
        return;
      }
      if (typeof message.op === 'number') {
        this.inbound.push(message);
        this.onRequest?.(message);
        if (!this.answerRequests) return;
        const answer = () => {
          if (this.open) this.send({ rsc: 2000, rqi: message.rqi, rvi: message.rvi ?? '3' });
        };
        if (this.answerDelayMs > 0) setTimeout(answer, this.answerDelayMs);
        else answer();
        return;
      }
      const waiter = typeof message.rqi === 'string' ? this.#waiters.get(message.rqi) : undefined;
      if (waiter) {
        this.#waiters.delete(message.rqi);
        waiter(message);
      }
    });
  }

  get open(): boolean {
    return this.ws.readyState === WebSocket.OPEN;
  }

  /** Encodes and sends a primitive with this connection's codec. */
  send(primitive: Primitive | Record<string, unknown>): void {
    const frame = this.codec.encode(primitive as Primitive);
    this.ws.send(frame, { binary: typeof frame !== 'string' });
  }

  /** Sends raw data as a text or binary frame. */
  sendRaw(data: string | Uint8Array, binary: boolean): void {
    this.ws.send(data, { binary });
  }

  /** Sends a request and resolves with its response (rejects after `timeoutMs` or on close). */
  request(primitive: Record<string, unknown>, timeoutMs = 5000): Promise<Record<string, any>> {
    const rqi = String(primitive.rqi);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#waiters.delete(rqi);
        reject(new Error(`no response to ${rqi} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.#waiters.set(rqi, (response) => {
        clearTimeout(timer);
        resolve(response);
      });
      void this.#closed.then(() => {
        if (!this.#waiters.delete(rqi)) return;
        clearTimeout(timer);
        reject(new Error(`connection closed (${this.closeCode}) before the response to ${rqi}`));
      });
      this.send(primitive);
    });
  }

  /** Closes (clean) and waits. */
  async close(): Promise<void> {
    if (this.ws.readyState !== WebSocket.CLOSED) this.ws.close();
    await this.#closed;
  }

  /** Cuts the TCP connection without a close frame and waits. */
  async terminate(): Promise<void> {
    this.ws.terminate();
    await this.#closed;
  }
}

const SUBPROTOCOL = { json: 'oneM2M.json', cbor: 'oneM2M.cbor', xml: 'oneM2M.xml' } as const;
const CODECS = { json: jsonCodec, cbor: cborCodec, xml: xmlCodec } as const;

/**
 * Opens a connection speaking `serialization`; rejects when refused. `setup` runs before the
 * handshake: a CSE with stored requests sends them right after it, and `ws` can emit them before
 * the caller's `await` resumes, so handlers that must see every request are installed there.
 */
export function openCodecSocket(
  url: string,
  serialization: keyof typeof SUBPROTOCOL,
  headers: Record<string, string> = {},
  setup?: (socket: CodecSocket) => void,
): Promise<CodecSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, [SUBPROTOCOL[serialization]], { headers, handshakeTimeout: 5000 });
    const socket = new CodecSocket(ws, CODECS[serialization]);
    setup?.(socket);
    ws.once('open', () => resolve(socket));
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) => {
      res.resume();
      reject(new Error(`HTTP ${res.statusCode}`));
    });
  });
}

/** A Create AE request (TS-0004 R3 mandatory attributes). */
export function createAeRequest(rqi: string, fr: string, rn: string): Record<string, unknown> {
  return {
    op: 1,
    to: 'cse-in',
    fr,
    rqi,
    rvi: '3',
    ty: 2,
    pc: { 'm2m:ae': { rn, api: 'Nreliability', rr: true, srv: ['3'], poa: [] } },
  };
}
