/**
 * The client reaches the network only through a {@link SocketAdapter}. The core imports no Node
 * built-in and no WebSocket implementation: the default adapter (isomorphic-ws) and the
 * in-memory adapter used by tests both live in `transports/`.
 */

/** What the client asks an adapter to open. */
export interface SocketOpenRequest {
  /** `ws://` or `wss://` URL of the CSE. */
  url: string;
  /** Subprotocols to offer in `Sec-WebSocket-Protocol`, in preference order. */
  protocols: string[];
  /**
   * Extra handshake headers (`X-M2M-Origin`, `Authorization`, ...). Adapters that cannot set
   * headers (browsers) report `capabilities.handshakeHeaders === false` and ignore them.
   */
  headers?: Record<string, string>;
}

/** Why a socket closed; `code`/`reason` as in the WebSocket close frame. */
export interface SocketCloseInfo {
  code: number;
  reason: string;
  /** True when the close handshake completed; false for a dropped connection. */
  wasClean: boolean;
}

/** Handshake failure details an adapter can report. */
export interface SocketHandshakeFailure {
  /** HTTP status of a refused upgrade, when known (browsers never expose it). */
  status?: number;
  message: string;
  cause?: unknown;
}

/** Events an open socket reports to the client. */
export interface SocketListeners {
  /** The handshake completed; `protocol` is what the server selected ('' for none). */
  onOpen(info: { protocol: string; extensions: string }): void;
  /** One complete WebSocket message. Text frames arrive as `string`, binary as `Uint8Array`. */
  onMessage(data: string | Uint8Array): void;
  /** The connection closed, cleanly or not. Called at most once, also after a failed handshake. */
  onClose(info: SocketCloseInfo): void;
  /** The handshake failed (refused, unreachable, TLS). `onClose` follows. */
  onHandshakeError(failure: SocketHandshakeFailure): void;
}

/** One open (or opening) connection. */
export interface Socket {
  /** Send one message: a `string` as a text frame, a `Uint8Array` as a binary frame. */
  send(data: string | Uint8Array): void;
  /** Start the closing handshake. */
  close(code?: number, reason?: string): void;
  /** Bytes queued but not yet written, where the implementation exposes it. */
  readonly bufferedAmount?: number;
}

/** What an adapter can do; the client adapts its behaviour (e.g. originator binding) to it. */
export interface SocketAdapterCapabilities {
  /** Can send custom handshake headers (Node: yes; browsers: no). */
  handshakeHeaders: boolean;
}

/**
 * A factory of sockets. Implement this to run the client over any WebSocket implementation.
 */
export interface SocketAdapter {
  readonly capabilities: SocketAdapterCapabilities;
  open(request: SocketOpenRequest, listeners: SocketListeners): Socket;
}
