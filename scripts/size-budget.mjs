// Size budgets of the onem2m-ws distribution, measured on every build (issue 6):
//   - the script-tag bundle (dist/onem2m-ws.min.js) ≤ 30 KB gzip;
//   - a JSON-only ESM import of `createClient` from `onem2m-ws/json`, tree-shaken and minified
//     the way an application bundler would do it, ≤ 15 KB gzip.
// 1 KB = 1000 bytes; gzip at level 9. The build fails when a bundle is over its budget. The same
// JSON-only import with its two opt-ins (long names, request validation) is measured too, without a
// budget, so the price of each choice is printed next to the budgets. The figures are written to
// packages/onem2m-ws/dist/size.json (read by the benchmarks) and printed as one line.
//
// Used as a rollup plugin from rollup.config.mjs, or run alone after a build:
//   node scripts/size-budget.mjs            measure and check (exit 1 over budget)
//   node scripts/size-budget.mjs --explain  also list the source modules that weigh most in each bundle
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import commonjs from '@rollup/plugin-commonjs';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import { rollup } from 'rollup';
import { describeModuleLevelWork, findModuleLevelWork } from './module-level-work.mjs';

/** Budgets in bytes of gzip output. */
export const BUDGETS = {
  scriptTag: 30_000,
  jsonOnlyCreateClient: 15_000,
};

/** The JSON-only entry measured against its budget, and with the functions it can be given. */
const JSON_ONLY = "export { createClient } from 'onem2m-ws/json';\n";
const JSON_ONLY_WITH_OPT_INS =
  "export { createClient, toShortNames, validateRequestParameters } from 'onem2m-ws/json';\n";

const gzipSize = (code) => gzipSync(code, { level: 9 }).byteLength;
const kb = (bytes) => `${(bytes / 1000).toFixed(1)} KB`;

/**
 * Bundles `code` (imports of `onem2m-ws/json`) against the built packages, exactly as a user's
 * bundler resolves them (package exports, `sideEffects: false`, browser field), and returns the
 * minified code.
 */
async function bundleJsonOnly(root, code) {
  const umbrellaDist = path.join(root, 'packages/onem2m-ws/dist/json.js');
  if (!existsSync(umbrellaDist))
    throw new Error(`size budget: ${umbrellaDist} is missing; build the packages first`);
  const entry = '\0json-only-entry';
  const bundle = await rollup({
    input: entry,
    plugins: [
      {
        name: 'json-only-entry',
        resolveId(id) {
          if (id === entry) return entry;
          // The umbrella package itself is not in its own node_modules; everything below it is.
          if (id === 'onem2m-ws/json') return umbrellaDist;
          return null;
        },
        load(id) {
          return id === entry ? code : null;
        },
      },
      nodeResolve({ browser: true, preferBuiltins: false }),
      commonjs(),
    ],
    onwarn(warning, warn) {
      if (warning.code === 'UNRESOLVED_IMPORT') throw new Error(`size budget: ${warning.message}`);
      const noisy = ['THIS_IS_UNDEFINED', 'CIRCULAR_DEPENDENCY', 'INVALID_ANNOTATION'];
      const ids = warning.ids ?? [warning.id ?? warning.loc?.file ?? ''];
      if (!(noisy.includes(warning.code) && ids.every((id) => id.includes('node_modules')))) warn(warning);
    },
  });
  const { output } = await bundle.generate({
    format: 'es',
    plugins: [terser({ format: { comments: false } })],
  });
  await bundle.close();
  return output[0].code;
}

/**
 * Measures both budgets and the JSON-only import with its opt-ins. `scriptTagCode` may be passed in
 * (from the bundle being written); otherwise it is read from dist.
 */
export async function measure(root, scriptTagCode) {
  const scriptTagFile = path.join(root, 'packages/onem2m-ws/dist/onem2m-ws.min.js');
  const scriptTag = scriptTagCode ?? readFileSync(scriptTagFile, 'utf8');
  const jsonOnly = await bundleJsonOnly(root, JSON_ONLY);
  const withOptIns = await bundleJsonOnly(root, JSON_ONLY_WITH_OPT_INS);
  const sizes = (code) => ({ minBytes: Buffer.byteLength(code), gzipBytes: gzipSize(code) });
  const result = {
    unit: 'bytes',
    gzipLevel: 9,
    scriptTag: {
      file: 'dist/onem2m-ws.min.js',
      ...sizes(scriptTag),
      budgetGzipBytes: BUDGETS.scriptTag,
    },
    jsonOnlyCreateClient: {
      entry: JSON_ONLY.trim(),
      ...sizes(jsonOnly),
      budgetGzipBytes: BUDGETS.jsonOnlyCreateClient,
    },
    // No budget: what a JSON-only application pays for long names and request validation.
    jsonOnlyWithOptIns: { entry: JSON_ONLY_WITH_OPT_INS.trim(), ...sizes(withOptIns) },
  };
  writeFileSync(path.join(root, 'packages/onem2m-ws/dist/size.json'), `${JSON.stringify(result, null, 2)}\n`);
  return result;
}

