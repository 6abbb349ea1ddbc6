import { describe, expect, it } from 'vitest';
import { body, setup } from './harness.js';

async function world() {
  const t = setup();
  const ae = await t.register('app');
  await t.send({ op: 1, to: '-/app', fr: ae, ty: 3, pc: { 'm2m:cnt': { rn: 'data', lbl: ['a'] } } });
  for (const con of ['1', '2'])
    await t.send({ op: 1, to: '-/app/data', fr: ae, ty: 4, pc: { 'm2m:cin': { con } } });
  await t.send({ op: 1, to: '-/app/data', fr: ae, ty: 3, pc: { 'm2m:cnt': { rn: 'nested' } } });
  await t.send({ op: 1, to: '-/app/data/nested', fr: ae, ty: 4, pc: { 'm2m:cin': { con: 'deep' } } });
  const get = (extra: Record<string, unknown>, to = '-/app/data') => t.send({ op: 2, to, fr: ae, ...extra });
  return { ...t, ae, get };
}

describe('retrieve with result content', () => {
  it('rcn 1 (default) returns the attributes only', async () => {
    const { get } = await world();
    const cnt = body(await get({}));
    expect(cnt.rn).toBe('data');
    expect(cnt['m2m:cin']).toBeUndefined();
    expect(body(await get({ rcn: 1 }))).toEqual(cnt);
  });

  it('rcn 4 returns attributes and child resources, nested, limited by fc.lvl', async () => {
    const { get } = await world();
    const cnt = body(await get({ rcn: 4 }));
    expect(cnt.rn).toBe('data');
    expect(cnt['m2m:cin'].map((c: { con: string }) => c.con)).toEqual(['1', '2']);
    expect(cnt['m2m:cnt'][0]['m2m:cin'][0].con).toBe('deep');
    const shallow = body(await get({ rcn: 4, fc: { lvl: 1 } }));
    expect(shallow['m2m:cnt'][0]['m2m:cin']).toBeUndefined();
    const filtered = body(await get({ rcn: 4, fc: { ty: [3] } }));
    expect(filtered['m2m:cin']).toBeUndefined();
  });

  it('rcn 5 returns attributes and child references in ch', async () => {
    const { get } = await world();
    const cnt = body(await get({ rcn: 5 }));
    expect(cnt.rn).toBe('data');
    expect(cnt.ch).toHaveLength(3);
    expect(cnt.ch[2]).toEqual({ nm: 'nested', typ: 3, val: 'cse-in/app/data/nested' });
  });

  it('rcn 6 returns m2m:rrl, rcn 8 only the children', async () => {
    const { get } = await world();
    const rrl = await get({ rcn: 6 });
    expect((rrl.pc!['m2m:rrl'] as { rrf: unknown[] }).rrf).toHaveLength(3);
    const eight = body(await get({ rcn: 8 }));
    expect(eight.rn).toBeUndefined();
    expect(eight['m2m:cin']).toHaveLength(2);
  });

  it('rejects rcn not valid for RETRIEVE (0, 2, 3, 9) with 4000', async () => {
    const { get } = await world();
    for (const rcn of [0, 2, 3, 9, 42]) expect((await get({ rcn })).rsc, String(rcn)).toBe(4000);
    expect((await get({ rcn: 10 })).rsc).toBe(5001);
  });

  it('does a partial retrieve with m2m:atrl', async () => {
    const { get } = await world();
    const rsp = await get({ pc: { 'm2m:atrl': ['rn', 'cni', 'lbl'] } });
    expect(rsp.pc).toEqual({ 'm2m:cnt': { rn: 'data', cni: 2, lbl: ['a'] } });
    expect((await get({ pc: { 'm2m:atrl': ['nope'] } })).rsc).toBe(4000);
    expect((await get({ pc: { 'm2m:cnt': {} } })).rsc).toBe(4000);
  });
});

