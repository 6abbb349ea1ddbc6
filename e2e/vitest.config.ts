import { defineConfig } from 'vitest/config';

/**
 * End-to-end tests. They run after `pnpm build`, against the built artifacts (packages' dist/, the
 * script-tag bundle), never the TypeScript sources: no source aliases here. One file at a time,
 * since the browser tests share ports and a Chromium.
 */
export default defineConfig({
  test: {
    include: ['e2e/**/*.test.ts', 'packages/onem2m-ws/test/**/*.e2e.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
