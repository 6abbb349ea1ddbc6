/**
 * Keepalive with dead-peer detection for Node sockets. A half-open TCP connection (peer crashed,
 * NAT entry expired, cable pulled) can stay "open" for hours; pinging and terminating when no pong
 * comes back turns it into a visible drop, which the client core answers by reopening.
 */
import { TransportOptionsError } from './node-errors.js';

/** Keepalive settings of the Node adapter. */
export interface KeepaliveOptions {
  /**
   * Time between the last sign of life (pong or any message) and the next ping, in ms.
   */
  intervalMs: number;
  /**
   * How long to wait for the pong before declaring the peer dead and terminating the socket, in ms.
   * @default intervalMs
   */
  timeoutMs?: number;
}

/** The part of a `ws` WebSocket the keepalive drives. */
export interface KeepaliveSocket {
  ping(): void;
  terminate(): void;
  on(event: 'pong' | 'message', listener: () => void): unknown;
  off(event: 'pong' | 'message', listener: () => void): unknown;
}

/** Why the keepalive gave up on a socket. */
export interface KeepaliveTimeout {
  /** The timeout that expired, in ms. */
  timeoutMs: number;
  /** Human-readable reason, suitable as a close reason. */
  reason: string;
}

/**
 * Check keepalive options.
 *
 * @throws {TransportOptionsError} when an interval or timeout is not a positive finite number.
 */
export function validateKeepaliveOptions(options: KeepaliveOptions): void {
  if (options === null || typeof options !== 'object') {
    throw new TransportOptionsError('keepalive', 'expected { intervalMs, timeoutMs? } or false');
  }
  const positive = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && v > 0;
  if (!positive(options.intervalMs)) {
    throw new TransportOptionsError('keepalive.intervalMs', 'expected a positive number of milliseconds');
  }
  if (options.timeoutMs !== undefined && !positive(options.timeoutMs)) {
    throw new TransportOptionsError('keepalive.timeoutMs', 'expected a positive number of milliseconds');
  }
}

/**
 * Start pinging an open socket. When no pong (nor any message) arrives within `timeoutMs` of a
 * ping, `onDead` runs and the socket is terminated without a closing handshake, so its `close`
 * event fires (code 1006) and the client sees a dropped connection.
 *
 * @returns a function that stops the keepalive; call it when the socket closes.
 * @throws {TransportOptionsError} on invalid options.
 */
export function startKeepalive(
  socket: KeepaliveSocket,
  options: KeepaliveOptions,
  onDead?: (timeout: KeepaliveTimeout) => void,
): () => void {
  validateKeepaliveOptions(options);
  const { intervalMs } = options;
  const timeoutMs = options.timeoutMs ?? intervalMs;
  let pingTimer: ReturnType<typeof setTimeout> | undefined;
  let deadTimer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;

  // Timers are unref'd: the socket keeps the process alive while it is open, the keepalive must not.
  const schedulePing = () => {
    pingTimer = setTimeout(sendPing, intervalMs);
    pingTimer.unref?.();
  };

  const sendPing = () => {
    pingTimer = undefined;
    if (stopped) return;
    deadTimer = setTimeout(declareDead, timeoutMs);
    deadTimer.unref?.();
    try {
      socket.ping();
    } catch {
      // The socket is closing already; its close event will stop us.
    }
  };

  const declareDead = () => {
    deadTimer = undefined;
    if (stopped) return;
    stop();
    onDead?.({ timeoutMs, reason: `keepalive: no pong within ${timeoutMs} ms, peer presumed dead` });
    socket.terminate();
  };

  const alive = () => {
    if (stopped || deadTimer === undefined) return;
    clearTimeout(deadTimer);
    deadTimer = undefined;
    schedulePing();
  };

  function stop(): void {
    if (stopped) return;
    stopped = true;
    if (pingTimer) clearTimeout(pingTimer);
    if (deadTimer) clearTimeout(deadTimer);
    socket.off('pong', alive);
    socket.off('message', alive);
  }

  socket.on('pong', alive);
  socket.on('message', alive);
  schedulePing();
  return stop;
}
