import type { Codec, DecodedPrimitive, Primitive } from '@onem2m-ws/protocol';
import type { Negotiator } from './handshake.js';
import type {
  Socket,
  SocketAdapter,
  SocketCloseInfo,
  SocketHandshakeFailure,
  SocketListeners,
} from './socket-adapter.js';

/** What a {@link Connection} reports to its client. */
export interface ConnectionOwner {
  connectionOpened(connection: Connection, protocol: string, extensions: string): void;
  connectionFailed(connection: Connection, failure: SocketHandshakeFailure): void;
  connectionClosed(connection: Connection, info: SocketCloseInfo): void;
  primitiveReceived(connection: Connection, decoded: DecodedPrimitive): void;
  frameRejected(connection: Connection, error: unknown): void;
}

/**
 * One WebSocket connection: its socket, the negotiated codec and per-connection facts the client
 * tracks (requests in flight, originator binding). The client replaces it on reconnect; events of
 * an old connection are recognised by identity and ignored.
 */
export class Connection implements SocketListeners {
  state: 'connecting' | 'open' | 'closed' = 'connecting';
  /** The negotiated codec, once the client accepted the server's selection (it then counts as open). */
  codec: Codec | undefined;
  /** The selected subprotocol, once open. */
  protocol = '';
  /** Requests sent on this connection and not settled. */
  inFlight = 0;
  /** The `X-M2M-Origin` header this connection was opened with. */
  readonly originHeader: string | undefined;
  /** The next non-registration request on it probes for originator binding (header-less adapters). */
  bindingProbePending = false;
  /** The server refused the probe with 4103: it binds connections to originators. */
  bindingRefused = false;
  /** No new requests go out on it; it closes once its in-flight requests settle. */
  retiring = false;
  /** The client closed it on purpose (no reconnect, no error). */
  closingOnPurpose = false;
  /** Reconnect attempt number that opened it (0 for a first or lazy open). */
  readonly attempt: number;
  /** The client already handled this connection's failure to open. */
  failed = false;
  #socket: Socket | undefined;
  readonly #owner: ConnectionOwner;
  readonly #negotiator: Negotiator;
  readonly #adapter: SocketAdapter;
  readonly #url: string;
  readonly #headers: Record<string, string> | undefined;
  readonly #closeWaiters: (() => void)[] = [];

  constructor(
    adapter: SocketAdapter,
    owner: ConnectionOwner,
    negotiator: Negotiator,
    url: string,
    headers: Record<string, string> | undefined,
    attempt: number,
  ) {
    this.#owner = owner;
    this.#negotiator = negotiator;
    this.attempt = attempt;
    this.originHeader = headers?.['X-M2M-Origin'];
    this.#adapter = adapter;
    this.#url = url;
    this.#headers = headers;
  }

  /** Open, and open to new requests (not retiring). */
  get ready(): boolean {
    return this.state === 'open' && !this.retiring;
  }

  /** Opens the socket (separate from the constructor so the client can record it first). */
  start(): void {
    const protocols = this.#negotiator.offer;
    const headers = this.#headers;
    this.#socket = this.#adapter.open(
      headers ? { url: this.#url, protocols, headers } : { url: this.#url, protocols },
      this,
    );
  }

  /** Serializes a primitive with the negotiated codec (throws `ProtocolError` if it cannot). */
  encode(primitive: Primitive): string | Uint8Array {
    return this.codec!.encode(primitive);
  }

  /** Sends an encoded message. */
  sendEncoded(data: string | Uint8Array): void {
    this.#socket!.send(data);
  }

  /** Encodes and sends one primitive. */
  send(primitive: Primitive): void {
    this.#socket!.send(this.codec!.encode(primitive));
  }

  /** Starts the closing handshake. */
  close(code = 1000, reason = ''): void {
    this.closingOnPurpose = true;
    this.#socket?.close(code, reason);
  }

  /** Resolves once the socket reported its close. */
  whenClosed(): Promise<void> {
    if (this.state === 'closed') return Promise.resolve();
    return new Promise((resolve) => this.#closeWaiters.push(resolve));
  }

  onOpen(info: { protocol: string; extensions: string }): void {
    if (this.state !== 'connecting') return;
    this.protocol = info.protocol;
    this.#owner.connectionOpened(this, info.protocol, info.extensions);
  }

  onMessage(data: string | Uint8Array): void {
    if (this.state !== 'open') return;
    let decoded: DecodedPrimitive;
    try {
      decoded = this.#negotiator.decode(this.codec!, data);
    } catch (error) {
      this.#owner.frameRejected(this, error);
      return;
    }
    this.#owner.primitiveReceived(this, decoded);
  }

  onHandshakeError(failure: SocketHandshakeFailure): void {
    if (this.state !== 'connecting') return;
    this.#owner.connectionFailed(this, failure);
  }

  onClose(info: SocketCloseInfo): void {
    if (this.state === 'closed') return;
    this.state = 'closed';
    try {
      this.#owner.connectionClosed(this, info);
    } finally {
      for (const resolve of this.#closeWaiters.splice(0)) resolve();
    }
  }
}
