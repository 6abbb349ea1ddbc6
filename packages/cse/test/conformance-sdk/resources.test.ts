import { describe, expect, it } from 'vitest';
import { rscOf, sdkWorld } from './world.js';

type Cin = { con: unknown; ri: string };

describe('conformance through the SDK: container', () => {
  it('starts cni / cbs / st at 0 and counts instances, st growing with each change', async () => {
    const { registerAe } = await sdkWorld();
    const { client } = await registerAe('Ccnt', 'cnt');
    const cnt = await client.create('cse-in/cnt', { 'm2m:cnt': { rn: 'data', lbl: ['k:v'], mni: 5 } });
    expect(cnt.rsc).toBe(2001);
    expect(cnt.content).toMatchObject({ ty: 3, rn: 'data', pi: 'Ccnt', cni: 0, cbs: 0, st: 0, mni: 5 });
    await client.create('cse-in/cnt/data', { 'm2m:cin': { con: 'hello' } });
    await client.create('cse-in/cnt/data', { 'm2m:cin': { con: 'hi' } });
    const after = await client.retrieve('cse-in/cnt/data');
    expect(after.content).toMatchObject({ cni: 2, cbs: 7, st: 2 });
  });

  it('evicts oldest-first by mni and by mbs, and refuses an instance larger than mbs (5207)', async () => {
    const { registerAe } = await sdkWorld();
    const { client } = await registerAe('Cevict', 'evict');
    await client.create('cse-in/evict', { 'm2m:cnt': { rn: 'data', mni: 2, mbs: 10 } });
    for (const con of ['aaaa', 'bbbb', 'cccc'])
      await client.create('cse-in/evict/data', { 'm2m:cin': { con } });
    let all = await client.retrieve<Record<string, any>>('cse-in/evict/data', { rcn: 4 });
    expect(all.content?.['m2m:cin'].map((c: Cin) => c.con)).toEqual(['bbbb', 'cccc']);
    expect(all.content).toMatchObject({ cni: 2, cbs: 8 });
    await client.create('cse-in/evict/data', { 'm2m:cin': { con: 'ddddddd' } });
    all = await client.retrieve('cse-in/evict/data', { rcn: 4 });
    expect(all.content?.['m2m:cin'].map((c: Cin) => c.con)).toEqual(['ddddddd']);
    expect(all.content).toMatchObject({ cni: 1, cbs: 7 });
    expect(await rscOf(client.create('cse-in/evict/data', { 'm2m:cin': { con: 'x'.repeat(11) } }))).toBe(
      5207,
    );
  });

  it('evicts instances older than mia', async () => {
    const { registerAe } = await sdkWorld();
    const { client } = await registerAe('Cmia', 'mia');
    await client.create('cse-in/mia', { 'm2m:cnt': { rn: 'data' } });
    await client.create('cse-in/mia/data', { 'm2m:cin': { con: 'old' } });
    // Lowering mia to 0 seconds makes every existing instance too old.
    const updated = await client.update('cse-in/mia/data', { 'm2m:cnt': { mia: 0 } });
    expect(updated.content).toMatchObject({ mia: 0 });
    const cnt = await client.retrieve<Record<string, any>>('cse-in/mia/data', { rcn: 4 });
    expect(cnt.content?.cni).toBe(0);
    expect(cnt.content?.['m2m:cin']).toBeUndefined();
  });
});

