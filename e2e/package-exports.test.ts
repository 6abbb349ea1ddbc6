/**
 * Every library package as npm users get it: each subpath of its `exports` map loads through
 * Node's resolver with `import` and with `require` (in a child process inside the package, which
 * refers to itself by name), and both give the same export names. Runs after the build.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { root } from './support/stack.js';

const packages = ['protocol', 'client', 'cse', 'onem2m-ws'].map((dir) => {
  const pkgDir = path.join(root, 'packages', dir);
  const pkg = JSON.parse(readFileSync(path.join(pkgDir, 'package.json'), 'utf8')) as {
    name: string;
    exports: Record<string, unknown>;
    sideEffects?: boolean;
  };
  return { pkgDir, pkg };
});

const cases = packages.flatMap(({ pkgDir, pkg }) =>
  Object.keys(pkg.exports)
    .filter((key) => key !== './package.json')
    .map((key) => ({ pkgDir, specifier: key === '.' ? pkg.name : `${pkg.name}/${key.slice(2)}` })),
);

function exportNames(pkgDir: string, load: string, type: 'module' | 'commonjs'): string[] {
  const code = `${load}; console.log(JSON.stringify(Object.keys(m).sort()));`;
  const out = execFileSync(process.execPath, ['--input-type', type, '-e', code], {
    cwd: pkgDir,
    encoding: 'utf8',
    timeout: 20_000,
  });
  return JSON.parse(out);
}

describe('built packages', () => {
  it.each(packages.map(({ pkg }) => [pkg.name, pkg] as const))('%s is marked side-effect free', (_, pkg) => {
    expect(pkg.sideEffects).toBe(false);
  });

  it.each(cases)(
    '$specifier loads with import and require, with the same exports',
    ({ pkgDir, specifier }) => {
      const esm = exportNames(pkgDir, `const m = await import(${JSON.stringify(specifier)})`, 'module');
      const cjs = exportNames(pkgDir, `const m = require(${JSON.stringify(specifier)})`, 'commonjs');
      expect(esm.length).toBeGreaterThan(0);
      expect(cjs).toEqual(esm);
    },
  );
});
