import { InvalidArgumentError } from './errors.js';

/**
 * Eager reconnection with exponential backoff, jitter and a cap. Lazy reopening (TS-0020 5.2:
 * the client reopens when it next has something to send) needs no configuration and is always on.
 */

/** Options of eager reconnection (`createClient({ reconnect })`). */
export interface ReconnectOptions {
  /**
   * Delay before the first attempt after a drop, in ms.
   * @default 500
   */
  initialDelay?: number;
  /**
   * Upper bound of the delay between attempts, in ms.
   * @default 30000
   */
  maxDelay?: number;
  /**
   * Factor by which the delay grows after each failed attempt.
   * @default 2
   */
  factor?: number;
  /**
   * Fraction of the delay that is randomised, 0 (none) to 1 (full jitter): the delay is drawn
   * from `[d·(1-jitter), d]`, which spreads the reconnects of many clients after a CSE restart.
   * @default 0.5
   */
  jitter?: number;
  /**
   * Attempts after which the client gives up (rejecting queued requests with `ConnectionError`
   * and emitting `error`); the next request starts over.
   * @default Infinity
   */
  maxAttempts?: number;
  /**
   * Source of randomness for the jitter, returning values in [0, 1).
   * @default Math.random
   */
  random?: () => number;
}

/** Normalized, validated reconnect options. */
export interface ReconnectPolicy {
  initialDelay: number;
  maxDelay: number;
  factor: number;
  jitter: number;
  maxAttempts: number;
  random: () => number;
}

/** Validates `createClient({ reconnect })`; `undefined`/`false` disable eager reconnection. */
export function reconnectPolicy(option: boolean | ReconnectOptions | undefined): ReconnectPolicy | undefined {
  if (option === undefined || option === false) return undefined;
  const o = option === true ? {} : option;
  const policy: ReconnectPolicy = {
    initialDelay: o.initialDelay ?? 500,
    maxDelay: o.maxDelay ?? 30_000,
    factor: o.factor ?? 2,
    jitter: o.jitter ?? 0.5,
    maxAttempts: o.maxAttempts ?? Infinity,
    random: o.random ?? Math.random,
  };
  const invalid =
    (!(policy.initialDelay >= 0 && policy.maxDelay >= policy.initialDelay) &&
      'need 0 <= initialDelay <= maxDelay') ||
    (!(policy.factor >= 1) && 'factor must be >= 1') ||
    (!(policy.jitter >= 0 && policy.jitter <= 1) && 'jitter must be in [0, 1]') ||
    (!(policy.maxAttempts >= 1) && 'maxAttempts must be >= 1');
  if (invalid) throw new InvalidArgumentError(`reconnect: ${invalid}`);
  return policy;
}

/** Delay before attempt number `attempt` (1-based): capped exponential growth, then jitter. */
export function backoffDelay(policy: ReconnectPolicy, attempt: number): number {
  const base = Math.min(policy.maxDelay, policy.initialDelay * policy.factor ** (attempt - 1));
  return Math.round(base * (1 - policy.jitter * policy.random()));
}
