/**
 * BENCH_SOURCE=1 only: a module resolve hook mapping the workspace package names to their
 * TypeScript sources, as tsconfig.json `paths` and vitest.config.ts do (tsx compiles them).
 * Registered through `--import ./bench/lib/source-register.mjs`.
 */
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const MAP = [
  [/^@onem2m-ws\/(protocol|client|cse)$/, (m) => `packages/${m[1]}/src/index.ts`],
  [/^@onem2m-ws\/(protocol|client)\/(.+)$/, (m) => `packages/${m[1]}/src/entries/${m[2]}.ts`],
  [/^onem2m-ws$/, () => 'packages/onem2m-ws/src/index.ts'],
  [/^onem2m-ws\/(.+)$/, (m) => `packages/onem2m-ws/src/entries/${m[1]}.ts`],
];

export async function resolve(specifier, context, next) {
  for (const [pattern, target] of MAP) {
    const m = specifier.match(pattern);
    if (m) return next(pathToFileURL(`${root}${target(m)}`).href, context);
  }
  return next(specifier, context);
}
