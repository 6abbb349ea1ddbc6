/**
 * Suite 7: bundle sizes. The SDK figures come from packages/onem2m-ws/dist/size.json, written by
 * the build (scripts/size-budget.mjs: script-tag IIFE, and `export { createClient } from
 * 'onem2m-ws/json'` tree-shaken by rollup, both terser-minified, gzip level 9). The baseline,
 * the hand-rolled browser client, is minified and gzipped here the same way.
 */
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import commonjs from '@rollup/plugin-commonjs';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import { rollup } from 'rollup';
import { distPath } from '../lib/sdk.mjs';
import { suiteMain } from '../lib/suite.mjs';

async function minified(entry) {
  const bundle = await rollup({ input: entry });
  const { output } = await bundle.generate({
    format: 'es',
    plugins: [terser({ format: { comments: false } })],
  });
  await bundle.close();
  return output[0].code;
}

/** Which part of the bundle a module belongs to: an SDK package, a dependency, or other. */
function partOf(id) {
  const sdk = id.match(/packages\/([^/]+)\/(dist|src)\//);
  if (sdk) return `@onem2m-ws/${sdk[1]}`.replace('@onem2m-ws/onem2m-ws', 'onem2m-ws');
  const dep = id.match(/node_modules\/\.pnpm\/(@?[^@/]+(?:\+[^@/]+)?)@/);
  if (dep) return dep[1].replace('+', '/');
  return 'other';
}

/**
 * What a bundle of `code` (an entry module's source, importing from the built umbrella package)
 * is made of: bytes per part after tree-shaking, before minification, largest first. Resolved
 * the way size-budget.mjs does (browser field, package exports), so it explains those figures.
 */
async function composition(code) {
  const entry = '\0composition-entry';
  const bundle = await rollup({
    input: entry,
    plugins: [
      {
        name: 'composition-entry',
        resolveId(id) {
          if (id === entry) return entry;
          const m = id.match(/^onem2m-ws(\/(.+))?$/);
          if (m) return distPath('onem2m-ws', `${m[2] ?? 'index'}.js`);
          return null;
        },
        load: (id) => (id === entry ? code : null),
      },
      nodeResolve({ browser: true, preferBuiltins: false }),
      commonjs(),
    ],
    onwarn: () => {},
  });
  const { output } = await bundle.generate({ format: 'es' });
  await bundle.close();
  const parts = {};
  let total = 0;
  for (const [id, info] of Object.entries(output[0].modules)) {
    const part = partOf(id);
    parts[part] = (parts[part] ?? 0) + info.renderedLength;
    total += info.renderedLength;
  }
  const topModules = Object.entries(output[0].modules)
    .sort((a, b) => b[1].renderedLength - a[1].renderedLength)
    .slice(0, 12)
    .map(([id, info]) => ({
      module: id.replace(/^.*\/(packages|node_modules\/\.pnpm)\//, ''),
      renderedBytes: info.renderedLength,
    }));
  return {
    parts: Object.entries(parts)
      .filter(([, bytes]) => bytes > 0)
      .sort((a, b) => b[1] - a[1])
      .map(([part, bytes]) => ({ part, renderedBytes: bytes, share: bytes / total })),
    topModules,
  };
}

suiteMain(async () => {
  const code = await minified(new URL('../lib/raw-browser-client.mjs', import.meta.url).pathname);
  const baseline = { minBytes: Buffer.byteLength(code), gzipBytes: gzipSync(code, { level: 9 }).byteLength };
  let size;
  let sdkError;
  try {
    size = JSON.parse(readFileSync(distPath('onem2m-ws', 'size.json'), 'utf8'));
  } catch (error) {
    sdkError = `size.json not available: ${error.message}`;
  }
  const compositions = {};
  if (size) {
    try {
      compositions.jsonOnly = await composition("export { createClient } from 'onem2m-ws/json';\n");
      compositions.scriptTag = await composition("export * from 'onem2m-ws';\n");
    } catch (error) {
      compositions.error = String(error.message ?? error);
    }
  }
  return {
    baseline,
    compositions,
    scriptTag: size?.scriptTag,
    jsonOnly: size?.jsonOnlyCreateClient,
    sdkError,
  };
});
