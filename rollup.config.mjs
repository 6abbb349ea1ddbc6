// One configuration builds every library package of the workspace:
//   - ESM (.js) + CJS (.cjs) for each entry named in the package's `exports` map (and its `bin`),
//   - declarations (.d.ts for `import`, .d.cts for `require`) with rollup-plugin-dts,
//   - the web-app example (examples/web-app), bundled from the built `onem2m-ws/json` like a user's app,
//   - the script-tag bundle of `onem2m-ws` (IIFE, global `OneM2M`, minified, with a source map),
//   - then the size budgets, which fail the build when exceeded (scripts/size-budget.mjs).
// Rollup runs the configurations of this array one after another, in order: the size check
// runs last because it bundles the freshly built `dist/` the way a user's bundler would.
import { chmodSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import commonjs from '@rollup/plugin-commonjs';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import { dts } from 'rollup-plugin-dts';
import esbuild from 'rollup-plugin-esbuild';
import webApp from './examples/web-app/rollup.config.mjs';
import { sizeBudget } from './scripts/size-budget.mjs';

const root = path.dirname(fileURLToPath(import.meta.url));
const fromRoot = (...p) => path.join(root, ...p);

/** Library packages, in dependency order (the umbrella's dts build reads its siblings' types). */
const packageDirs = ['packages/protocol', 'packages/client', 'packages/cse', 'packages/onem2m-ws'];

/** The global the script-tag bundle defines (`window.OneM2M`). */
const GLOBAL_NAME = 'OneM2M';

const nodeBuiltins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);

/** Entries of a package, derived from its `exports` map and `bin`, so the map stays the one source of truth. */
function entriesOf(dir, pkg) {
  const entries = {};
  for (const [key, target] of Object.entries(pkg.exports ?? {})) {
    if (key === './package.json') continue;
    const file = typeof target === 'string' ? target : findImportTarget(target);
    const name = path.basename(file).replace(/\.(c|m)?js$/, '');
    entries[name] = key === '.' ? `${dir}/src/index.ts` : `${dir}/src/entries/${name}.ts`;
  }
  for (const file of Object.values(pkg.bin ?? {})) {
    const name = path.basename(file).replace(/\.(c|m)?js$/, '');
    entries[name] = `${dir}/src/${name}.ts`;
  }
  for (const [name, source] of Object.entries(entries)) {
    if (!existsSync(fromRoot(source))) {
      throw new Error(`${pkg.name}: entry "${name}" named in package.json has no source at ${source}`);
    }
  }
  return entries;
}

/** The JS file an export condition tree points `import` at (nested `{ import: { default } }` or flat). */
function findImportTarget(target) {
  const imp = target.import ?? target.default;
  return typeof imp === 'string' ? imp : (imp.default ?? imp.import);
}

/** Dependencies and Node built-ins stay external; every other import is bundled. */
function externalFor(pkg) {
  const deps = Object.keys({ ...pkg.dependencies, ...pkg.peerDependencies, ...pkg.optionalDependencies });
  return (id) => nodeBuiltins.has(id) || deps.some((dep) => id === dep || id.startsWith(`${dep}/`));
}

/** Empties dist/ before a package's first build: chunk names carry content hashes, so stale chunks would pile up. */
function cleanDist(outDir) {
  return {
    name: 'clean-dist',
    buildStart() {
      rmSync(outDir, { recursive: true, force: true });
    },
  };
}

/** Marks the `bin` outputs executable, so `./dist/cli.js` runs directly as well as through npm's shim. */
function executableBins(binNames) {
  return {
    name: 'executable-bins',
    writeBundle(options, bundle) {
      for (const file of Object.keys(bundle)) {
        if (binNames.has(file.replace(/\.(c)?js$/, ''))) chmodSync(path.join(options.dir, file), 0o755);
      }
    },
  };
}

function withoutBins(input, binNames) {
  return Object.fromEntries(Object.entries(input).filter(([name]) => !binNames.has(name)));
}

