import type { ResponsePrimitive } from '@onem2m-ws/protocol';

/** How a request the CSE sent ended. */
export type RequestOutcome =
  | { status: 'response'; response: ResponsePrimitive }
  /** No response within the timeout. */
  | { status: 'timeout' }
  /** The connection closed (or could not send) before a response arrived. */
  | { status: 'closed' };

interface Pending {
  resolve(outcome: RequestOutcome): void;
  timer: ReturnType<typeof setTimeout>;
}

/**
 * Requests the CSE sent on one connection, correlated with their responses by `rqi`
 * (the only correlation key on a WebSocket, TS-0020 §5.2). Every entry ends exactly once.
 */
export class PendingRequests {
  readonly #entries = new Map<string, Pending>();

  /** Number of requests still waiting for a response. */
  get size(): number {
    return this.#entries.size;
  }

  /** True when `rqi` is awaiting a response (the CSE uses it to avoid reusing an rqi). */
  has(rqi: string): boolean {
    return this.#entries.has(rqi);
  }

  /** Wait for the response to `rqi`, at most `timeoutMs`. */
  wait(rqi: string, timeoutMs: number): Promise<RequestOutcome> {
    // A second request with the same rqi supersedes the first, which then times out at once:
    // a response could not be told apart anyway.
    const previous = this.#entries.get(rqi);
    if (previous) {
      this.#entries.delete(rqi);
      clearTimeout(previous.timer);
      previous.resolve({ status: 'timeout' });
    }
    return new Promise((resolve) => {
      const entry: Pending = {
        resolve,
        timer: setTimeout(() => {
          if (this.#entries.get(rqi) === entry) this.#entries.delete(rqi);
          resolve({ status: 'timeout' });
        }, timeoutMs),
      };
      entry.timer.unref?.();
      this.#entries.set(rqi, entry);
    });
  }

  /** Hand a response to its waiter; false when nobody waits for that `rqi` (late or duplicate). */
  settle(response: ResponsePrimitive): boolean {
    const rqi = response.rqi;
    if (rqi === undefined) return false;
    const entry = this.#entries.get(rqi);
    if (!entry) return false;
    this.#entries.delete(rqi);
    clearTimeout(entry.timer);
    entry.resolve({ status: 'response', response });
    return true;
  }

  /** End one waiter as closed (its frame could not be sent). */
  abandon(rqi: string): void {
    const entry = this.#entries.get(rqi);
    if (!entry) return;
    this.#entries.delete(rqi);
    clearTimeout(entry.timer);
    entry.resolve({ status: 'closed' });
  }

  /** End every waiter as closed. */
  closeAll(): void {
    for (const rqi of [...this.#entries.keys()]) this.abandon(rqi);
  }
}
