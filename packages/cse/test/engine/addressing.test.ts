import { describe, expect, it } from 'vitest';
import { body, setup } from './harness.js';

async function world() {
  const t = setup();
  const ae = await t.register('app', 'Capp');
  const cnt = body(await t.send({ op: 1, to: '-/app', fr: ae, ty: 3, pc: { 'm2m:cnt': { rn: 'data' } } }));
  const get = (to: string) => t.send({ op: 2, to, fr: ae });
  return { ...t, ae, cnt, get };
}

describe('addressing', () => {
  it('resolves CSE-relative, SP-relative and absolute, structured and unstructured IDs', async () => {
    const { get, cnt } = await world();
    for (const to of [
      'cse-in/app/data',
      '-/app/data',
      cnt.ri,
      '/id-in/cse-in/app/data',
      '/id-in/-/app/data',
      `/id-in/${cnt.ri}`,
      '//sp.example.com/id-in/cse-in/app/data',
      `//sp.example.com/id-in/${cnt.ri}`,
    ]) {
      const rsp = await get(to);
      expect(rsp.rsc, to).toBe(2000);
      expect(body(rsp).ri, to).toBe(cnt.ri);
    }
  });

  it('addresses the CSEBase by name, "-", its ri and in SP-relative / absolute form', async () => {
    const { get } = await world();
    for (const to of ['cse-in', '-', 'id-in', '/id-in/cse-in', '//sp/id-in/cse-in']) {
      expect((await get(to)).rsc, to).toBe(2000);
    }
  });

  it('addresses the AE by its AE-ID and by the hybrid form <ri>/<name>', async () => {
    const { get, cnt } = await world();
    expect(body(await get('Capp')).aei).toBe('Capp');
    expect(body(await get('Capp/data')).ri).toBe(cnt.ri);
  });

  it('answers a single attribute for the #attr suffix', async () => {
    const { get, cnt } = await world();
    const rsp = await get('cse-in/app/data#ri');
    expect(rsp.pc).toEqual({ 'm2m:cnt': { ri: cnt.ri } });
    expect((await get('cse-in/app/data#')).rsc).toBe(4000);
  });

  it('rejects malformed IDs with 4000, unknown ones with 4004, foreign CSEs with 5103', async () => {
    const { get } = await world();
    for (const to of ['/id-in', 'cse-in/app/', '///x', 'cse-in//app'])
      expect((await get(to)).rsc, to).toBe(4000);
    for (const to of ['cse-in/nope', 'nope', 'cse-in/app/data/nope', 'cse-in/app/data/la/x'])
      expect((await get(to)).rsc, to).toBe(4004);
    expect((await get('/other-cse/cse-in')).rsc).toBe(5103);
  });

  it('returns structured or unstructured IDs in child references per drt', async () => {
    const { send, ae, cnt } = await world();
    const structured = await send({ op: 2, to: 'cse-in/app', fr: ae, rcn: 6 });
    expect(structured.pc).toEqual({ 'm2m:rrl': { rrf: [{ nm: 'data', typ: 3, val: 'cse-in/app/data' }] } });
    const unstructured = await send({ op: 2, to: 'cse-in/app', fr: ae, rcn: 6, drt: 2 });
    expect(unstructured.pc).toEqual({ 'm2m:rrl': { rrf: [{ nm: 'data', typ: 3, val: cnt.ri }] } });
    expect((await send({ op: 2, to: 'cse-in/app', fr: ae, drt: 3 })).rsc).toBe(4000);
  });

  it('takes originators in SP-relative form', async () => {
    const { send } = await world();
    expect((await send({ op: 2, to: 'cse-in/app', fr: '/id-in/Capp' })).rsc).toBe(2000);
  });
});
