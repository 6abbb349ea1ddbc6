import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  AeIdStoreError,
  createJsonFileAeIdStore,
  JsonFileAeIdStore,
} from '../../src/stores/json-file-store.js';

describe('JSON-file AE-ID store (Node)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'onem2m-ws-store-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('persists an AE-ID that a new store on the same file (a restarted AE) reads back', async () => {
    const file = path.join(dir, 'state', 'nested', 'ae-id.json');
    const first = createJsonFileAeIdStore({ path: file });
    expect(await first.get('ws://cse/|Cmy-ae')).toBeUndefined();
    await first.set('ws://cse/|Cmy-ae', 'CAE123');
    await first.set('ws://other/|x', 'Cother');

    const restarted = new JsonFileAeIdStore({ path: file });
    expect(await restarted.get('ws://cse/|Cmy-ae')).toBe('CAE123');
    expect(await restarted.get('ws://other/|x')).toBe('Cother');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({
      version: 1,
      entries: { 'ws://cse/|Cmy-ae': 'CAE123', 'ws://other/|x': 'Cother' },
    });
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('replaces and deletes entries; deleting a missing key is not an error', async () => {
    const file = path.join(dir, 'ae.json');
    const store = createJsonFileAeIdStore({ path: file });
    await store.set('k', 'C1');
    await store.set('k', 'C2');
    expect(await createJsonFileAeIdStore({ path: file }).get('k')).toBe('C2');
    await store.delete('k');
    await store.delete('k');
    await store.delete('never-set');
    expect(await createJsonFileAeIdStore({ path: file }).get('k')).toBeUndefined();
  });

  it('serializes concurrent writes of one store: none is lost', async () => {
    const file = path.join(dir, 'ae.json');
    const store = createJsonFileAeIdStore({ path: file });
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.set(`key${i}`, `C${i}`)));
    const reloaded = createJsonFileAeIdStore({ path: file });
    for (let i = 0; i < 20; i++) expect(await reloaded.get(`key${i}`)).toBe(`C${i}`);
  });

  it('writes atomically: a new file replaces the old one, readers of the old never see a partial file', async () => {
    const file = path.join(dir, 'ae.json');
    const store = createJsonFileAeIdStore({ path: file });
    await store.set('k', 'Cold');
    const before = readFileSync(file, 'utf8');
    const reader = await open(file, 'r');
    try {
      await store.set('k', 'Cnew');
      // The old handle still reads the complete old content: the file was renamed over, not rewritten.
      expect(await reader.readFile('utf8')).toBe(before);
    } finally {
      await reader.close();
    }
    expect(await createJsonFileAeIdStore({ path: file }).get('k')).toBe('Cnew');
    expect(readdirSync(dir)).toEqual(['ae.json']);
  });

  it('keeps keys such as __proto__ as plain data', async () => {
    const file = path.join(dir, 'ae.json');
    const store = createJsonFileAeIdStore({ path: file });
    await store.set('__proto__', 'Cproto');
    await store.set('constructor', 'Cctor');
    const reloaded = createJsonFileAeIdStore({ path: file });
    expect(await reloaded.get('__proto__')).toBe('Cproto');
    expect(await reloaded.get('constructor')).toBe('Cctor');
    expect(await reloaded.get('toString')).toBeUndefined();
  });

  it('reports a corrupt file instead of overwriting it', async () => {
    const file = path.join(dir, 'ae.json');
    writeFileSync(file, '{"version":1,"entries":{"k":"C1"');
    const store = createJsonFileAeIdStore({ path: file });
    await expect(store.get('k')).rejects.toMatchObject({
      name: 'AeIdStoreError',
      code: 'STORE_CORRUPT',
      path: file,
    });
    await expect(store.set('k', 'C2')).rejects.toBeInstanceOf(AeIdStoreError);
    expect(readFileSync(file, 'utf8')).toBe('{"version":1,"entries":{"k":"C1"');

    writeFileSync(file, JSON.stringify({ version: 1, entries: { k: 42 } }));
    await expect(store.get('k')).rejects.toMatchObject({ code: 'STORE_CORRUPT' });
    writeFileSync(file, JSON.stringify(['C1']));
    await expect(store.get('k')).rejects.toMatchObject({ code: 'STORE_CORRUPT' });
  });

  it('reports I/O failures with a typed error and leaves no temporary file', async () => {
    const blocker = path.join(dir, 'not-a-dir');
    writeFileSync(blocker, 'x');
    const store = createJsonFileAeIdStore({ path: path.join(blocker, 'ae.json') });
    await expect(store.get('k')).rejects.toMatchObject({ code: 'STORE_IO' });
    await expect(store.set('k', 'C1')).rejects.toMatchObject({ code: 'STORE_IO' });
    // A later operation still runs: one failure does not wedge the queue.
    await expect(store.delete('k')).rejects.toMatchObject({ code: 'STORE_IO' });
    expect(readdirSync(dir)).toEqual(['not-a-dir']);
  });

  it('refuses a missing path', () => {
    expect(() => createJsonFileAeIdStore({ path: '' })).toThrow(AeIdStoreError);
    expect(() => createJsonFileAeIdStore(undefined as unknown as { path: string })).toThrow(/path/);
  });
});
