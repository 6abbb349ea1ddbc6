import type { Serialization } from '@onem2m-ws/protocol';
import type { IncomingRequestEvent, NotificationEvent } from './notifications.js';

/** `open`: a connection completed its handshake. */
export interface OpenEvent {
  /** The subprotocol the server selected. */
  protocol: string;
  /** The serialization it maps to. */
  serialization: Serialization;
  /** Negotiated extensions (e.g. `permessage-deflate`), '' for none. */
  extensions: string;
  /** The reconnect attempt that succeeded (0 for a first, lazy or rebinding open). */
  attempt: number;
  /** True when an earlier connection had been open. */
  reconnected: boolean;
}

/** `close`: the connection closed. */
export interface CloseEvent {
  code: number;
  reason: string;
  /** False when the connection dropped without a closing handshake. */
  wasClean: boolean;
  /** True when the client is about to reopen (eager reconnect, rebinding, or queued requests). */
  willReconnect: boolean;
}

/** `reconnecting`: the next attempt is scheduled. */
export interface ReconnectingEvent {
  /** 1-based attempt number within this outage. */
  attempt: number;
  /** Milliseconds until the attempt. */
  delay: number;
  /** Why the previous attempt failed, if one did. */
  error?: unknown;
}

/** `debug`: something worth a log line (late responses, ignored frames, rebinding...). */
export interface DebugEvent {
  message: string;
  detail?: Record<string, unknown>;
}

/** Every event of a client and its argument type. */
export interface ClientEvents {
  /** A connection opened (the first one, or a reopened one). */
  open: OpenEvent;
  /** The connection closed. */
  close: CloseEvent;
  /** An eager reconnect attempt is scheduled. */
  reconnecting: ReconnectingEvent;
  /**
   * A notification from the CSE (one event per `m2m:sgn` of a batch). The client answers the
   * Notify after all listeners ran, 2000 unless a listener called `respond()`.
   */
  notification: NotificationEvent;
  /** A request from the CSE that is not a notification; answered 4005 unless a listener responds. */
  request: IncomingRequestEvent;
  /**
   * Something went wrong outside any request: an undecodable frame (`ProtocolError`), an error
   * response without `rqi`, a listener that threw, giving up reconnecting.
   */
  error: unknown;
  /** Diagnostics. */
  debug: DebugEvent;
}
