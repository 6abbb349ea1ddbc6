/**
 * `pnpm demo`'s script (after the build): starts the CSE, the Node AE and the web server on
 * 127.0.0.1, prints a dashboard URL that serves the page and the bundle, and stops everything on
 * SIGTERM with exit code 0.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { root } from './support/stack.js';

describe('scripts/demo.mjs', () => {
  it('prints a working dashboard URL, runs the AE, and stops cleanly on SIGTERM', async () => {
    const child = spawn(process.execPath, [path.join(root, 'scripts/demo.mjs')], {
      cwd: root,
      env: { ...process.env, CSE_PORT: '0', DEMO_PORT: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const lines: string[] = [];
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const seen = (pattern: RegExp, timeout = 20_000) =>
      new Promise<RegExpExecArray>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no line matching ${pattern}:\n${lines.join('\n')}`)),
          timeout,
        );
        const check = () => {
          for (const line of lines) {
            const match = pattern.exec(line);
            if (match) {
              clearTimeout(timer);
              resolve(match);
              return true;
            }
          }
          return false;
        };
        if (check()) return;
        const onLine = () => {
          if (check()) {
            out.off('line', onLine);
            err.off('line', onLine);
          }
        };
        out.on('line', onLine);
        err.on('line', onLine);
      });
    const out = createInterface({ input: child.stdout }).on('line', (line) => lines.push(line));
    const err = createInterface({ input: child.stderr }).on('line', (line) => lines.push(line));
    try {
      const [, dashboard] = await seen(
        /Dashboard:\s+(http:\/\/127\.0\.0\.1:\d+\/\?cse=ws:\/\/127\.0\.0\.1:\d+)/,
      );
      const page = await fetch(dashboard as string);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('vendor/onem2m-ws.min.js');
      const bundle = await fetch(new URL('vendor/onem2m-ws.min.js', dashboard));
      expect(bundle.status).toBe(200);
      await seen(/\[node-ae\] ready: publishing/);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    expect(lines.some((line) => line.includes('stopping the Node AE, the web server and the CSE'))).toBe(
      true,
    );
  });
});
