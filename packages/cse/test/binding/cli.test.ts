import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { generateCertificates } from '../helpers/certs.js';
import { openRaw, refusal } from '../helpers/raw-ws.js';
import { createAe } from '../helpers/start-test-cse.js';

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const children: ChildProcess[] = [];

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

interface RunningCli {
  child: ChildProcess;
  url: string;
  output: () => string;
  exited: Promise<number | null>;
}

function spawnCli(args: string[]): {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
} {
  const child = spawn(process.execPath, ['--import', 'tsx', 'packages/cse/src/cli.ts', ...args], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function startCli(args: string[]): Promise<RunningCli> {
  const run = spawnCli(args);
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`CLI did not start:\n${run.output()}`)), 15_000);
    const check = () => {
      const match = /listening on (wss?:\/\/\S+)/.exec(run.output());
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    run.child.stdout!.on('data', check);
    run.exited.then((code) => reject(new Error(`CLI exited with ${code}:\n${run.output()}`)));
  });
  return { ...run, url };
}

describe('onem2m-cse command', () => {
  it('starts, logs one line per primitive with --verbose, and exits 0 on SIGTERM freeing the port', async () => {
    const cli = await startCli(['--port', '0', '--cse-name', 'cse-cli', '--verbose']);
    const c = await openRaw(cli.url, 'oneM2M.json');
    const request = { ...createAe('cli1'), to: 'cse-cli' };
    expect((await c.request(request)).rsc).toBe(2001);
    // The log line for the primitive is written after the response.
    for (let i = 0; i < 100 && !/CREATE cse-cli ty=2 rqi=cli1 -> 2001/.test(cli.output()); i++) {
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(cli.output()).toMatch(/CREATE cse-cli ty=2 rqi=cli1 -> 2001/);
    cli.child.kill('SIGTERM');
    expect(await cli.exited).toBe(0);
    expect((await c.closed).code).toBe(1001);
    await expect(openRaw(cli.url, 'oneM2M.json')).rejects.toThrow();
  });

  it('exits 0 on SIGINT', async () => {
    const cli = await startCli(['--port', '0']);
    cli.child.kill('SIGINT');
    expect(await cli.exited).toBe(0);
  });

  it('applies --serializations to the handshake', async () => {
    const cli = await startCli(['--port', '0', '--serializations', 'cbor']);
    expect((await refusal(cli.url, ['oneM2M.json'])).status).toBe(400);
    const c = await openRaw(cli.url, ['oneM2M.json', 'oneM2M.cbor']);
    expect(c.protocol).toBe('oneM2M.cbor');
    await c.close();
    cli.child.kill('SIGTERM');
    expect(await cli.exited).toBe(0);
  });

  it('serves wss with mutual TLS from --tls-key, --tls-cert and --tls-ca', async () => {
    const certs = generateCertificates();
    try {
      const file = (name: string) => join(certs.dir, name);
      const cli = await startCli([
        '--port',
        '0',
        '--tls-key',
        file('server.key'),
        '--tls-cert',
        file('server.crt'),
        '--tls-ca',
        file('ca.crt'),
      ]);
      expect(cli.url).toMatch(/^wss:\/\//);
      const c = await openRaw(cli.url, 'oneM2M.json', {
        ca: certs.ca,
        key: certs.clientKey,
        cert: certs.clientCert,
      });
      expect((await c.request(createAe('tlscli'))).rsc).toBe(2001);
      await expect(openRaw(cli.url, 'oneM2M.json', { ca: certs.ca })).rejects.toThrow();
      await c.close();
      cli.child.kill('SIGTERM');
      expect(await cli.exited).toBe(0);
    } finally {
      certs.cleanup();
    }
  });

  it('refuses --tls-key without --tls-cert', async () => {
    const run = spawnCli(['--tls-key', 'server.key']);
    expect(await run.exited).toBe(2);
    expect(run.output()).toMatch(/--tls-key and --tls-cert go together/);
  });

  it('rejects a bad option with exit code 2 and the usage', async () => {
    const run = spawnCli(['--port', 'eighty']);
    expect(await run.exited).toBe(2);
    expect(run.output()).toMatch(/--port must be a non-negative integer/);
    expect(run.output()).toMatch(/Usage: onem2m-cse/);
  });

  it('prints the usage with --help', async () => {
    const run = spawnCli(['--help']);
    expect(await run.exited).toBe(0);
    expect(run.output()).toMatch(/production deployments use a full CSE/);
  });
});
