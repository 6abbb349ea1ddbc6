/**
 * Where the client keeps the AE-ID it obtained by registration, so that a restarted Node AE or a
 * reloaded dashboard reuses its identity instead of registering again (issue 5). The client only
 * reads the store in `register()` and writes it after a successful registration; a stored ID that
 * the CSE no longer knows (4004 / 4106 on first use) is deleted and replaced by a fresh one.
 *
 * Implementations may be synchronous (memory, `localStorage`) or asynchronous (a JSON file, a
 * database): every method may return a value or a promise of it.
 */
export interface AeIdStore {
  /** The AE-ID stored under `key`, or `undefined` when none is stored. */
  get(key: string): Promise<string | undefined> | string | undefined;
  /** Store `aei` under `key`, replacing any previous value. */
  set(key: string, aei: string): Promise<void> | void;
  /** Forget the AE-ID stored under `key` (no error when none is stored). */
  delete(key: string): Promise<void> | void;
}

/**
 * The default {@link AeIdStore}: a `Map` that lives as long as the process or page. It makes a
 * reconnect reuse the AE-ID but does not survive a restart; use a persistent store for that.
 */
export class MemoryAeIdStore implements AeIdStore {
  readonly #entries = new Map<string, string>();

  /** {@inheritDoc AeIdStore.get} */
  get(key: string): string | undefined {
    return this.#entries.get(key);
  }

  /** {@inheritDoc AeIdStore.set} */
  set(key: string, aei: string): void {
    this.#entries.set(key, aei);
  }

  /** {@inheritDoc AeIdStore.delete} */
  delete(key: string): void {
    this.#entries.delete(key);
  }
}

/** Creates a fresh in-memory {@link AeIdStore}. */
export function createMemoryAeIdStore(): AeIdStore {
  return new MemoryAeIdStore();
}
