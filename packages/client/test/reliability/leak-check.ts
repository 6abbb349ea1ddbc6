import { getEventListeners } from 'node:events';

/**
 * Leak accounting for the reliability tests: the process's active handles and timers (as Node
 * reports them) and the abort listeners a client left on the signals it was given.
 */

/** Counts of the active resource types the client can create: sockets and timers. */
export interface ResourceCounts {
  sockets: number;
  timers: number;
}

/** Active TCP sockets and timers of this process right now. */
export function activeResources(): ResourceCounts {
  const info = process.getActiveResourcesInfo();
  return {
    sockets: info.filter((type) => type === 'TCPSocketWrap').length,
    timers: info.filter((type) => type === 'Timeout').length,
  };
}

/**
 * Waits (bounded) for the active sockets and timers to fall back to `baseline`, then returns the
 * counts seen. Sockets close asynchronously after `client.close()`, so the check polls briefly;
 * the caller asserts on the result, which stays above the baseline when something leaked.
 */
export async function settleResources(baseline: ResourceCounts, waitMs = 3000): Promise<ResourceCounts> {
  const until = Date.now() + waitMs;
  let now = activeResources();
  while ((now.sockets > baseline.sockets || now.timers > baseline.timers) && Date.now() < until) {
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setTimeout(resolve, 10));
    now = activeResources();
  }
  return now;
}

/** Abort listeners still registered on each signal (a settled request must leave none). */
export function abortListenerCount(signals: readonly AbortSignal[]): number {
  return signals.reduce((sum, signal) => sum + getEventListeners(signal, 'abort').length, 0);
}

/** Settles every promise and classifies the outcomes (a settled promise never hangs the test). */
export async function outcomes(
  promises: readonly Promise<unknown>[],
): Promise<PromiseSettledResult<unknown>[]> {
  return Promise.allSettled(promises);
}
