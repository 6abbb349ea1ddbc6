/**
 * The built `onem2m-cse` bin: an executable ESM file with a `#!/usr/bin/env node` banner that
 * starts a CSE a WebSocket client can reach, and stops on SIGTERM.
 */
import { execFileSync, spawn } from 'node:child_process';
import { accessSync, constants, readFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { root } from './support/stack.js';

const bin = path.join(root, 'packages/cse/dist/cli.js');

describe('onem2m-cse bin (built)', () => {
  it('is an executable file starting with a node shebang', () => {
    expect(readFileSync(bin, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
    expect(() => accessSync(bin, constants.X_OK)).not.toThrow();
    expect(execFileSync(bin, ['--help'], { encoding: 'utf8', timeout: 20_000 })).toContain('onem2m-cse');
  });

  it('starts a CSE on the given port and stops on SIGTERM', async () => {
    const child = spawn(process.execPath, [bin, '--port', '0', '--host', '127.0.0.1'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no listening line within 15 s')), 15_000);
        const onLine = (line: string) => {
          const match = /(ws:\/\/127\.0\.0\.1:\d+)/.exec(line);
          if (match?.[1]) {
            clearTimeout(timer);
            resolve(match[1]);
          }
        };
        createInterface({ input: child.stdout }).on('line', onLine);
        createInterface({ input: child.stderr }).on('line', onLine);
      });
      const { WebSocket } = await import('ws');
      const protocol = await new Promise<string>((resolve, reject) => {
        const ws = new WebSocket(url, ['oneM2M.json']);
        ws.once('open', () => {
          resolve(ws.protocol);
          ws.close();
        });
        ws.once('error', reject);
      });
      expect(protocol).toBe('oneM2M.json');
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  });
});