describe('conformance through the SDK: contentInstance, la / ol', () => {
  it('sets cs, serves la / ol (also by ri and with -) and is immutable (4005)', async () => {
    const { registerAe } = await sdkWorld();
    const { client } = await registerAe('Ccin', 'cin');
    const cnt = await client.create('cse-in/cin', { 'm2m:cnt': { rn: 'data' } });
    expect(await rscOf(client.retrieve('cse-in/cin/data/la'))).toBe(4004);
    const first = await client.create('cse-in/cin/data', {
      'm2m:cin': { con: 'hello', cnf: 'text/plain:0' },
    });
    expect(first.content).toMatchObject({ ty: 4, con: 'hello', cs: 5, cnf: 'text/plain:0' });
    await client.create('cse-in/cin/data', { 'm2m:cin': { con: { t: 21.5 } } });
    expect((await client.retrieve<Cin>('cse-in/cin/data/la')).content?.con).toEqual({ t: 21.5 });
    expect((await client.retrieve<Cin>('cse-in/cin/data/ol')).content?.con).toBe('hello');
    expect((await client.retrieve<Cin>(`${cnt.content?.ri}/la`)).content?.con).toEqual({ t: 21.5 });
    expect((await client.retrieve<Cin>('-/cin/data/ol')).content?.con).toBe('hello');
    const update = await client.request({
      op: 3,
      to: first.content!.ri as string,
      pc: { 'm2m:cin': { con: 'changed' } },
    });
    expect(update.rsc).toBe(4005);
    expect(update.pc?.['m2m:dbg']).toMatch(/^OPERATION_NOT_ALLOWED/);
    expect((await client.retrieve<Cin>('cse-in/cin/data/ol')).content?.con).toBe('hello');
    expect((await client.delete('cse-in/cin/data/ol')).rsc).toBe(2002);
    expect((await client.retrieve<Cin>('cse-in/cin/data/ol')).content?.con).toEqual({ t: 21.5 });
  });
});

describe('conformance through the SDK: flexContainer', () => {
  it('keeps custom attributes under the specialization name, updates and deletes them with null', async () => {
    const { registerAe } = await sdkWorld();
    const { client } = await registerAe('Cflex', 'flex');
    const created = await client.create(
      'cse-in/flex',
      { 'cod:tempe': { rn: 't', cnd: 'org.onem2m.common.moduleclass.temperature', curT0: 21.5, unit: 1 } },
      { ty: 28 },
    );
    expect(created.contentType).toBe('cod:tempe');
    expect(created.content).toMatchObject({ ty: 28, curT0: 21.5, unit: 1, st: 0 });
    const updated = await client.update('cse-in/flex/t', { 'cod:tempe': { curT0: 22, unit: null } });
    expect(updated.content).toMatchObject({ curT0: 22, st: 1 });
    expect(updated.content?.unit).toBeUndefined();
    const back = await client.retrieve('cse-in/flex/t');
    expect(back.contentType).toBe('cod:tempe');
    expect(back.content).toMatchObject({ cnd: 'org.onem2m.common.moduleclass.temperature', curT0: 22 });
    expect(await rscOf(client.create('cse-in/flex', { 'm2m:fcnt': { curT0: 1 } }, { ty: 28 }))).toBe(4000);
  });
});

describe('conformance through the SDK: timeSeries / timeSeriesInstance', () => {
  it('stores instances by dgt, evicts by mni, refuses duplicate dgt (4105) and updates (4005)', async () => {
    const { registerAe } = await sdkWorld();
    const { client } = await registerAe('Cts', 'ts');
    const ts = await client.create('cse-in/ts', { 'm2m:ts': { rn: 'ts', mni: 2, pei: 1000 } });
    expect(ts.content).toMatchObject({ ty: 29, mni: 2, pei: 1000, cni: 0 });
    const first = await client.create('cse-in/ts/ts', {
      'm2m:tsi': { dgt: '20250101T000000', con: 1, snr: 1 },
    });
    expect(first.content).toMatchObject({ ty: 30, dgt: '20250101T000000', con: 1, snr: 1, cs: 1 });
    expect(
      await rscOf(client.create('cse-in/ts/ts', { 'm2m:tsi': { dgt: '20250101T000000', con: 2 } })),
    ).toBe(4105);
    await client.create('cse-in/ts/ts', { 'm2m:tsi': { dgt: '20250101T000001', con: 2 } });
    await client.create('cse-in/ts/ts', { 'm2m:tsi': { dgt: '20250101T000002', con: 3 } });
    expect((await client.retrieve('cse-in/ts/ts')).content).toMatchObject({ cni: 2, cbs: 2 });
    expect((await client.retrieve<Cin>('cse-in/ts/ts/ol')).content?.con).toBe(2);
    const la = await client.retrieve<Cin>('cse-in/ts/ts/la');
    expect(la.content?.con).toBe(3);
    expect(await rscOf(client.update(la.content!.ri, { 'm2m:tsi': { con: 9 } }))).toBe(4005);
    expect(await rscOf(client.create('cse-in/ts/ts', { 'm2m:tsi': { con: 4 } }))).toBe(4000);
  });
});

