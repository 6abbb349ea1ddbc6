// Runs the Node AE example (examples/node-ae) as a child process, for `pnpm demo` and the e2e tests.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const script = path.join(root, 'examples/node-ae/index.js');

/**
 * Starts the AE against `cseUrl`. Every line it logs goes to `onLine`.
 * @param {{ cseUrl: string, args?: string[], onLine?: (line: string) => void }} options
 * @returns {{ child: import('node:child_process').ChildProcess, stop(): Promise<void> }}
 */
export function startNodeAe({ cseUrl, args = [], onLine = () => {} }) {
  const child = spawn(process.execPath, [script, '--url', cseUrl, ...args], {
    cwd: path.dirname(script),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  createInterface({ input: child.stdout }).on('line', onLine);
  createInterface({ input: child.stderr }).on('line', onLine);
  const exited = new Promise((resolve) => child.once('exit', resolve));

  /** SIGTERM (the AE deregisters and exits), then SIGKILL if it is still there after 4 s. */
  async function stop() {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 4000);
    await exited;
    clearTimeout(timer);
  }
  return { child, stop };
}
