/**
 * Child processes: helper servers (responder, CSE host) and isolated suites. Every child is
 * killed on a deadline and when the parent exits, so a run always stops by itself.
 */
import { fork } from 'node:child_process';

const live = new Set();
process.on('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

/** Wait for the next IPC message of `type` from `child`, or reject after `timeoutMs`. */
export function nextMessage(child, type, timeoutMs = 15_000) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`child did not send '${type}' within ${timeoutMs} ms`));
    }, timeoutMs);
    const onMessage = (msg) => {
      if (msg?.type !== type) return;
      cleanup();
      resolve(msg);
    };
    const onExit = (code) => {
      cleanup();
      reject(new Error(`child exited (${code}) before sending '${type}'`));
    };
    const cleanup = () => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
    };
    child.on('message', onMessage);
    child.on('exit', onExit);
  });
}

/** Fork a module; stderr is passed through so child failures stay visible. */
export function spawn(modulePath, args = [], { execArgv = [] } = {}) {
  if (process.env.BENCH_SOURCE === '1') {
    execArgv = ['--import', new URL('./source-register.mjs', import.meta.url).href, ...execArgv];
  }
  const child = fork(modulePath, args, { execArgv, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  live.add(child);
  child.on('exit', () => live.delete(child));
  return child;
}

/** Stop a child and wait for it to exit. */
export function stop(child) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 2000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** Start the raw responder in `mode` and return `{ child, url }`. */
export async function startResponder(mode) {
  const child = spawn(new URL('./responder.mjs', import.meta.url).pathname, [mode]);
  const { port } = await nextMessage(child, 'ready');
  return { child, url: `ws://127.0.0.1:${port}` };
}

/**
 * Run a suite module in its own process (fresh heap and JIT, optional `--expose-gc`) and return
 * the result it posts, or `{ error }` when it fails or overruns `timeoutMs`.
 */
export async function runSuite(modulePath, { timeoutMs, execArgv = [], args = [] }) {
  const child = spawn(modulePath, args, { execArgv });
  try {
    const msg = await nextMessage(child, 'result', timeoutMs);
    return msg.result;
  } catch (error) {
    return { error: String(error?.message ?? error) };
  } finally {
    await stop(child);
  }
}

/** CPU time (user + system, ms) a helper child has used so far. */
export async function childCpuMs(child) {
  child.send({ type: 'cpu' });
  const { usage } = await nextMessage(child, 'cpu');
  return (usage.user + usage.system) / 1000;
}

/** CPU time (user + system, ms) this process has used so far. */
export function ownCpuMs() {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

/** Start the embedded CSE in a child process and return `{ child, url }` (throws if not built). */
export async function startCseHost() {
  const child = spawn(new URL('./cse-host.mjs', import.meta.url).pathname);
  const ready = await nextMessage(child, 'ready', 20_000);
  if (ready.error) {
    await stop(child);
    throw new Error(ready.error);
  }
  return { child, url: ready.url };
}
