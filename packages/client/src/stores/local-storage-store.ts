/**
 * An {@link AeIdStore} on the browser's `localStorage`, so a reloaded dashboard reuses its AE-ID.
 * Platform-neutral: where `localStorage` is absent or unusable (Node, a sandboxed iframe, Safari's
 * private mode, a full quota) it degrades to memory instead of failing the registration.
 */
import type { AeIdStore } from './ae-id-store.js';

/** The part of the Web Storage API the store uses (`localStorage`, `sessionStorage`, a test double). */
export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** Options of {@link createLocalStorageAeIdStore}. */
export interface LocalStorageAeIdStoreOptions {
  /**
   * The storage to use.
   * @default globalThis.localStorage, when present and usable
   */
  storage?: StorageLike;
  /**
   * Prefix of the storage keys, keeping the store's entries apart from the page's own.
   * @default 'onem2m-ws:aei:'
   */
  prefix?: string;
  /**
   * Called when the storage refuses an operation (quota exceeded, access denied). The store then
   * keeps the value in memory for this page's lifetime.
   * @default none (failures are silent; check {@link LocalStorageAeIdStore.persistent})
   */
  onError?: (error: unknown, operation: 'get' | 'set' | 'delete') => void;
}

/** Resolve `globalThis.localStorage`; merely reading the property throws in some sandboxes. */
function defaultStorage(): StorageLike | undefined {
  try {
    const storage = (globalThis as { localStorage?: StorageLike }).localStorage;
    return storage && typeof storage.getItem === 'function' ? storage : undefined;
  } catch {
    return undefined;
  }
}

/** {@link AeIdStore} on Web Storage, with an in-memory fallback. */
export class LocalStorageAeIdStore implements AeIdStore {
  readonly #storage: StorageLike | undefined;
  readonly #prefix: string;
  readonly #onError: LocalStorageAeIdStoreOptions['onError'];
  /**
   * Values the storage refused to hold (`null`: a deletion it refused), and the fallback when
   * there is no storage at all. Consulted before the storage.
   */
  readonly #memory = new Map<string, string | null>();
  #failed = false;

  constructor(options: LocalStorageAeIdStoreOptions = {}) {
    this.#storage = options.storage ?? defaultStorage();
    this.#prefix = options.prefix ?? 'onem2m-ws:aei:';
    this.#onError = options.onError;
  }

  /**
   * True while values actually reach the storage: false when there is none, or after it refused a
   * write (the AE-ID then lives only as long as the page).
   */
  get persistent(): boolean {
    return this.#storage !== undefined && !this.#failed;
  }

  /** {@inheritDoc AeIdStore.get} */
  get(key: string): string | undefined {
    if (this.#memory.has(key) || !this.#storage) return this.#memory.get(key) ?? undefined;
    try {
      const value = this.#storage.getItem(this.#prefix + key);
      // Anything but a non-empty string (edited by hand, another app's key) counts as absent.
      return typeof value === 'string' && value.length > 0 ? value : undefined;
    } catch (error) {
      this.#fail(error, 'get');
      return undefined;
    }
  }

  /** {@inheritDoc AeIdStore.set} */
  set(key: string, aei: string): void {
    if (!this.#storage) {
      this.#memory.set(key, aei);
      return;
    }
    try {
      this.#storage.setItem(this.#prefix + key, aei);
      this.#memory.delete(key);
    } catch (error) {
      this.#memory.set(key, aei);
      this.#fail(error, 'set');
    }
  }

  /** {@inheritDoc AeIdStore.delete} */
  delete(key: string): void {
    this.#memory.delete(key);
    if (!this.#storage) return;
    try {
      this.#storage.removeItem(this.#prefix + key);
    } catch (error) {
      // Hide the stale value the storage kept, or the client would reuse an ID the CSE rejected.
      this.#memory.set(key, null);
      this.#fail(error, 'delete');
    }
  }

  #fail(error: unknown, operation: 'get' | 'set' | 'delete'): void {
    if (operation === 'set') this.#failed = true;
    this.#onError?.(error, operation);
  }
}

/**
 * Create an {@link AeIdStore} on `localStorage` (or the given storage).
 * @example createClient({ url, aeIdStore: createLocalStorageAeIdStore() })
 */
export function createLocalStorageAeIdStore(
  options: LocalStorageAeIdStoreOptions = {},
): LocalStorageAeIdStore {
  return new LocalStorageAeIdStore(options);
}
