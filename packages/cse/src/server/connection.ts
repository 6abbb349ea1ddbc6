import type { Codec, Primitive, RequestPrimitive, Serialization } from '@onem2m-ws/protocol';
import WebSocket from 'ws';
import { PendingRequests, type RequestOutcome } from './pending-requests.js';

/**
 * One client's WebSocket connection: its negotiated codec, the originators it is the route for,
 * and the requests the CSE sent on it that still await a response.
 */
export class ClientConnection {
  /** Short id for log lines. */
  readonly id: number;
  readonly socket: WebSocket;
  /** The subprotocol name exactly as negotiated. */
  readonly protocol: string;
  readonly codec: Codec;
  /** Originator keys (AE-ID stems) this connection carries notifications for. */
  readonly originators = new Set<string>();
  /** Originator the connection was first bound to (handshake header or registration). */
  primaryOriginator: string | undefined;
  readonly pending = new PendingRequests();

  constructor(id: number, socket: WebSocket, protocol: string, codec: Codec) {
    this.id = id;
    this.socket = socket;
    this.protocol = protocol;
    this.codec = codec;
  }

  get serialization(): Serialization {
    return this.codec.serialization;
  }

  /** True while frames can be sent. */
  get isOpen(): boolean {
    return this.socket.readyState === WebSocket.OPEN;
  }

  /**
   * Encode and send one primitive. Returns false when the connection is gone or the primitive
   * cannot be encoded; never throws, because callers run inside socket event handlers.
   */
  send(primitive: Primitive): boolean {
    if (!this.isOpen) return false;
    let frame: string | Uint8Array;
    try {
      frame = this.codec.encode(primitive);
    } catch {
      return false;
    }
    try {
      this.socket.send(frame, { binary: this.codec.frameType === 'binary' });
      return true;
    } catch {
      return false;
    }
  }

  /** Send a request the CSE originates and wait for the client's response. */
  request(primitive: RequestPrimitive, timeoutMs: number): Promise<RequestOutcome> {
    const outcome = this.pending.wait(primitive.rqi, timeoutMs);
    if (!this.send(primitive)) this.pending.abandon(primitive.rqi);
    return outcome;
  }

  /** Close with a code and reason; waiters end as closed. */
  close(code: number, reason: string): void {
    this.pending.closeAll();
    try {
      this.socket.close(code, reason.slice(0, 120));
    } catch {
      this.socket.terminate();
    }
  }
}
