import { afterEach, describe, expect, it } from 'vitest';
import { createLocalStorageAeIdStore, type StorageLike } from '../../src/stores/local-storage-store.js';

/**
 * A minimal Web Storage for Node, which has no `localStorage`: a substitute for the browser
 * environment (the real one is exercised by the Playwright end-to-end tests).
 */
class MemoryStorage implements StorageLike {
  readonly items = new Map<string, string>();
  failSet = false;
  failRemove = false;
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    if (this.failSet) throw new DOMException('quota exceeded', 'QuotaExceededError');
    this.items.set(key, String(value));
  }
  removeItem(key: string): void {
    if (this.failRemove) throw new DOMException('denied', 'SecurityError');
    this.items.delete(key);
  }
}

const originalDescriptor = Object.getOwnPropertyDescriptor(globalThis, 'localStorage');
afterEach(() => {
  if (originalDescriptor) Object.defineProperty(globalThis, 'localStorage', originalDescriptor);
  else delete (globalThis as { localStorage?: unknown }).localStorage;
});

describe('localStorage AE-ID store', () => {
  it('persists across store instances (a reloaded page) under a prefixed key', () => {
    const storage = new MemoryStorage();
    const store = createLocalStorageAeIdStore({ storage });
    expect(store.get('k')).toBeUndefined();
    store.set('k', 'CAE1');
    expect(storage.items.get('onem2m-ws:aei:k')).toBe('CAE1');
    const reloaded = createLocalStorageAeIdStore({ storage });
    expect(reloaded.get('k')).toBe('CAE1');
    expect(reloaded.persistent).toBe(true);
    reloaded.delete('k');
    expect(createLocalStorageAeIdStore({ storage }).get('k')).toBeUndefined();
    expect(storage.items.size).toBe(0);
  });

  it('uses globalThis.localStorage by default, with a custom prefix', () => {
    const storage = new MemoryStorage();
    Object.defineProperty(globalThis, 'localStorage', { value: storage, configurable: true });
    createLocalStorageAeIdStore({ prefix: 'app:' }).set('k', 'C9');
    expect(storage.items.get('app:k')).toBe('C9');
    expect(createLocalStorageAeIdStore({ prefix: 'app:' }).get('k')).toBe('C9');
    expect(createLocalStorageAeIdStore().get('k')).toBeUndefined();
  });

  it('falls back to memory where localStorage is absent', () => {
    delete (globalThis as { localStorage?: unknown }).localStorage;
    const store = createLocalStorageAeIdStore();
    expect(store.persistent).toBe(false);
    store.set('k', 'C1');
    expect(store.get('k')).toBe('C1');
    store.delete('k');
    expect(store.get('k')).toBeUndefined();
  });

  it('falls back to memory where reading localStorage throws (sandboxed iframe)', () => {
    Object.defineProperty(globalThis, 'localStorage', {
      configurable: true,
      get() {
        throw new DOMException('access denied', 'SecurityError');
      },
    });
    const store = createLocalStorageAeIdStore();
    expect(store.persistent).toBe(false);
    store.set('k', 'C1');
    expect(store.get('k')).toBe('C1');
  });

  it('keeps the value in memory and reports it when the storage refuses a write', () => {
    const storage = new MemoryStorage();
    storage.failSet = true;
    const errors: string[] = [];
    const store = createLocalStorageAeIdStore({
      storage,
      onError: (e, op) => errors.push(`${op}:${(e as Error).name}`),
    });
    expect(() => store.set('k', 'C1')).not.toThrow();
    expect(store.get('k')).toBe('C1');
    expect(store.persistent).toBe(false);
    expect(errors).toEqual(['set:QuotaExceededError']);
    expect(storage.items.size).toBe(0);
  });

  it('hides a stale value the storage refused to delete', () => {
    const storage = new MemoryStorage();
    const store = createLocalStorageAeIdStore({ storage });
    store.set('k', 'Cstale');
    storage.failRemove = true;
    store.delete('k');
    expect(store.get('k')).toBeUndefined();
    store.set('k', 'Cfresh');
    expect(store.get('k')).toBe('Cfresh');
  });

  it('treats an empty stored value as absent', () => {
    const storage = new MemoryStorage();
    storage.items.set('onem2m-ws:aei:k', '');
    expect(createLocalStorageAeIdStore({ storage }).get('k')).toBeUndefined();
  });
});
