/**
 * Runs the embedded CSE (built package) in a child process, so the clients under test do not
 * share its event loop. Reports its URL, answers CPU-usage queries, exits with its parent.
 */
import { loadCse } from './sdk.mjs';

let cse;
try {
  const { startCse } = await loadCse();
  cse = await startCse({
    port: 0,
    host: '127.0.0.1',
    cseId: '/id-in',
    cseName: 'cse-in',
    // BENCH_CSE_DEFLATE=0 turns permessage-deflate off (see bench/findings.md, finding 4).
    ...(process.env.BENCH_CSE_DEFLATE === '0' ? { perMessageDeflate: false } : {}),
  });
  process.send({ type: 'ready', url: cse.url, port: cse.port });
} catch (error) {
  process.send({ type: 'ready', error: String(error?.stack ?? error) });
}

process.on('message', (msg) => {
  if (msg.type === 'cpu') process.send({ type: 'cpu', usage: process.cpuUsage() });
});
const shutdown = async () => {
  try {
    await cse?.close();
  } finally {
    process.exit(0);
  }
};
process.on('disconnect', shutdown);
process.on('SIGTERM', shutdown);
