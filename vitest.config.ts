import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const src = (p: string) => fileURLToPath(new URL(p, import.meta.url));

/** Unit and integration tests run against the TypeScript sources, not the build. */
export const sourceAliases = [
  { find: /^@onem2m-ws\/protocol$/, replacement: src('./packages/protocol/src/index.ts') },
  { find: /^@onem2m-ws\/protocol\/(.*)$/, replacement: src('./packages/protocol/src/entries/$1.ts') },
  { find: /^@onem2m-ws\/client$/, replacement: src('./packages/client/src/index.ts') },
  { find: /^@onem2m-ws\/client\/(.*)$/, replacement: src('./packages/client/src/entries/$1.ts') },
  { find: /^@onem2m-ws\/cse$/, replacement: src('./packages/cse/src/index.ts') },
  { find: /^onem2m-ws$/, replacement: src('./packages/onem2m-ws/src/index.ts') },
  { find: /^onem2m-ws\/(.*)$/, replacement: src('./packages/onem2m-ws/src/entries/$1.ts') },
];

export default defineConfig({
  resolve: { alias: sourceAliases },
  test: {
    include: ['packages/*/test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    pool: 'forks',
  },
});
