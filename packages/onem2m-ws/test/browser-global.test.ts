import { describe, expect, it } from 'vitest';
import * as browserGlobal from '../src/entries/browser-global.js';
import * as full from '../src/index.js';

/** Test-only in-memory transport: left out of the script-tag global. */
const TEST_ONLY = ['MemoryServer', 'MemoryServerConnection', 'createMemoryAdapter'];
/** The data tables behind validation and name translation: left out too (see browser-global.ts). */
const isDataTable = (name: string) => /(_SPECS?|_NAMES)$|^(NAME_GROUPS|OPAQUE_MEMBERS)$/.test(name);

describe('script-tag entry (global OneM2M)', () => {
  it('exposes everything onem2m-ws exports but the in-memory test transport and the data tables', () => {
    const expected = Object.keys(full).filter((name) => !TEST_ONLY.includes(name) && !isDataTable(name));
    expect(Object.keys(full).filter(isDataTable).length).toBeGreaterThan(40);
    expect(Object.keys(browserGlobal).sort()).toEqual(expected.sort());
  });

  it('exposes the same bindings (the client classes win over the protocol ones)', () => {
    const globalApi: Record<string, unknown> = { ...browserGlobal };
    const fullApi: Record<string, unknown> = { ...full };
    for (const name of Object.keys(globalApi)) expect(globalApi[name], name).toBe(fullApi[name]);
  });
});
