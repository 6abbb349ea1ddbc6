import { afterEach, describe, expect, it } from 'vitest';
import { CseOptionsError } from '../../src/server/options.js';
import { type CseHandle, startCse } from '../../src/start-cse.js';
import { openRaw } from '../helpers/raw-ws.js';
import { createAe, startFakeCse } from '../helpers/start-test-cse.js';

const started: CseHandle[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((c) => c.close()));
});

describe('startCse', () => {
  it('returns url, port, cseId and cseName', async () => {
    const { cse } = await startFakeCse({ cseId: '/my-cse', cseName: 'base' });
    started.push(cse);
    expect(cse.port).toBeGreaterThan(0);
    expect(cse.url).toBe(`ws://127.0.0.1:${cse.port}`);
    expect(cse).toMatchObject({ cseId: '/my-cse', cseName: 'base' });
  });

  it('hands the engine its identity, poa, release version and a sink, and closes it on close()', async () => {
    const { cse, engine } = await startFakeCse({ releaseVersion: '4' });
    expect(engine.options).toMatchObject({
      cseId: '/id-in',
      cseName: 'cse-in',
      poa: [cse.url],
      releaseVersion: '4',
    });
    expect(typeof engine.options.sink.deliver).toBe('function');
    await cse.close();
    expect(engine.closed).toBe(true);
  });

  it.each([
    [{ port: -1 }, 'port'],
    [{ cseId: 'id-in' }, 'cseId'],
    [{ cseName: 'a b' }, 'cseName'],
    [{ serializations: [] }, 'serializations'],
    [{ serializations: ['yaml'] }, 'serializations'],
    [{ maxPayload: 0 }, 'maxPayload'],
    [{ tls: { key: '', cert: 'x' } }, 'tls'],
  ])('rejects %j with a CseOptionsError naming the option', async (options, option) => {
    const error = await startCse(options as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CseOptionsError);
    expect((error as CseOptionsError).option).toBe(option);
    expect((error as CseOptionsError).code).toBe('INVALID_OPTION');
  });

  it('rejects with EADDRINUSE when the port is taken', async () => {
    const { cse } = await startFakeCse();
    started.push(cse);
    const error = await startCse({ port: cse.port, host: '127.0.0.1' }).catch((e: unknown) => e);
    expect((error as NodeJS.ErrnoException).code).toBe('EADDRINUSE');
  });

  it('close() closes connections with 1001, is idempotent and frees the port', async () => {
    const { cse } = await startFakeCse();
    const c = await openRaw(cse.url, 'oneM2M.json');
    const first = cse.close();
    expect(cse.close()).toBe(first);
    await first;
    expect((await c.closed).code).toBe(1001);
    const again = await startCse({ port: cse.port, host: '127.0.0.1' });
    started.push(again);
    expect(again.port).toBe(cse.port);
  });

  it('sends per-primitive lines to the logger only when verbose', async () => {
    const lines: string[] = [];
    const logger = {
      info: (l: string) => lines.push(l),
      warn: (l: string) => lines.push(l),
      error: (l: string) => lines.push(l),
    };
    for (const verbose of [false, true]) {
      const { cse } = await startFakeCse({ logger, verbose });
      started.push(cse);
      const c = await openRaw(cse.url, 'oneM2M.json');
      await c.request(createAe(`log${verbose}`));
      await c.close();
    }
    expect(lines.filter((l) => /CREATE cse-in ty=2 rqi=logfalse/.test(l))).toHaveLength(0);
    expect(lines.filter((l) => /CREATE cse-in ty=2 rqi=logtrue -> 2001/.test(l))).toHaveLength(1);
    expect(lines.some((l) => /listening on ws:/.test(l))).toBe(true);
  });

  it('keeps serving when the logger throws', async () => {
    const throwing = () => {
      throw new Error('logger down');
    };
    const { cse } = await startFakeCse({
      verbose: true,
      logger: { info: throwing, warn: throwing, error: throwing },
    });
    started.push(cse);
    const c = await openRaw(cse.url, 'oneM2M.json');
    expect((await c.request(createAe('lt'))).rsc).toBe(2001);
    await c.close();
  });
});
