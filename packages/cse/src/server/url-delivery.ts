import { jsonCodec, lookupSubprotocol, type RequestPrimitive } from '@onem2m-ws/protocol';
import WebSocket from 'ws';
import { PendingRequests, type RequestOutcome } from './pending-requests.js';

/** Subprotocols offered when the CSE connects to a `ws://` notification URI: both JSON spellings. */
export const OUTGOING_SUBPROTOCOLS = ['oneM2M.json', 'oneM2M.R2.0.json'];

interface PooledSocket {
  ready: Promise<WebSocket | undefined>;
  pending: PendingRequests;
  idleTimer?: ReturnType<typeof setTimeout>;
  inFlight: number;
}

/**
 * Delivers requests to `ws://` / `wss://` notification URIs (Mobius style: the receiver runs its
 * own WebSocket server). A connection per URL is opened on demand, shared while requests flow,
 * and closed after `idleMs` without use.
 */
export class UrlDelivery {
  readonly #pool = new Map<string, PooledSocket>();
  readonly #idleMs: number;
  #closed = false;

  constructor(idleMs: number) {
    this.#idleMs = idleMs;
  }

  /** Send `request` to `url` and wait for its response. */
  async deliver(url: string, request: RequestPrimitive, timeoutMs: number): Promise<RequestOutcome> {
    if (this.#closed) return { status: 'closed' };
    const entry = this.#entry(url, timeoutMs);
    entry.inFlight++;
    if (entry.idleTimer) clearTimeout(entry.idleTimer);
    try {
      const socket = await entry.ready;
      if (!socket || socket.readyState !== WebSocket.OPEN) return { status: 'closed' };
      const outcome = entry.pending.wait(request.rqi, timeoutMs);
      try {
        socket.send(jsonCodec.encode(request) as string);
      } catch {
        entry.pending.abandon(request.rqi);
      }
      return await outcome;
    } finally {
      entry.inFlight--;
      this.#scheduleIdleClose(url, entry);
    }
  }

  /** Close every outgoing connection. */
  closeAll(): void {
    this.#closed = true;
    for (const [url, entry] of this.#pool) this.#drop(url, entry);
  }

  #entry(url: string, timeoutMs: number): PooledSocket {
    const existing = this.#pool.get(url);
    if (existing) return existing;
    const pending = new PendingRequests();
    const entry: PooledSocket = { pending, inFlight: 0, ready: this.#open(url, pending, timeoutMs) };
    this.#pool.set(url, entry);
    entry.ready.then((socket) => {
      if (!socket) this.#forget(url, entry);
      else socket.once('close', () => this.#forget(url, entry));
    });
    return entry;
  }

  #open(url: string, pending: PendingRequests, timeoutMs: number): Promise<WebSocket | undefined> {
    return new Promise((resolve) => {
      let socket: WebSocket;
      try {
        socket = new WebSocket(url, OUTGOING_SUBPROTOCOLS, { handshakeTimeout: timeoutMs });
      } catch {
        resolve(undefined);
        return;
      }
      socket.on('open', () => {
        // We only speak JSON here; a server that picked something else cannot be understood.
        const selected = lookupSubprotocol(socket.protocol);
        if (socket.protocol !== '' && selected?.serialization !== 'json') {
          socket.close(1002, 'Unexpected subprotocol');
          resolve(undefined);
          return;
        }
        resolve(socket);
      });
      socket.on('message', (data, isBinary) => {
        try {
          const text = isBinary ? Buffer.from(data as Buffer).toString('utf8') : data.toString();
          const decoded = jsonCodec.decode(text);
          if (decoded.kind === 'response') pending.settle(decoded.primitive);
        } catch {
          // A receiver's malformed frame cannot be answered usefully; its request times out.
        }
      });
      socket.on('error', () => resolve(undefined));
      socket.on('unexpected-response', (_req, res) => {
        res.resume();
        socket.terminate();
        resolve(undefined);
      });
      socket.on('close', () => {
        pending.closeAll();
        resolve(undefined);
      });
    });
  }

  #scheduleIdleClose(url: string, entry: PooledSocket): void {
    if (entry.inFlight > 0 || this.#pool.get(url) !== entry) return;
    entry.idleTimer = setTimeout(() => this.#drop(url, entry), this.#idleMs);
    entry.idleTimer.unref?.();
  }

  #forget(url: string, entry: PooledSocket): void {
    if (this.#pool.get(url) === entry) this.#pool.delete(url);
    if (entry.idleTimer) clearTimeout(entry.idleTimer);
    entry.pending.closeAll();
  }

  #drop(url: string, entry: PooledSocket): void {
    this.#forget(url, entry);
    void entry.ready.then((socket) => {
      if (socket && socket.readyState === WebSocket.OPEN) socket.close(1000, 'Idle');
      else socket?.terminate();
    });
  }
}
