/**
 * Drives a SocketAdapter the way the client core does and records what it reports, so transport
 * tests can await the open, the handshake failure, messages and the close.
 */
import type {
  Socket,
  SocketAdapter,
  SocketCloseInfo,
  SocketHandshakeFailure,
} from '../../src/socket-adapter.js';

/** A socket under test with its recorded events. */
export interface OpenedSocket {
  socket: Socket;
  /** Resolves on `onOpen`; rejects with the {@link SocketHandshakeFailure} on `onHandshakeError`. */
  ready: Promise<{ protocol: string; extensions: string }>;
  /** Resolves on `onClose`. */
  closed: Promise<SocketCloseInfo>;
  /** Names of the listener calls, in order ('open', 'handshakeError', 'message', 'close'). */
  events: string[];
  /** Resolves with the next message (or one already received and not yet taken). */
  nextMessage(): Promise<string | Uint8Array>;
}

/** Open `url` through `adapter`, offering `protocols`. */
export function openSocket(
  adapter: SocketAdapter,
  url: string,
  options: { protocols?: string[]; headers?: Record<string, string> } = {},
): OpenedSocket {
  const events: string[] = [];
  const inbox: (string | Uint8Array)[] = [];
  const waiting: ((m: string | Uint8Array) => void)[] = [];
  let resolveReady!: (v: { protocol: string; extensions: string }) => void;
  let rejectReady!: (f: SocketHandshakeFailure) => void;
  let resolveClosed!: (c: SocketCloseInfo) => void;
  const ready = new Promise<{ protocol: string; extensions: string }>((res, rej) => {
    resolveReady = res;
    rejectReady = rej;
  });
  ready.catch(() => {});
  const closed = new Promise<SocketCloseInfo>((res) => {
    resolveClosed = res;
  });
  const request = { url, protocols: options.protocols ?? ['oneM2M.json'] } as {
    url: string;
    protocols: string[];
    headers?: Record<string, string>;
  };
  if (options.headers) request.headers = options.headers;
  const socket = adapter.open(request, {
    onOpen(info) {
      events.push('open');
      resolveReady(info);
    },
    onMessage(data) {
      events.push('message');
      const waiter = waiting.shift();
      if (waiter) waiter(data);
      else inbox.push(data);
    },
    onHandshakeError(failure) {
      events.push('handshakeError');
      rejectReady(failure);
    },
    onClose(info) {
      events.push('close');
      resolveClosed(info);
    },
  });
  return {
    socket,
    ready,
    closed,
    events,
    nextMessage: () => {
      const queued = inbox.shift();
      if (queued !== undefined) return Promise.resolve(queued);
      return new Promise((resolve) => waiting.push(resolve));
    },
  };
}

/** Await the handshake failure of a socket that must not open. */
export async function expectHandshakeFailure(opened: OpenedSocket): Promise<SocketHandshakeFailure> {
  try {
    const info = await opened.ready;
    throw new Error(`expected a handshake failure, but the socket opened (${JSON.stringify(info)})`);
  } catch (failure) {
    if (failure instanceof Error && failure.message.startsWith('expected a handshake failure')) throw failure;
    return failure as SocketHandshakeFailure;
  }
}
