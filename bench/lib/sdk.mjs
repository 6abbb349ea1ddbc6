/**
 * Loads the BUILT SDK (packages/*\/dist, produced by `pnpm build` before every run), so the
 * numbers describe what users install. A part that is not built yet is reported as missing
 * instead of failing the whole run.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

/**
 * `BENCH_SOURCE=1` measures the TypeScript sources through tsx instead of dist (for working on
 * the SDK before a build; children get `--import tsx`). Reported runs use the build.
 */
export const fromSource = process.env.BENCH_SOURCE === '1';

/**
 * Where the built packages are: `packages/` of this repository, or `BENCH_PACKAGES` (a folder
 * laid out the same way, e.g. a saved copy of an earlier build, to compare two builds).
 */
const packagesDir = process.env.BENCH_PACKAGES
  ? `${process.env.BENCH_PACKAGES.replace(/\/$/, '')}/`
  : `${root}packages/`;

/** Absolute path of a file inside a package's dist folder. */
export function distPath(pkg, file) {
  return `${packagesDir}${pkg}/dist/${file}`;
}

/** The TypeScript source a dist entry is built from (see rollup.config.mjs `entriesOf`). */
function sourcePath(pkg, file) {
  const name = file.replace(/\.js$/, '');
  return name === 'index'
    ? `${root}packages/${pkg}/src/index.ts`
    : `${root}packages/${pkg}/src/entries/${name}.ts`;
}

/** Import the first existing dist module among `candidates` (`[pkg, file]` pairs). */
async function importFirst(candidates) {
  const tried = [];
  for (const [pkg, file] of candidates) {
    const path = fromSource ? sourcePath(pkg, file) : distPath(pkg, file);
    if (!existsSync(path)) {
      tried.push(`${path.startsWith(packagesDir) ? path.slice(packagesDir.length) : path} (missing)`);
      continue;
    }
    return await import(pathToFileURL(path).href);
  }
  throw new Error(`not built: ${tried.join(', ')}`);
}

/** The umbrella package's Node entry (createClient with the ws-based adapter). */
export function loadClient() {
  return importFirst([
    ['onem2m-ws', 'node.js'],
    ['onem2m-ws', 'index.js'],
    ['client', 'node.js'],
    ['client', 'index.js'],
  ]);
}

/**
 * Loads a package for a suite without aborting it: a missing or broken build leaves the baseline
 * figures standing and puts the reason in the report instead.
 * @template T
 * @param {() => Promise<T>} load
 * @returns {Promise<{ module?: T, error?: string }>}
 */
export async function tryLoad(load) {
  try {
    return { module: await load() };
  } catch (error) {
    return { error: String(error.message ?? error) };
  }
}

/** The protocol package (codecs and validation). */
export function loadProtocol() {
  return importFirst([['protocol', 'index.js']]);
}

/** The embedded CSE. */
export function loadCse() {
  return importFirst([['cse', 'index.js']]);
}

/**
 * cbor-x exactly as the protocol package resolves it under Node (its `node` + `import` export),
 * for the bare-cbor-x baseline.
 */
export function loadCborX() {
  return import(pathToFileURL(`${packagesDir}protocol/node_modules/cbor-x/node-index.js`).href);
}
