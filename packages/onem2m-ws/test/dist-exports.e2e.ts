/**
 * The built `onem2m-ws` package as npm users get it: every subpath of its `exports` map resolves
 * and loads through Node's own resolver (ESM `import` and CJS `require`, in child processes, with
 * the package referring to itself by name), the declaration files each condition names exist, and
 * the script-tag bundle defines the global `OneM2M`. Runs in the e2e configuration, after the build;
 * a missing dist/ is a failure, not a skip.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';

const pkgDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(path.join(pkgDir, 'package.json'), 'utf8'));
const subpaths = Object.keys(pkg.exports).filter((key) => key !== './package.json');
const specifier = (subpath: string) => (subpath === '.' ? 'onem2m-ws' : `onem2m-ws/${subpath.slice(2)}`);

/** Runs `code` in a fresh Node inside the package directory; returns what it printed as JSON. */
function inNode(code: string, type: 'module' | 'commonjs'): unknown {
  const out = execFileSync(process.execPath, ['--input-type', type, '-e', code], {
    cwd: pkgDir,
    encoding: 'utf8',
    timeout: 20_000,
  });
  return JSON.parse(out);
}

describe('built onem2m-ws package', () => {
  it('has a dist/ (run `pnpm build` before the e2e tests)', () => {
    expect(existsSync(path.join(pkgDir, 'dist/index.js'))).toBe(true);
  });

  it.each(subpaths)('exports %s: every condition points at an existing file', (subpath) => {
    const conditions = pkg.exports[subpath];
    for (const kind of ['import', 'require'] as const) {
      for (const file of [conditions[kind].types, conditions[kind].default]) {
        expect(existsSync(path.join(pkgDir, file)), `${subpath} ${kind} → ${file}`).toBe(true);
      }
    }
  });

  it.each(subpaths)(
    'ESM import of %s and CJS require of it give the same API with createClient',
    (subpath) => {
      const name = specifier(subpath);
      const esm = inNode(
        `const m = await import(${JSON.stringify(name)}); console.log(JSON.stringify({ keys: Object.keys(m).sort(), createClient: typeof m.createClient }));`,
        'module',
      ) as { keys: string[]; createClient: string };
      const cjs = inNode(
        `const m = require(${JSON.stringify(name)}); console.log(JSON.stringify({ keys: Object.keys(m).sort(), createClient: typeof m.createClient }));`,
        'commonjs',
      ) as { keys: string[]; createClient: string };
      expect(esm.createClient).toBe('function');
      expect(cjs.createClient).toBe('function');
      expect(cjs.keys).toEqual(esm.keys);
      // Names both layers export (the client's classes win) must not vanish as ambiguous star exports.
      expect(esm.keys).toEqual(
        expect.arrayContaining([
          'createClient',
          'ProtocolError',
          'ResponseError',
          'jsonCodec',
          'Subscription',
          'NotificationEvent',
        ]),
      );
    },
  );

  it('wires all three codecs into createClient of onem2m-ws, only JSON into onem2m-ws/json', () => {
    const attempt = (name: string) =>
      inNode(
        `const m = await import(${JSON.stringify(name)});
         try { m.createClient({ url: 'ws://127.0.0.1:9', serializations: ['cbor', 'xml', 'json'] }); console.log(JSON.stringify('ok')); }
         catch (e) { console.log(JSON.stringify(e.name + ' ' + e.code)); }`,
        'module',
      );
    expect(attempt('onem2m-ws')).toBe('ok');
    expect(attempt('onem2m-ws/node')).toBe('ok');
    expect(attempt('onem2m-ws/json')).toBe('InvalidArgumentError INVALID_ARGUMENT');
  });

  it('creates a working client from the built ESM and CJS entries (no connection is opened)', () => {
    const code = (load: string) =>
      `${load}; const c = m.createClient({ url: 'ws://127.0.0.1:9' }); console.log(JSON.stringify({ on: typeof c.on, close: typeof c.close }));`;
    const expected = { on: 'function', close: 'function' };
    expect(inNode(code("const m = await import('onem2m-ws/node')"), 'module')).toEqual(expected);
    expect(inNode(code("const m = require('onem2m-ws/node')"), 'commonjs')).toEqual(expected);
  });

  it('type-checks a consumer of the built declarations (Node16 resolution, ESM .d.ts and CJS .d.cts)', () => {
    const tsc = path.resolve(pkgDir, '../../node_modules/typescript/bin/tsc');
    const project = path.join(pkgDir, 'test-fixtures/types/tsconfig.json');
    let output = '';
    try {
      execFileSync(process.execPath, [tsc, '-p', project], { encoding: 'utf8', timeout: 110_000 });
    } catch (error) {
      output = String((error as { stdout?: string }).stdout ?? error);
    }
    expect(output).toBe('');
  }, 120_000);

  it('ships a script-tag bundle that defines the global OneM2M, with its source map', () => {
    const bundle = path.join(pkgDir, 'dist/onem2m-ws.min.js');
    const code = readFileSync(bundle, 'utf8');
    expect(code).toContain('sourceMappingURL=onem2m-ws.min.js.map');
    expect(existsSync(`${bundle}.map`)).toBe(true);
    class FakeWebSocket {}
    const { TextEncoder, TextDecoder, setTimeout, clearTimeout, console } = globalThis;
    const context: Record<string, unknown> = {
      WebSocket: FakeWebSocket,
      TextEncoder,
      TextDecoder,
      setTimeout,
      clearTimeout,
      console,
    };
    context.self = context;
    context.window = context;
    context.globalThis = context;
    vm.runInNewContext(code, context, { filename: 'onem2m-ws.min.js' });
    const OneM2M = context.OneM2M as Record<string, unknown>;
    expect(typeof OneM2M).toBe('object');
    expect(typeof OneM2M.createClient).toBe('function');
    expect(typeof OneM2M.cborCodec).toBe('object');
  });

  it('records sizes within their budgets, and what the JSON-only opt-ins cost', () => {
    const size = JSON.parse(readFileSync(path.join(pkgDir, 'dist/size.json'), 'utf8'));
    expect(size.scriptTag.budgetGzipBytes).toBe(30_000);
    expect(size.jsonOnlyCreateClient.budgetGzipBytes).toBe(15_000);
    for (const m of [size.scriptTag, size.jsonOnlyCreateClient]) {
      expect(m.gzipBytes).toBeGreaterThan(0);
      expect(m.gzipBytes).toBeLessThanOrEqual(m.budgetGzipBytes);
    }
    // The name tables and the validation specs are only in the bundle that imports them.
    expect(size.jsonOnlyWithOptIns.gzipBytes).toBeGreaterThan(size.jsonOnlyCreateClient.gzipBytes + 3000);
  });
});
