/**
 * A Node {@link AeIdStore} in a small JSON file, so a restarted AE reuses its AE-ID instead of
 * registering again. Node-only (`node:fs`): exported from `@onem2m-ws/client/node`, never from the
 * platform-neutral entry.
 *
 * Writes are atomic: the new content goes to a temporary file in the same directory, is flushed,
 * then renamed over the old file, so a crash mid-write leaves either the old or the new file,
 * never a truncated one. Operations of one store instance are serialized; several processes
 * sharing one file are not coordinated (give each AE its own file).
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { AeIdStore } from './ae-id-store.js';

/** Why the JSON-file store failed. */
export type AeIdStoreErrorCode =
  /** The file exists but is not a store written by this class (invalid JSON or shape). */
  | 'STORE_CORRUPT'
  /** Reading or writing the file failed (permissions, disk full, a directory in the way...). */
  | 'STORE_IO'
  /** The store was created with unusable options (e.g. no path). */
  | 'INVALID_OPTIONS';

/**
 * The JSON-file store could not read or write its file. A corrupt file is reported rather than
 * overwritten: silently starting afresh would orphan the AE registered under the lost ID.
 */
export class AeIdStoreError extends Error {
  override readonly name = 'AeIdStoreError';
  /** Machine-readable reason. */
  readonly code: AeIdStoreErrorCode;
  /** The store's file. */
  readonly path: string;

  constructor(code: AeIdStoreErrorCode, message: string, options: { path: string; cause?: unknown }) {
    super(message, { cause: options.cause });
    this.code = code;
    this.path = options.path;
  }
}

/** Options of {@link createJsonFileAeIdStore}. */
export interface JsonFileAeIdStoreOptions {
  /** The file to keep AE-IDs in; missing parent directories are created on the first write. */
  path: string;
  /**
   * Permission bits of the file (and of directories it creates, plus the execute bits).
   * @default 0o600 (owner only)
   */
  mode?: number;
}

/** Content of the file: a version, for future migrations, and the entries. */
interface StoreFile {
  version: 1;
  entries: Record<string, string>;
}

/** Entries in memory: a Map, so caller-chosen keys like `__proto__` stay plain data. */
type Entries = Map<string, string>;

function isStoreFile(value: unknown): value is StoreFile {
  if (value === null || typeof value !== 'object') return false;
  const file = value as { version?: unknown; entries?: unknown };
  if (file.version !== 1 || file.entries === null || typeof file.entries !== 'object') return false;
  return Object.values(file.entries as object).every((v) => typeof v === 'string');
}

/** {@link AeIdStore} persisted in one JSON file. */
export class JsonFileAeIdStore implements AeIdStore {
  /** Absolute path of the store's file. */
  readonly path: string;
  readonly #mode: number;
  /** Tail of the operation chain: each read-modify-write waits for the previous one. */
  #queue: Promise<unknown> = Promise.resolve();

  constructor(options: JsonFileAeIdStoreOptions) {
    if (!options || typeof options.path !== 'string' || options.path.length === 0) {
      throw new AeIdStoreError('INVALID_OPTIONS', 'JsonFileAeIdStore: `path` must be a non-empty string', {
        path: String(options?.path ?? ''),
      });
    }
    this.path = path.resolve(options.path);
    this.#mode = options.mode ?? 0o600;
  }

  /** {@inheritDoc AeIdStore.get} */
  get(key: string): Promise<string | undefined> {
    return this.#serialize(async () => (await this.#read()).get(key));
  }

  /** {@inheritDoc AeIdStore.set} */
  set(key: string, aei: string): Promise<void> {
    return this.#serialize(async () => {
      const entries = await this.#read();
      entries.set(key, aei);
      await this.#write(entries);
    });
  }

  /** {@inheritDoc AeIdStore.delete} */
  delete(key: string): Promise<void> {
    return this.#serialize(async () => {
      const entries = await this.#read();
      if (!entries.delete(key)) return;
      await this.#write(entries);
    });
  }

  #serialize<T>(operation: () => Promise<T>): Promise<T> {
    const result = this.#queue.then(operation, operation);
    this.#queue = result.catch(() => undefined);
    return result;
  }

  async #read(): Promise<Entries> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (cause) {
      if ((cause as NodeJS.ErrnoException).code === 'ENOENT') return new Map();
      throw new AeIdStoreError('STORE_IO', `cannot read ${this.path}: ${(cause as Error).message}`, {
        path: this.path,
        cause,
      });
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (cause) {
      throw new AeIdStoreError('STORE_CORRUPT', `${this.path} is not valid JSON; fix or remove it`, {
        path: this.path,
        cause,
      });
    }
    if (!isStoreFile(parsed)) {
      throw new AeIdStoreError(
        'STORE_CORRUPT',
        `${this.path} is not an AE-ID store file ({ "version": 1, "entries": { key: aei } }); fix or remove it`,
        { path: this.path },
      );
    }
    return new Map(Object.entries(parsed.entries));
  }

  async #write(entries: Entries): Promise<void> {
    const dir = path.dirname(this.path);
    const temp = path.join(
      dir,
      `.${path.basename(this.path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`,
    );
    try {
      await mkdir(dir, { recursive: true, mode: this.#mode | 0o700 });
      const handle = await open(temp, 'wx', this.#mode);
      try {
        const file: StoreFile = { version: 1, entries: Object.fromEntries(entries) };
        await handle.writeFile(`${JSON.stringify(file, null, 2)}\n`, 'utf8');
        // Flush before the rename, or a power cut could leave the new name pointing at no data.
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temp, this.path);
    } catch (cause) {
      await rm(temp, { force: true }).catch(() => undefined);
      throw new AeIdStoreError('STORE_IO', `cannot write ${this.path}: ${(cause as Error).message}`, {
        path: this.path,
        cause,
      });
    }
  }
}

/**
 * Create an {@link AeIdStore} kept in a JSON file.
 * @example createClient({ url, aeIdStore: createJsonFileAeIdStore({ path: './state/ae-id.json' }) })
 */
export function createJsonFileAeIdStore(options: JsonFileAeIdStoreOptions): JsonFileAeIdStore {
  return new JsonFileAeIdStore(options);
}
