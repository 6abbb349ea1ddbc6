// The web app's own build, as an npm user would write it: resolve `onem2m-ws/json` from
// node_modules (browser field on, so isomorphic-ws is the browser's WebSocket), minify.
// The workspace's `pnpm build` builds it too (see the root rollup.config.mjs).
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';

export default {
  input: new URL('./src/main.js', import.meta.url).pathname,
  plugins: [nodeResolve({ browser: true })],
  output: {
    file: new URL('./dist/app.js', import.meta.url).pathname,
    format: 'es',
    sourcemap: true,
    plugins: [terser()],
  },
};