/** One line for the build log, e.g. `size budget: script tag 21.0 KB gzip (budget 30.0 KB) ok | ...`. */
export function formatLine(result) {
  const part = (label, m) =>
    `${label} ${kb(m.gzipBytes)} gzip / ${kb(m.minBytes)} min (budget ${kb(m.budgetGzipBytes)}) ${
      m.gzipBytes <= m.budgetGzipBytes ? 'ok' : 'OVER BUDGET'
    }`;
  const optIns = result.jsonOnlyWithOptIns;
  return `size budget: ${part('script tag onem2m-ws.min.js', result.scriptTag)} | ${part(
    'onem2m-ws/json { createClient }',
    result.jsonOnlyCreateClient,
  )} | with toShortNames + validateRequestParameters ${kb(optIns.gzipBytes)} gzip (no budget)`;
}

/** The budgets that were exceeded, as messages; empty when all fit. */
export function overBudget(result) {
  return [result.scriptTag, result.jsonOnlyCreateClient]
    .filter((m) => m.gzipBytes > m.budgetGzipBytes)
    .map((m) => `${m.file ?? m.entry}: ${m.gzipBytes} bytes gzip > budget ${m.budgetGzipBytes}`);
}

/** Rollup plugin for the script-tag bundle's configuration: measure after writing, fail over a budget. */
export function sizeBudget({ root }) {
  return {
    name: 'size-budget',
    async writeBundle(_options, bundle) {
      const main = Object.values(bundle).find((chunk) => chunk.type === 'chunk' && chunk.isEntry);
      const result = await measure(root, main?.code);
      console.log(formatLine(result));
      const over = overBudget(result);
      if (over.length > 0) this.error(`size budget exceeded: ${over.join('; ')}`);
      const work = describeModuleLevelWork(await findModuleLevelWork(root));
      if (work.length > 0) this.error(`not tree-shakable:\n${work.join('\n')}`);
    },
  };
}

/**
 * Where the bytes come from: bundles `code` from the TypeScript sources (workspace packages as
 * side-effect free as their package.json says) and returns, per module, the gzip size of its
 * minified code alone. The per-module figures add up to more than the whole (gzip shares context
 * across modules); they rank the contributors.
 */
async function explain(root, code) {
  const { default: esbuild } = await import('rollup-plugin-esbuild');
  const { transform } = await import('esbuild');
  const sources = [
    [/^@onem2m-ws\/(protocol|client)$/, 'packages/$1/src/index.ts'],
    [/^@onem2m-ws\/(protocol|client)\/(.+)$/, 'packages/$1/src/entries/$2.ts'],
    [/^onem2m-ws$/, 'packages/onem2m-ws/src/index.ts'],
    [/^onem2m-ws\/(.+)$/, 'packages/onem2m-ws/src/entries/$1.ts'],
  ];
  const entry = '\0explain-entry';
  const bundle = await rollup({
    input: entry,
    treeshake: { moduleSideEffects: (id) => !id.includes('/packages/') },
    plugins: [
      {
        name: 'explain-sources',
        resolveId(id) {
          if (id === entry) return entry;
          for (const [pattern, target] of sources) {
            if (pattern.test(id)) return path.join(root, id.replace(pattern, target));
          }
          return null;
        },
        load: (id) => (id === entry ? code : null),
      },
      nodeResolve({ browser: true, preferBuiltins: false }),
      commonjs(),
      esbuild({ target: 'es2022' }),
    ],
    onwarn() {},
  });
  const { output } = await bundle.generate({ format: 'es' });
  await bundle.close();
  const rows = [];
  for (const [id, module] of Object.entries(output[0].modules)) {
    if (!module.code) continue;
    const min = (await transform(module.code, { minifyWhitespace: true, minifySyntax: true })).code;
    rows.push({
      gzip: gzipSize(min),
      module: path.relative(root, id).replace(/^node_modules\/\.pnpm\/[^/]+\/node_modules\//, ''),
    });
  }
  return rows.sort((a, b) => b.gzip - a.gzip);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const result = await measure(root);
  console.log(formatLine(result));
  if (process.argv.includes('--explain')) {
    for (const [label, code] of [
      ['script tag (everything of onem2m-ws)', "export * from 'onem2m-ws';\n"],
      ['onem2m-ws/json { createClient }', JSON_ONLY],
    ]) {
      console.log(`\n${label}: gzip bytes of each module alone, largest first`);
      for (const row of (await explain(root, code)).slice(0, 25))
        console.log(`${String(row.gzip).padStart(7)}  ${row.module}`);
    }
  }
  const over = overBudget(result);
  if (over.length > 0) {
    console.error(`size budget exceeded: ${over.join('; ')}`);
    process.exit(1);
  }
}