describe('create and update result content', () => {
  it('supports rcn 0, 1, 2, 3 and 9 on create', async () => {
    const { send, ae } = await world();
    const mk = (rcn: number, rn: string) =>
      send({ op: 1, to: '-/app', fr: ae, ty: 3, rcn, pc: { 'm2m:cnt': { rn } } });
    expect((await mk(0, 'c0')).pc).toBeUndefined();
    expect(body(await mk(1, 'c1')).rn).toBe('c1');
    expect((await mk(2, 'c2')).pc).toEqual({ 'm2m:uri': 'cse-in/app/c2' });
    const rce = (await mk(3, 'c3')).pc!['m2m:rce'] as Record<string, any>;
    expect(rce.uri).toBe('cse-in/app/c3');
    expect(rce['m2m:cnt'].rn).toBe('c3');
    const modified = body(await mk(9, 'c9'));
    expect(modified.rn).toBeUndefined();
    expect(modified.ri).toEqual(expect.any(String));
    expect((await mk(4, 'c4')).rsc).toBe(4000);
  });

  it('deletes attributes set to null on update, refuses deleting mandatory ones', async () => {
    const { send, ae } = await world();
    const rsp = await send({ op: 3, to: '-/app/data', fr: ae, pc: { 'm2m:cnt': { lbl: null, mni: 9 } } });
    expect(rsp.rsc).toBe(2004);
    expect(body(rsp).lbl).toBeUndefined();
    expect(body(rsp).mni).toBe(9);
    expect((await send({ op: 3, to: '-/app', fr: ae, pc: { 'm2m:ae': { api: null } } })).rsc).toBe(4000);
    expect((await send({ op: 3, to: '-/app', fr: ae, pc: { 'm2m:ae': { rr: null } } })).rsc).toBe(4000);
    expect(
      (await send({ op: 3, to: '-/app', fr: ae, rcn: 0, pc: { 'm2m:ae': { apn: 'x' } } })).pc,
    ).toBeUndefined();
    const nine = await send({ op: 3, to: '-/app', fr: ae, rcn: 9, pc: { 'm2m:ae': { apn: 'y' } } });
    expect(body(nine)).toEqual({ apn: 'y', lt: expect.any(String) });
    expect((await send({ op: 3, to: '-/app', fr: ae, rcn: 2, pc: { 'm2m:ae': { apn: 'z' } } })).rsc).toBe(
      4000,
    );
  });

  it('refuses fc on create and an expiration time in the past', async () => {
    const { send, ae } = await world();
    expect(
      (await send({ op: 1, to: '-/app', fr: ae, ty: 3, fc: { ty: [3] }, pc: { 'm2m:cnt': {} } })).rsc,
    ).toBe(4000);
    expect(
      (await send({ op: 1, to: '-/app', fr: ae, ty: 3, pc: { 'm2m:cnt': { et: '20000101T000000' } } })).rsc,
    ).toBe(4000);
    expect((await send({ op: 1, to: '-/app', fr: ae, ty: 3, pc: { 'm2m:cnt': { cr: 'Cx' } } })).rsc).toBe(
      4000,
    );
    expect(body(await send({ op: 1, to: '-/app', fr: ae, ty: 3, pc: { 'm2m:cnt': { cr: null } } })).cr).toBe(
      ae,
    );
  });
});

describe('delete', () => {
  it('cascades to children and returns the deleted resource for rcn 1', async () => {
    const { send, ae, get } = await world();
    const nested = body(await get({}, '-/app/data/nested'));
    const rsp = await send({ op: 4, to: '-/app/data', fr: ae, rcn: 1 });
    expect(rsp.rsc).toBe(2002);
    expect(body(rsp).rn).toBe('data');
    expect((await get({}, nested.ri)).rsc).toBe(4004);
    expect((await send({ op: 4, to: '-/app/data', fr: ae, rcn: 2 })).rsc).toBe(4004);
  });

  it('fires net 2 on the resource, net 4 on the parent, net 2 for descendants and sud for removed subscriptions', async () => {
    const { send, ae, sink } = await world();
    const sub = (to: string, net: number[], rn: string) =>
      send({
        op: 1,
        to,
        fr: ae,
        ty: 23,
        pc: { 'm2m:sub': { rn, nu: [ae], enc: { net }, ...(rn === 'onApp' ? {} : { su: ae }) } },
      });
    await sub('-/app', [4], 'onApp');
    await sub('-/app/data', [2], 'onData');
    await sub('-/app/data/nested', [2], 'onNested');
    await send({ op: 4, to: '-/app/data', fr: ae });
    const sgns = sink.deliveries.map((d) => d.request.pc!['m2m:sgn'] as Record<string, any>);
    const summary = sgns.map((s) =>
      s.sud ? `sud:${s.sur.split('/').pop()}` : `net${s.nev.net}:${Object.values(s.nev.rep as object)[0].rn}`,
    );
    expect(summary[0]).toBe('net2:data');
    expect(summary).toContain('net2:nested');
    expect(summary.filter((s) => s.startsWith('sud:'))).toHaveLength(2);
    expect(summary[summary.length - 1]).toBe('net4:data');
  });
});
