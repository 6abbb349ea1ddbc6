/**
 * The demo stack for the end-to-end tests, from the built artifacts: the embedded CSE
 * (packages/cse/dist), the Node AE example as a child process, the static server for the dashboard
 * and the script-tag bundle, and a headless Debian Chromium driven by playwright-core.
 * Everything binds 127.0.0.1 and is stopped by `stop()`.
 */
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type Browser, chromium } from 'playwright-core';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const artifactsDir = path.join(root, 'e2e/artifacts');

interface CseHandle {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Imports a built module by path; a missing build is a clear failure. */
async function importBuilt<T>(relative: string): Promise<T> {
  const file = path.join(root, relative);
  if (!existsSync(file)) throw new Error(`${relative} is missing: run \`pnpm build\` before the e2e tests`);
  return (await import(pathToFileURL(file).href)) as T;
}

export async function startCse(port = 0): Promise<CseHandle> {
  const { startCse } = await importBuilt<{ startCse(o: object): Promise<CseHandle> }>(
    'packages/cse/dist/index.js',
  );
  return startCse({ port, host: '127.0.0.1', cseId: '/id-in', cseName: 'cse-in' });
}

/** scripts/static-server.mjs */
interface StaticServerModule {
  startStaticServer(o: {
    port: number;
    host: string;
  }): Promise<{ url: string; port: number; close(): Promise<void> }>;
}
/** scripts/node-ae-process.mjs */
interface NodeAeModule {
  startNodeAe(o: { cseUrl: string; args?: string[]; onLine?: (line: string) => void }): {
    child: { kill(signal: NodeJS.Signals): boolean; once(event: 'exit', listener: () => void): unknown };
    stop(): Promise<void>;
  };
}

export interface Stack {
  cse: CseHandle;
  web: { url: string; close(): Promise<void> };
  browser: Browser;
  /** Everything the Node AE logged so far. */
  aeLog: string[];
  /** Dashboard URL for a serialization. */
  dashboardUrl(serialization: 'json' | 'cbor' | 'xml'): string;
  /**
   * Stops the CSE, runs `whileDown`, and starts a new CSE on the same port (an empty resource tree,
   * like a real restart of an in-memory CSE).
   */
  restartCse(whileDown: () => Promise<void>): Promise<void>;
  /** Kills the Node AE without letting it deregister (a crash) and starts it again. */
  restartAe(): Promise<void>;
  stop(): Promise<void>;
}

export async function startStack(): Promise<Stack> {
  for (const built of ['packages/onem2m-ws/dist/onem2m-ws.min.js', 'packages/onem2m-ws/dist/node.js']) {
    if (!existsSync(path.join(root, built))) throw new Error(`${built} is missing: run \`pnpm build\` first`);
  }
  mkdirSync(artifactsDir, { recursive: true });
  const { startStaticServer } = await importBuilt<StaticServerModule>('scripts/static-server.mjs');
  const { startNodeAe } = await importBuilt<NodeAeModule>('scripts/node-ae-process.mjs');

  const stops: Array<() => Promise<void>> = [];
  const stack: Partial<Stack> & { aeLog: string[] } = { aeLog: [] };
  try {
    let cse = await startCse(0);
    stops.push(() => cse.close());
    stack.cse = cse;
    const web = await startStaticServer({ port: 0, host: '127.0.0.1' });
    stops.push(() => web.close());
    stack.web = web;
    const runAe = () =>
      startNodeAe({
        cseUrl: cse.url,
        args: ['--interval', '500'],
        onLine: (line: string) => stack.aeLog.push(line),
      });
    let ae = runAe();
    stops.push(() => ae.stop());
    stack.restartAe = async () => {
      const exited = new Promise<void>((resolve) => ae.child.once('exit', resolve));
      ae.child.kill('SIGKILL');
      await exited;
      ae = runAe();
    };
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
      timeout: 30_000,
    });
    stops.push(() => browser.close());
    stack.browser = browser;

    stack.dashboardUrl = (serialization) =>
      `${web.url}?cse=${encodeURIComponent(cse.url)}&serialization=${serialization}`;
    stack.restartCse = async (whileDown) => {
      const port = cse.port;
      await cse.close();
      try {
        await whileDown();
      } finally {
        cse = await startCse(port);
      }
      stack.cse = cse;
    };
    stack.stop = async () => {
      for (const stop of stops.reverse()) await stop().catch(() => {});
    };
    return stack as Stack;
  } catch (error) {
    for (const stop of stops.reverse()) await stop().catch(() => {});
    throw error;
  }
}
