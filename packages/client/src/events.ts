/**
 * A minimal typed event emitter. `on` returns the function that removes the listener, so callers
 * never need to keep a reference to the listener itself.
 */

/** A listener map: event name → argument type (an interface, no index signature needed). */
export type EventMap<Events> = { [E in keyof Events]: unknown };

/** A listener for one event. It may return a promise; {@link Emitter.emitAndWait} awaits it. */
export type Listener<T> = (value: T) => unknown;

/** Removes the listener it was returned for. Calling it twice is harmless. */
export type Unsubscribe = () => void;

/**
 * Typed emitter. A listener that throws (or whose promise rejects) does not stop the others; the
 * failure goes to the `onListenerError` hook given to the constructor.
 */
export class Emitter<Events extends EventMap<Events>> {
  readonly #listeners = new Map<keyof Events, Listener<any>[]>();
  readonly #onListenerError: (error: unknown, event: keyof Events) => void;

  constructor(onListenerError: (error: unknown, event: keyof Events) => void) {
    this.#onListenerError = onListenerError;
  }

  /** Adds `listener` for `event`; returns a function that removes it. */
  on<E extends keyof Events>(event: E, listener: Listener<Events[E]>): Unsubscribe {
    const list = this.#listeners.get(event);
    // Copy-on-write: emit iterates the array it read, so (un)subscribing during emit is safe.
    this.#listeners.set(event, list ? [...list, listener] : [listener]);
    return () => this.off(event, listener);
  }

  /** Removes `listener` from `event`. */
  off<E extends keyof Events>(event: E, listener: Listener<Events[E]>): void {
    const list = this.#listeners.get(event);
    if (!list) return;
    const index = list.indexOf(listener);
    if (index < 0) return;
    const next = list.slice();
    next.splice(index, 1);
    if (next.length === 0) this.#listeners.delete(event);
    else this.#listeners.set(event, next);
  }

  /** Number of listeners of `event`. */
  listenerCount(event: keyof Events): number {
    return this.#listeners.get(event)?.length ?? 0;
  }

  /** Calls every listener of `event` synchronously. Returns true when there was at least one. */
  emit<E extends keyof Events>(event: E, value: Events[E]): boolean {
    const list = this.#listeners.get(event);
    if (!list) return false;
    for (const listener of list) {
      try {
        const result = listener(value);
        if (result instanceof Promise) result.catch((error: unknown) => this.#onListenerError(error, event));
      } catch (error) {
        this.#onListenerError(error, event);
      }
    }
    return true;
  }

  /**
   * Calls every listener of `event` and waits for the promises they return (used where the
   * client answers the CSE after the listeners ran). Failures go to the error hook.
   */
  async emitAndWait<E extends keyof Events>(event: E, value: Events[E]): Promise<number> {
    const list = this.#listeners.get(event);
    if (!list) return 0;
    let pending: Promise<unknown>[] | undefined;
    for (const listener of list) {
      try {
        const result = listener(value);
        if (result instanceof Promise) {
          pending ??= [];
          pending.push(result.catch((error: unknown) => this.#onListenerError(error, event)));
        }
      } catch (error) {
        this.#onListenerError(error, event);
      }
    }
    if (pending) await Promise.all(pending);
    return list.length;
  }

  /** Removes every listener. */
  clear(): void {
    this.#listeners.clear();
  }
}
