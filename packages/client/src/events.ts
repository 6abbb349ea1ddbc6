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
    // Copy-on-write: emit iterates the array it read, so (un)subscribing during emit is safe.
    this.#listeners.set(event, [...(this.#listeners.get(event) ?? []), listener]);
    return () => {
      const list = this.#listeners.get(event) ?? [];
      const index = list.indexOf(listener);
      if (index >= 0) this.#listeners.set(event, [...list.slice(0, index), ...list.slice(index + 1)]);
    };
  }

  /** True when `event` has a listener. */
  has(event: keyof Events): boolean {
    return (this.#listeners.get(event)?.length ?? 0) > 0;
  }

  /** Calls every listener of `event` synchronously, without waiting for their promises. */
  emit<E extends keyof Events>(event: E, value: Events[E]): void {
    // The listeners run synchronously: an async function runs up to its first await.
    void this.emitAndWait(event, value);
  }

  /**
   * Calls every listener of `event` and waits for the promises they return (used where the
   * client answers the CSE after the listeners ran). Failures go to the error hook.
   */
  async emitAndWait<E extends keyof Events>(event: E, value: Events[E]): Promise<void> {
    const pending: Promise<unknown>[] = [];
    for (const listener of this.#listeners.get(event) ?? []) {
      try {
        const result = listener(value);
        if (result instanceof Promise)
          pending.push(result.catch((error) => this.#onListenerError(error, event)));
      } catch (error) {
        this.#onListenerError(error, event);
      }
    }
    await Promise.all(pending);
  }

  /** Removes every listener. */
  clear(): void {
    this.#listeners.clear();
  }
}