function libraryConfigs(dir) {
  const pkg = JSON.parse(readFileSync(fromRoot(dir, 'package.json'), 'utf8'));
  const input = entriesOf(dir, pkg);
  const external = externalFor(pkg);
  const binNames = new Set(Object.values(pkg.bin ?? {}).map((f) => path.basename(f).replace(/\.js$/, '')));
  const banner = (chunk) => (chunk.isEntry && binNames.has(chunk.name) ? '#!/usr/bin/env node' : '');
  const outDir = fromRoot(dir, 'dist');

  const esbuildPlugin = () => esbuild({ target: 'es2022', tsconfig: fromRoot('tsconfig.base.json') });
  // The ESM build includes the bins (they are ESM, `#!/usr/bin/env node`, and may use top-level
  // await); the CJS build only serves `require()` of the exported entries.
  const esm = {
    input,
    external,
    plugins: [cleanDist(outDir), esbuildPlugin(), executableBins(binNames)],
    output: {
      dir: outDir,
      format: 'es',
      entryFileNames: '[name].js',
      chunkFileNames: 'chunks/[name]-[hash].js',
      sourcemap: true,
      banner,
      // No bare `import '<dependency>'` hoisted into entries that do not use it: a JSON-only bundle
      // must not pull a codec's library in through an import that bundlers keep for its side effects.
      hoistTransitiveImports: false,
    },
    onwarn: failOnWarnings,
  };
  const cjs = {
    input: withoutBins(input, binNames),
    external,
    plugins: [esbuildPlugin()],
    output: {
      dir: outDir,
      format: 'cjs',
      entryFileNames: '[name].cjs',
      chunkFileNames: 'chunks/[name]-[hash].cjs',
      sourcemap: true,
      exports: 'named',
      interop: 'auto',
      hoistTransitiveImports: false,
    },
    onwarn: failOnWarnings,
  };

  const types = {
    input: withoutBins(input, binNames),
    external,
    plugins: [dts({ tsconfig: fromRoot('tsconfig.base.json') })],
    output: [
      {
        dir: outDir,
        format: 'es',
        entryFileNames: '[name].d.ts',
        chunkFileNames: 'chunks/[name]-[hash].d.ts',
        hoistTransitiveImports: false,
      },
      {
        dir: outDir,
        format: 'es',
        entryFileNames: '[name].d.cts',
        chunkFileNames: 'chunks/[name]-[hash].d.cts',
        hoistTransitiveImports: false,
      },
    ],
    onwarn: failOnWarnings,
  };
  return [esm, cjs, types];
}

/**
 * Resolves the workspace packages to their TypeScript sources, exactly as tsconfig.json's paths do,
 * so the script-tag bundle is built from source in one pass.
 */
function workspaceSources() {
  const map = [
    [/^@onem2m-ws\/protocol$/, 'packages/protocol/src/index.ts'],
    [/^@onem2m-ws\/protocol\/(.+)$/, 'packages/protocol/src/entries/$1.ts'],
    [/^@onem2m-ws\/client$/, 'packages/client/src/index.ts'],
    [/^@onem2m-ws\/client\/(.+)$/, 'packages/client/src/entries/$1.ts'],
    [/^onem2m-ws$/, 'packages/onem2m-ws/src/index.ts'],
    [/^onem2m-ws\/(.+)$/, 'packages/onem2m-ws/src/entries/$1.ts'],
  ];
  return {
    name: 'workspace-sources',
    resolveId(id) {
      for (const [pattern, target] of map) {
        if (pattern.test(id)) return fromRoot(id.replace(pattern, target));
      }
      return null;
    },
  };
}

/**
 * The script tag only ever runs in a browser: the global `WebSocket` stands in for isomorphic-ws,
 * whose browser build also probes `MozWebSocket`, `global`, `window` and `self` for engines that
 * predate `globalThis` (-70 B gzip).
 */
function browserWebSocket() {
  const id = '\0browser-websocket';
  return {
    name: 'browser-websocket',
    resolveId: (source) => (source === 'isomorphic-ws' ? id : null),
    load: (source) => (source === id ? 'export default globalThis.WebSocket;\n' : null),
  };
}

const scriptTagBundle = {
  input: fromRoot('packages/onem2m-ws/src/entries/browser-global.ts'),
  plugins: [
    workspaceSources(),
    browserWebSocket(),
    nodeResolve({ browser: true, preferBuiltins: false }),
    commonjs(),
    esbuild({ target: 'es2022', tsconfig: fromRoot('tsconfig.base.json') }),
    // Runs once the bundle is written (and, the configurations running in order, after every
    // library's dist/): measures the budgets and fails the build when one is exceeded.
    sizeBudget({ root }),
  ],
  output: {
    file: fromRoot('packages/onem2m-ws/dist/onem2m-ws.min.js'),
    format: 'iife',
    name: GLOBAL_NAME,
    sourcemap: true,
    // Our own artifact, so minified as hard as is safe: a second compress pass (-85 B gzip).
    plugins: [terser({ compress: { passes: 2 }, format: { comments: false } })],
  },
  onwarn: failOnWarnings,
};

/** Warnings that mean a broken artifact (unresolved import, missing export...) fail the build. */
function failOnWarnings(warning, warn) {
  const fatal = ['UNRESOLVED_IMPORT', 'MISSING_EXPORT', 'MISSING_GLOBAL_NAME', 'MIXED_EXPORTS'];
  if (fatal.includes(warning.code)) throw new Error(`${warning.code}: ${warning.message}`);
  if (isThirdPartyNoise(warning)) return;
  warn(warning);
}

/**
 * Third-party modules (e.g. zod) have import cycles, top-level `this` and misplaced `@__PURE__`
 * comments; harmless, and not ours to fix. The same warnings from our own sources still show.
 */
export function isThirdPartyNoise(warning) {
  const noisy = ['THIS_IS_UNDEFINED', 'CIRCULAR_DEPENDENCY', 'INVALID_ANNOTATION'];
  const ids = warning.ids ?? [warning.id ?? warning.loc?.file ?? ''];
  return noisy.includes(warning.code) && ids.every((id) => id.includes('node_modules'));
}

// The web-app example bundles the built `onem2m-ws/json`, so it comes after the libraries.
export default [
  ...packageDirs.flatMap(libraryConfigs),
  { ...webApp, onwarn: failOnWarnings },
  scriptTagBundle,
];
