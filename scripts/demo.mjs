// `pnpm demo`: the embedded CSE, the Node AE example and the dashboard, all on 127.0.0.1.
// Run after `pnpm build` (the `demo` script does both). Ctrl-C (or SIGTERM) stops everything.
//
// Ports: CSE_PORT (default 8180) and DEMO_PORT (default 8080); a port in use falls back to a free one.
// DEMO_VERBOSE=1 also prints the AE's line for every reading it publishes.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startNodeAe } from './node-ae-process.mjs';
import { startStaticServer } from './static-server.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const HOST = '127.0.0.1';
const verbose = process.env.DEMO_VERBOSE === '1';

for (const built of [
  'packages/cse/dist/index.js',
  'packages/onem2m-ws/dist/onem2m-ws.min.js',
  'packages/onem2m-ws/dist/node.js',
]) {
  if (!existsSync(path.join(root, built))) {
    console.error(`demo: ${built} is missing. Run \`pnpm build\` first (\`pnpm demo\` does it for you).`);
    process.exit(1);
  }
}
const { startCse } = await import(pathToFileURL(path.join(root, 'packages/cse/dist/index.js')).href);

/** Tries the preferred port, then any free port when it is taken. */
async function onPreferredPort(preferred, start) {
  try {
    return await start(preferred);
  } catch (error) {
    if (error?.code !== 'EADDRINUSE' && error?.cause?.code !== 'EADDRINUSE') throw error;
    console.log(`demo: port ${preferred} is in use, using a free port instead`);
    return start(0);
  }
}

const cse = await onPreferredPort(Number(process.env.CSE_PORT ?? 8180), (port) =>
  startCse({ port, host: HOST, cseId: '/id-in', cseName: 'cse-in' }),
);
console.log(`demo: embedded CSE listening at ${cse.url} (CSEBase cse-in)`);

const ae = startNodeAe({
  cseUrl: cse.url,
  onLine: (line) => {
    if (verbose || !line.includes('] published ')) console.log(line);
  },
});
const web = await onPreferredPort(Number(process.env.DEMO_PORT ?? 8080), (port) =>
  startStaticServer({ port, host: HOST }),
);

const dashboard = `${web.url}?cse=${cse.url}`;
console.log('');
console.log(`  Dashboard:  ${dashboard}`);
console.log(`  CBOR:       ${dashboard}&serialization=cbor`);
console.log(`  Web app:    ${web.url}web-app/?cse=${cse.url}`);
console.log('');
console.log(
  'demo: the Node AE publishes a reading every second (DEMO_VERBOSE=1 prints them). Ctrl-C stops everything.',
);

let stopping = false;
async function stop(signal) {
  if (stopping) return;
  stopping = true;
  console.log(`\ndemo: ${signal}, stopping the Node AE, the web server and the CSE`);
  const force = setTimeout(() => {
    console.error('demo: shutdown took too long, exiting');
    process.exit(1);
  }, 8000);
  force.unref();
  await ae.stop();
  await web.close();
  await cse.close();
  process.exit(0);
}
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
ae.child.on('exit', (code, signal) => {
  if (!stopping) {
    console.error(`demo: the Node AE exited unexpectedly (${code ?? signal}); stopping`);
    stop('AE exit');
  }
});
