import type { ResponsePrimitive } from '@onem2m-ws/protocol';

export { ProtocolError } from '@onem2m-ws/protocol';

/** Machine-readable codes of the client's errors; `err.code` always holds one of these. */
export type OneM2MErrorCode =
  | 'HANDSHAKE_FAILED'
  | 'TIMEOUT'
  | 'ABORTED'
  | 'CONNECTION_LOST'
  | 'CLIENT_CLOSED'
  | 'RESPONSE_ERROR'
  | 'QUEUE_FULL'
  | 'ORIGINATOR_BINDING'
  | 'INVALID_ARGUMENT';

/**
 * Base class of every error the client raises (except {@link ProtocolError}, which comes from the
 * protocol layer). Test with `instanceof` or switch on `code`.
 */
export class OneM2MError extends Error {
  override name = 'OneM2MError';
  /** Machine-readable reason. */
  declare readonly code: OneM2MErrorCode;

  constructor(code: OneM2MErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

/**
 * The WebSocket opening handshake failed: refused with an HTTP status, unreachable, TLS failure,
 * or the server selected no subprotocol / one the client did not offer.
 */
export class HandshakeError extends OneM2MError {
  override name = 'HandshakeError';
  /** HTTP status of a refused upgrade when the adapter knows it (browsers never expose it). */
  declare readonly status?: number;
  /** The subprotocol the server selected ('' for none), when the failure is about the selection. */
  declare readonly selectedProtocol?: string;

  constructor(
    message: string,
    options: { status?: number; selectedProtocol?: string; cause?: unknown } = {},
  ) {
    super('HANDSHAKE_FAILED', message, { cause: options.cause });
    this.status = options.status;
    this.selectedProtocol = options.selectedProtocol;
  }
}

/** No response arrived within the request's timeout, or its `rqet` passed before it could be sent. */
export class TimeoutError extends OneM2MError {
  override name = 'TimeoutError';
  /** The `rqi` of the request that timed out. */
  declare readonly rqi: string;
  /** True when the request never left the client (it expired in the offline queue). */
  declare readonly unsent: boolean;

  constructor(message: string, rqi: string, unsent: boolean) {
    super('TIMEOUT', message);
    this.rqi = rqi;
    this.unsent = unsent;
  }
}

/** The caller aborted the request through its `signal`. */
export class AbortError extends OneM2MError {
  override name = 'AbortError';
  /** The `rqi` of the aborted request. */
  declare readonly rqi: string;

  constructor(rqi: string, reason?: unknown) {
    super('ABORTED', `request ${rqi} was aborted`, { cause: reason });
    this.rqi = rqi;
  }
}

/**
 * The connection was lost or the client was closed. `mayHaveBeenProcessed` tells whether the
 * request had already been sent: the CSE may then have executed it, and the client does not send
 * it again on its own.
 */
export class ConnectionError extends OneM2MError {
  override name = 'ConnectionError';
  /** True when the request was on the wire when the connection dropped. */
  declare readonly mayHaveBeenProcessed: boolean;
  /** Close code reported by the socket, when known. */
  declare readonly closeCode?: number;

  constructor(
    message: string,
    options: {
      code?: 'CONNECTION_LOST' | 'CLIENT_CLOSED';
      mayHaveBeenProcessed?: boolean;
      closeCode?: number;
      cause?: unknown;
    } = {},
  ) {
    super(options.code ?? 'CONNECTION_LOST', message, { cause: options.cause });
    this.mayHaveBeenProcessed = options.mayHaveBeenProcessed ?? false;
    this.closeCode = options.closeCode;
  }
}

/** The CSE answered with a status that is neither 2xxx nor 1001/1002. */
export class ResponseError extends OneM2MError {
  /**
   * The status name of `rsc` (e.g. `NOT_FOUND`), as the client contract's `{ rsc, name, dbg }`
   * promises, so `err.name` tells which oneM2M error it is; test the class with `instanceof`.
   */
  declare name: string;
  /** Response status code (e.g. 4004). */
  declare readonly rsc: number;
  /** Symbolic name of `rsc` (e.g. `NOT_FOUND`), or `UNKNOWN_<rsc>`; the same as `name`. */
  declare readonly statusName: string;
  /** The debugging text the CSE put in `pc['m2m:dbg']`, if any. */
  declare readonly dbg?: string;
  /** The complete response primitive. */
  declare readonly response: ResponsePrimitive;

  constructor(response: ResponsePrimitive, statusName: string, dbg?: string) {
    super('RESPONSE_ERROR', `${response.rsc} ${statusName}${dbg ? `: ${dbg}` : ''}`);
    this.rsc = response.rsc;
    this.name = statusName;
    this.statusName = statusName;
    this.dbg = dbg;
    this.response = response;
  }
}

/** The offline queue is full (by count or by bytes); the request was not queued. */
export class QueueFullError extends OneM2MError {
  override name = 'QueueFullError';
  /** Which bound was hit. */
  declare readonly limit: 'count' | 'bytes';

  constructor(limit: 'count' | 'bytes', message: string) {
    super('QUEUE_FULL', message);
    this.limit = limit;
  }
}

/**
 * The server ties a connection to an originator through the `X-M2M-Origin` handshake header
 * (ACME does) and refused a request with 4103 after registration, while this adapter cannot send
 * handshake headers (browsers cannot). Retrying cannot help: the client needs an adapter that
 * sends handshake headers, or a server that does not bind connections to originators.
 */
export class OriginatorBindingError extends OneM2MError {
  override name = 'OriginatorBindingError';
  /** The originator the request was sent as. */
  declare readonly originator: string | undefined;
  /** The 4103 response that revealed the binding. */
  declare readonly response: ResponsePrimitive;

  constructor(originator: string | undefined, response: ResponsePrimitive) {
    super(
      'ORIGINATOR_BINDING',
      'the server answered 4103 after registration: it binds connections to an originator through the X-M2M-Origin handshake header (as ACME does), which this socket adapter cannot send; use one that sends handshake headers (Node)',
    );
    this.originator = originator;
    this.response = response;
  }
}

/** A caller passed an invalid option or argument; nothing was sent. */
export class InvalidArgumentError extends OneM2MError {
  override name = 'InvalidArgumentError';

  constructor(message: string, options?: { cause?: unknown }) {
    super('INVALID_ARGUMENT', message, options);
  }
}
