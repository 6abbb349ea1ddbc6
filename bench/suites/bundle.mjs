/**
 * Suite 7: bundle sizes. The SDK figures come from packages/onem2m-ws/dist/size.json, written by
 * the build (scripts/size-budget.mjs: script-tag IIFE, and `export { createClient } from
 * 'onem2m-ws/json'` tree-shaken by rollup, both terser-minified, gzip level 9). The baseline,
 * the hand-rolled browser client, is minified and gzipped here the same way.
 */
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
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
  return {
    baseline,
    scriptTag: size?.scriptTag,
    jsonOnly: size?.jsonOnlyCreateClient,
    sdkError,
  };
});
