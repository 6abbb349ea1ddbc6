// Tree-shakability of the built packages: an application that imports an entry and uses nothing
// of it must get no code of ours in its bundle. `sideEffects: false` lets bundlers drop a module
// nobody imports from, but a module that is used for one function still brings every top-level
// statement it cannot prove pure — a table built by a call, a `new TextDecoder()` — into every
// bundle, whether or not that table is used (a missing `/* @__PURE__ */` once kept the XML and
// CBOR state in the JSON-only bundle). This bundles each browser entry of `dist/` for its side
// effects alone, with every module treated as side-effectful, and returns what remains.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import commonjs from '@rollup/plugin-commonjs';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import { rollup } from 'rollup';

/** The packages a browser application may import from. */
const BROWSER_PACKAGES = ['packages/protocol', 'packages/client', 'packages/onem2m-ws'];

/**
 * The ESM files of every export of those packages, read from their `exports` maps so that a new
 * entry is checked without being listed here; the Node-only `./node` entries are left out.
 * @param {string} root the repository root
 * @returns {string[]} paths relative to `root`
 */
export function browserEntries(root) {
  const entries = [];
  for (const dir of BROWSER_PACKAGES) {
    const { exports } = JSON.parse(readFileSync(path.join(root, dir, 'package.json'), 'utf8'));
    for (const [key, target] of Object.entries(exports)) {
      if (key === './package.json' || key.endsWith('/node')) continue;
      const esm =
        typeof target === 'string' ? target : (target.import?.default ?? target.import ?? target.default);
      entries.push(path.join(dir, esm));
    }
  }
  return entries;
}

/**
 * For each entry, the code of our packages that survives `import '<entry>'` (third-party modules
 * are not ours to fix and are ignored). An empty result means every top-level statement is pure.
 * @param {string} root the repository root
 * @returns {Promise<{ entry: string, module: string, code: string }[]>}
 */
export async function findModuleLevelWork(root) {
  const found = [];
  for (const entry of browserEntries(root)) {
    const input = '\0side-effects-only';
    const bundle = await rollup({
      input,
      treeshake: { moduleSideEffects: true },
      plugins: [
        {
          name: 'side-effects-only',
          async resolveId(id, importer) {
            if (id === input) return input;
            const resolved = await this.resolve(id, importer, { skipSelf: true });
            // Overrides `sideEffects: false` of package.json, which would hide the statements.
            return resolved ? { ...resolved, moduleSideEffects: true } : null;
          },
          load: (id) => (id === input ? `import ${JSON.stringify(path.join(root, entry))};\n` : null),
        },
        nodeResolve({ browser: true, preferBuiltins: false }),
        commonjs(),
      ],
      onwarn() {},
    });
    const { output } = await bundle.generate({ format: 'es' });
    await bundle.close();
    for (const [id, module] of Object.entries(output[0].modules)) {
      if (id.includes('node_modules') || !module.code?.trim()) continue;
      found.push({ entry, module: path.relative(root, id), code: module.code.trim() });
    }
  }
  return found;
}

/** One message per finding, for the build log. */
export function describeModuleLevelWork(found) {
  return found.map(
    ({ entry, module, code }) =>
      `${module} runs code when ${entry} is imported (mark it /* @__PURE__ */ or build it lazily):\n${code.slice(0, 300)}`,
  );
}
