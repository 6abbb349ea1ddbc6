import type { Codec, Primitive } from '@onem2m-ws/protocol';
import type { Socket } from './socket-adapter.js';

/**
 * One WebSocket connection: its socket, the negotiated codec and per-connection facts the client
 * tracks (requests in flight, originator binding). The client opens it, listens to its socket and
 * replaces it on reconnect; events of an old connection are recognised by identity and ignored.
 */
export class Connection {
  /** `open` once the client accepted the server's selection (`codec` is then set). */
  state: 'connecting' | 'open' | 'closed' = 'connecting';
  /** The negotiated codec, once open. */
  codec: Codec | undefined;
  /** The selected subprotocol, once open. */
  protocol = '';
  /** Requests sent on this connection and not settled. */
  inFlight = 0;
  /** The next non-registration request on it probes for originator binding (header-less adapters). */
  bindingProbePending = false;
  /** The server refused the probe with 4103: it binds connections to originators. */
  bindingRefused = false;
  /** No new requests go out on it; it closes once its in-flight requests settle. */
  retiring = false;
  /** The client closed it on purpose (no reconnect, no error). */
  closingOnPurpose = false;
  /** The client already handled this connection's failure to open. */
  failed = false;
  /** The socket, once the adapter opened it. */
  socket: Socket | undefined;
  /** Called once the socket reported its close. */
  readonly closeWaiters: (() => void)[] = [];
  /** Reconnect attempt number that opened it (0 for a first or lazy open). */
  declare readonly attempt: number;
  /** The `X-M2M-Origin` header this connection was opened with. */
  declare readonly originHeader: string | undefined;

  constructor(attempt: number, originHeader: string | undefined) {
    this.attempt = attempt;
    this.originHeader = originHeader;
  }

  /** Open, and open to new requests (not retiring). */
  get ready(): boolean {
    return this.state === 'open' && !this.retiring;
  }

  /** Encodes and sends one primitive (throws `ProtocolError` when it cannot be encoded). */
  send(primitive: Primitive): void {
    this.socket!.send(this.codec!.encode(primitive));
  }

  /** Starts the closing handshake. */
  close(code: number, reason: string): void {
    this.closingOnPurpose = true;
    this.socket?.close(code, reason);
  }

  /** Resolves once the socket reported its close. */
  whenClosed(): Promise<void> {
    if (this.state === 'closed') return Promise.resolve();
    return new Promise((resolve) => this.closeWaiters.push(resolve));
  }
}
