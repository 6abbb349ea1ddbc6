import { describe, expect, it } from 'vitest';
import type { DebugEvent } from '../../src/index.js';
import { AbortError, ResponseError, TimeoutError } from '../../src/index.js';
import { answer, collect, memoryClient, nextRequest } from '../helpers/memory.js';

describe('rqi correlation', () => {
  it('matches responses to requests by rqi, whatever the order', async () => {
    const { client, server } = memoryClient({ originator: 'Cabc' });
    const a = client.retrieve('-/a');
    const b = client.retrieve('-/b');
    const conn = await server.nextConnection();
    const qa = await nextRequest(conn);
    const qb = await nextRequest(conn);
    expect(qa.rqi).not.toBe(qb.rqi);
    answer(conn, qb, 2000, { 'm2m:cnt': { rn: 'b' } });
    answer(conn, qa, 2000, { 'm2m:cnt': { rn: 'a' } });
    expect((await a).content).toEqual({ rn: 'a' });
    expect((await b).content).toEqual({ rn: 'b' });
    await client.close();
  });

  it('ignores duplicate and late responses with a debug event', async () => {
    const { client, server } = memoryClient({ originator: 'Cabc' });
    const debug = collect<DebugEvent>(client, 'debug');
    const p = client.retrieve('-/a');
    const conn = await server.nextConnection();
    const q = await nextRequest(conn);
    answer(conn, q, 2000, { 'm2m:cnt': { rn: 'first' } });
    answer(conn, q, 2000, { 'm2m:cnt': { rn: 'second' } });
    expect((await p).content).toEqual({ rn: 'first' });
    // A request on the same connection proves the duplicate was processed (in order) first.
    const next = client.retrieve('-/b');
    answer(conn, await nextRequest(conn), 2000);
    await next;
    expect(debug.map((d) => d.message)).toContain('late or duplicate response ignored');
    expect(debug.find((d) => d.message.startsWith('late'))?.detail).toMatchObject({ rqi: q.rqi });

    conn.sendJson({ rsc: 2000, rqi: 'never-sent', rvi: '3' });
    const again = client.retrieve('-/c');
    answer(conn, await nextRequest(conn), 2000);
    await again;
    expect(debug.map((d) => d.message)).toContain('response to an unknown rqi ignored');
    await client.close();
  });

  it('tells late answers from unknown ones by the rqi alone, across reconnects', async () => {
    const { client, server } = memoryClient({ originator: 'Cabc' });
    const debug = collect<DebugEvent>(client, 'debug');
    const first = client.retrieve('-/a');
    const conn = await server.nextConnection();
    const q = await nextRequest(conn);
    answer(conn, q, 2000);
    await first;
    const [prefix, counter] = q.rqi.split('-') as [string, string];
    // Same form, but never issued (a later counter, a non-canonical spelling, another prefix).
    const never = [
      `${prefix}-${(Number.parseInt(counter, 36) + 100).toString(36)}`,
      `${prefix}-0${counter}`,
      `x${q.rqi}`,
    ];
    for (const rqi of never) conn.sendJson({ rsc: 2000, rqi, rvi: '3' });
    // A request on the same connection proves those were processed (in order) first.
    const probe = client.retrieve('-/p');
    answer(conn, await nextRequest(conn), 2000);
    await probe;
    conn.close(1001, 'going away');
    await conn.whenClosed();
    await Promise.resolve();
    // The answer to the request of the previous connection arrives on the next one: late.
    const second = client.retrieve('-/b');
    const conn2 = await server.nextConnection();
    conn2.sendJson({ rsc: 2000, rqi: q.rqi, rvi: '3' });
    answer(conn2, await nextRequest(conn2), 2000);
    await second;
    const ignored = debug.filter((d) => d.message.endsWith('ignored'));
    expect(ignored.map((d) => [d.message, d.detail?.rqi])).toEqual([
      ...never.map((rqi) => ['response to an unknown rqi ignored', rqi]),
      ['late or duplicate response ignored', q.rqi],
    ]);
    await client.close();
  });

  it('recognises a late answer to an rqi the caller chose', async () => {
    const { client, server } = memoryClient({ originator: 'Cabc' });
    const debug = collect<DebugEvent>(client, 'debug');
    const p = client.request({ op: 2, to: '-/a', rqi: 'caller-chosen' });
    const conn = await server.nextConnection();
    const q = await nextRequest(conn);
    expect(q.rqi).toBe('caller-chosen');
    answer(conn, q, 2000);
    answer(conn, q, 2000);
    await p;
    const next = client.retrieve('-/b');
    answer(conn, await nextRequest(conn), 2000);
    await next;
    expect(debug.filter((d) => d.message.endsWith('ignored'))).toEqual([
      { message: 'late or duplicate response ignored', detail: { rqi: 'caller-chosen', rsc: 2000 } },
    ]);
    await client.close();
  });

  it('surfaces an error reply without rqi as an error event', async () => {
    const { client, server } = memoryClient({ originator: 'Cabc' });
    const errors = collect<unknown>(client, 'error');
    await client.connect();
    const conn = await server.nextConnection();
    conn.sendJson({ rsc: 4000, rvi: '3', pc: { 'm2m:dbg': 'malformed' } });
    const p = client.retrieve('-/a');
    answer(conn, await nextRequest(conn), 2000);
    await p;
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(ResponseError);
    expect(errors[0]).toMatchObject({ rsc: 4000, dbg: 'malformed' });
    await client.close();
  });

  it('times out with TimeoutError and removes the pending entry; the late answer is ignored', async () => {
    const { client, server } = memoryClient({ originator: 'Cabc' });
    const debug = collect<DebugEvent>(client, 'debug');
    const p = client.retrieve('-/slow', { timeout: 20 });
    const conn = await server.nextConnection();
    const q = await nextRequest(conn);
    const error = await p.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ code: 'TIMEOUT', rqi: q.rqi, unsent: false });
    expect(client.inFlightRequests).toBe(0);
    answer(conn, q, 2000);
    const next = client.retrieve('-/b');
    answer(conn, await nextRequest(conn), 2000);
    await next;
    expect(debug.some((d) => d.message.startsWith('late') && d.detail?.rqi === q.rqi)).toBe(true);
    await client.close();
  });

  it('uses the client requestTimeout when no per-request timeout is given', async () => {
    const { client, server } = memoryClient({ originator: 'Cabc', requestTimeout: 15 });
    const p = client.retrieve('-/slow');
    const conn = await server.nextConnection();
    await nextRequest(conn);
    await expect(p).rejects.toBeInstanceOf(TimeoutError);
    await client.close();
  });

  it('times out every unanswered request sharing the default timeout, and only those', async () => {
    const { client, server } = memoryClient({ originator: 'Cabc', requestTimeout: 40 });
    const first = client.retrieve('-/1');
    const second = client.retrieve('-/2');
    const third = client.retrieve('-/3');
    const conn = await server.nextConnection();
    await nextRequest(conn);
    const q2 = await nextRequest(conn);
    await nextRequest(conn);
    answer(conn, q2, 2000);
    await expect(second).resolves.toMatchObject({ rsc: 2000 });
    await expect(first).rejects.toBeInstanceOf(TimeoutError);
    await expect(third).rejects.toBeInstanceOf(TimeoutError);
    expect(client.inFlightRequests).toBe(0);
    // A later request gets its own full timeout from the same shared timer.
    const later = client.retrieve('-/4');
    answer(conn, await nextRequest(conn), 2000);
    await expect(later).resolves.toMatchObject({ rsc: 2000 });
    await client.close();
  });

  it('aborts in flight and before sending with AbortError', async () => {
    const { client, server } = memoryClient({ originator: 'Cabc' });
    const controller = new AbortController();
    const p = client.retrieve('-/a', { signal: controller.signal });
    const conn = await server.nextConnection();
    const q = await nextRequest(conn);
    controller.abort('user');
    const error = await p.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AbortError);
    expect(error).toMatchObject({ code: 'ABORTED', rqi: q.rqi, cause: 'user' });
    expect(client.inFlightRequests).toBe(0);
    answer(conn, q, 2000);

    const already = new AbortController();
    already.abort();
    await expect(client.retrieve('-/b', { signal: already.signal })).rejects.toBeInstanceOf(AbortError);
    await client.close();
  });

  it('caps requests in flight with maxInFlight and sends the rest in order', async () => {
    const { client, server } = memoryClient({ originator: 'Cabc', maxInFlight: 1 });
    const results = [client.retrieve('-/1'), client.retrieve('-/2'), client.retrieve('-/3')];
    const conn = await server.nextConnection();
    const q1 = await nextRequest(conn);
    expect(q1.to).toBe('-/1');
    // Nothing else was sent while the first is in flight.
    await Promise.resolve();
    expect(conn.received).toHaveLength(1);
    expect(client.queuedRequests).toBe(2);
    answer(conn, q1, 2000);
    const q2 = await nextRequest(conn);
    expect(q2.to).toBe('-/2');
    expect(conn.received).toHaveLength(2);
    answer(conn, q2, 2000);
    const q3 = await nextRequest(conn);
    expect(q3.to).toBe('-/3');
    answer(conn, q3, 2000);
    await Promise.all(results);
    await client.close();
  });

  it('frees the maxInFlight slot when a request times out', async () => {
    const { client, server } = memoryClient({ originator: 'Cabc', maxInFlight: 1 });
    const slow = client.retrieve('-/slow', { timeout: 20 });
    const fast = client.retrieve('-/fast');
    const conn = await server.nextConnection();
    expect((await nextRequest(conn)).to).toBe('-/slow');
    await expect(slow).rejects.toBeInstanceOf(TimeoutError);
    const q = await nextRequest(conn);
    expect(q.to).toBe('-/fast');
    answer(conn, q, 2000);
    await fast;
    await client.close();
  });
});
