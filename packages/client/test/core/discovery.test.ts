import { toShortNames } from '@onem2m-ws/protocol';
import { describe, expect, it } from 'vitest';
import { answer, memoryClient, nextRequest } from '../helpers/memory.js';

async function connected() {
  const setup = memoryClient({ originator: 'Cabc', translateNames: toShortNames });
  await setup.client.connect();
  return { ...setup, conn: await setup.server.nextConnection() };
}

describe('discovery', () => {
  it('sends a retrieve with fc.fu = 1 (long filter names translated) and returns the uril', async () => {
    const { client, conn } = await connected();
    const p = client.discover('-/myAE', { resourceType: [4], labels: ['room'], limit: 5 }, { drt: 2 });
    const req = await nextRequest(conn);
    expect(req).toMatchObject({ op: 2, to: '-/myAE', drt: 2, fc: { fu: 1, ty: [4], lbl: ['room'], lim: 5 } });
    answer(conn, req, 2000, { 'm2m:uril': ['cin1', 'cin2'] });
    const result = await p;
    expect(result).toMatchObject({ uris: ['cin1', 'cin2'], partial: false, nextOffset: undefined });
    await client.close();
  });

  it('reads a space-separated uril (XML form)', async () => {
    const { client, conn } = await connected();
    const p = client.discover('-/myAE');
    answer(conn, await nextRequest(conn), 2000, { 'm2m:uril': 'a b  c' });
    expect((await p).uris).toEqual(['a', 'b', 'c']);
    await client.close();
  });

  it('pages with lim/ofst, following cnot when the CSE gives it', async () => {
    const { client, conn } = await connected();
    const seen: string[] = [];
    const iteration = (async () => {
      for await (const uri of client.discoverAll('-/myAE', { ty: [4] }, { pageSize: 2 })) seen.push(uri);
    })();
    const q1 = await nextRequest(conn);
    expect(q1.fc).toEqual({ ty: [4], lim: 2, fu: 1 });
    conn.sendJson({ rsc: 2000, rqi: q1.rqi, rvi: '3', cnst: 1, cnot: 3, pc: { 'm2m:uril': ['a', 'b'] } });
    const q2 = await nextRequest(conn);
    expect(q2.fc).toMatchObject({ lim: 2, ofst: 3 });
    // No cnot, but a full page: continue from the running offset.
    answer(conn, q2, 2000, { 'm2m:uril': ['c', 'd'] });
    const q3 = await nextRequest(conn);
    expect(q3.fc).toMatchObject({ lim: 2, ofst: 5 });
    answer(conn, q3, 2000, { 'm2m:uril': ['e'] });
    await iteration;
    expect(seen).toEqual(['a', 'b', 'c', 'd', 'e']);
    await client.close();
  });

  it('propagates an error answer from a page', async () => {
    const { client, conn } = await connected();
    const iteration = (async () => {
      for await (const _ of client.discoverAll('-/nothing')) {
        // drain
      }
    })();
    answer(conn, await nextRequest(conn), 4004);
    await expect(iteration).rejects.toMatchObject({ name: 'NOT_FOUND', rsc: 4004 });
    await client.close();
  });
});