describe('conformance through the SDK: partial retrieve, update with null, delete', () => {
  it('retrieves only the attributes listed in m2m:atrl', async () => {
    const { registerAe } = await sdkWorld();
    const { client } = await registerAe('Catrl', 'atrl');
    await client.create('cse-in/atrl', { 'm2m:cnt': { rn: 'data', lbl: ['a'] } });
    await client.create('cse-in/atrl/data', { 'm2m:cin': { con: '1' } });
    const partial = await client.request({
      op: 2,
      to: 'cse-in/atrl/data',
      pc: { 'm2m:atrl': ['rn', 'cni', 'lbl'] },
    });
    expect(partial.rsc).toBe(2000);
    expect(partial.pc).toEqual({ 'm2m:cnt': { rn: 'data', cni: 1, lbl: ['a'] } });
    const unknown = await client.request({ op: 2, to: 'cse-in/atrl/data', pc: { 'm2m:atrl': ['nope'] } });
    expect(unknown.rsc).toBe(4000);
  });

  it('deletes an attribute updated to null and refuses deleting a mandatory one', async () => {
    const { registerAe } = await sdkWorld();
    const { client } = await registerAe('Cnull', 'null');
    await client.create('cse-in/null', { 'm2m:cnt': { rn: 'data', lbl: ['x'], mni: 3 } });
    const up = await client.update('cse-in/null/data', { 'm2m:cnt': { lbl: ['y'], mni: null } });
    expect(up.rsc).toBe(2004);
    expect(up.content?.lbl).toEqual(['y']);
    expect(up.content).not.toHaveProperty('mni');
    const back = await client.retrieve('cse-in/null/data');
    expect(back.content).not.toHaveProperty('mni');
    expect(back.content?.lbl).toEqual(['y']);
    const sub = await client.create('cse-in/null/data', { 'm2m:sub': { rn: 's', nu: ['Cnull'] } });
    expect(sub.rsc).toBe(2001);
    expect(await rscOf(client.update('cse-in/null/data/s', { 'm2m:sub': { nu: null } }))).toBe(4000);
  });

  it('cascades a delete to the children and notifies net 2, net 4 on the parent and sud', async () => {
    const { registerAe } = await sdkWorld();
    const ae = await registerAe('Cdel', 'del');
    const { client } = ae;
    await client.create('cse-in/del', { 'm2m:cnt': { rn: 'data' } });
    await client.create('cse-in/del/data', { 'm2m:cnt': { rn: 'nested' } });
    const nested = await client.create('cse-in/del/data/nested', { 'm2m:cin': { con: 'deep' } });
    const onParent = await client.subscribe('cse-in/del', { rn: 'onParent', net: [4] });
    const onData = await client.subscribe('cse-in/del/data', { rn: 'onData', net: [2], su: 'Cdel' });
    const deleted = await client.delete('cse-in/del/data', { rcn: 1 });
    expect(deleted.rsc).toBe(2002);
    expect(deleted.content?.rn).toBe('data');
    expect(await rscOf(client.retrieve(nested.content!.ri as string))).toBe(4004);
    expect(await rscOf(client.retrieve('cse-in/del/data/nested'))).toBe(4004);
    const net2 = await ae.next(
      (n) => n.subscriptionReference === `/id-in/${onData.id}` && n.kind === 'event',
    );
    expect(net2.notification.nev).toMatchObject({ net: 2, rep: { 'm2m:cnt': { rn: 'data' } } });
    const sud = await ae.next((n) => n.kind === 'deletion');
    expect(sud.notification).toMatchObject({ sud: true, sur: `/id-in/${onData.id}` });
    const net4 = await ae.next((n) => n.subscriptionReference === `/id-in/${onParent.id}`);
    expect(net4.notification.nev).toMatchObject({ net: 4, rep: { 'm2m:cnt': { rn: 'data' } } });
    // The SDK ends the handle once its listeners saw the sud (net 4 came in a later frame).
    expect(onData.endReason).toBe('deleted');
  });
});
