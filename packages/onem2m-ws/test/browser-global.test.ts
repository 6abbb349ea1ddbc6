import { describe, expect, it } from 'vitest';
import * as browserGlobal from '../src/entries/browser-global.js';
import * as full from '../src/index.js';

/** Test-only in-memory transport: the one part of `onem2m-ws` the script-tag global leaves out. */
const TEST_ONLY = ['MemoryServer', 'MemoryServerConnection', 'createMemoryAdapter'];

describe('script-tag entry (global OneM2M)', () => {
  it('exposes everything onem2m-ws exports except the in-memory test transport', () => {
    const expected = Object.keys(full).filter((name) => !TEST_ONLY.includes(name));
    expect(Object.keys(browserGlobal).sort()).toEqual(expected.sort());
  });

  it('exposes the same bindings (the client classes win over the protocol ones)', () => {
    const globalApi: Record<string, unknown> = { ...browserGlobal };
    const fullApi: Record<string, unknown> = { ...full };
    for (const name of Object.keys(globalApi)) expect(globalApi[name], name).toBe(fullApi[name]);
  });
});
