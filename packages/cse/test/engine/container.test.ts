import { describe, expect, it } from 'vitest';
import { body, dbg, setup } from './harness.js';

async function withContainer(cnt: Record<string, unknown> = {}) {
  const t = setup();
  const ae = await t.register('app');
  const rsp = await t.send({
    op: 1,
    to: 'cse-in/app',
    fr: ae,
    ty: 3,
    pc: { 'm2m:cnt': { rn: 'data', ...cnt } },
  });
  expect(rsp.rsc).toBe(2001);
  const cin = (con: unknown, extra: Record<string, unknown> = {}) =>
    t.send({ op: 1, to: 'cse-in/app/data', fr: ae, ty: 4, pc: { 'm2m:cin': { con, ...extra } } });
  return { ...t, ae, cnt: body(rsp), cin };
}

describe('container and contentInstance', () => {
  it('creates a container with common attributes, cni/cbs/st at 0', async () => {
    const { cnt, ae } = await withContainer({ lbl: ['k:v'], mni: 5 });
    expect(cnt).toMatchObject({ ty: 3, rn: 'data', pi: ae, cni: 0, cbs: 0, st: 0, mni: 5, lbl: ['k:v'] });
    expect(cnt.ri).toMatch(/^cnt/);
    expect(cnt.ct).toMatch(/^\d{8}T\d{6}$/);
    expect(cnt.lt).toBe(cnt.ct);
  });

  it('creates contentInstances with cs, counts them and serves la / ol', async () => {
    const { cin, send, ae } = await withContainer();
    const first = await cin('hello', { cnf: 'text/plain:0' });
    expect(first.rsc).toBe(2001);
    expect(body(first)).toMatchObject({ ty: 4, con: 'hello', cs: 5, cnf: 'text/plain:0', st: 1 });
    await cin({ t: 21.5 });
    const cnt = body(await send({ op: 2, to: 'cse-in/app/data', fr: ae }));
    expect(cnt).toMatchObject({ cni: 2, cbs: 5 + JSON.stringify({ t: 21.5 }).length, st: 2 });
    expect(body(await send({ op: 2, to: 'cse-in/app/data/la', fr: ae })).con).toEqual({ t: 21.5 });
    expect(body(await send({ op: 2, to: 'cse-in/app/data/ol', fr: ae })).con).toBe('hello');
    // Hybrid address: the container's ri followed by the virtual child.
    expect(body(await send({ op: 2, to: `${cnt.ri}/la`, fr: ae })).con).toEqual({ t: 21.5 });
  });

  it('answers 4004 for la / ol of an empty container', async () => {
    const { send, ae } = await withContainer();
    expect((await send({ op: 2, to: 'cse-in/app/data/la', fr: ae })).rsc).toBe(4004);
  });

  it('evicts oldest-first by mni and by mbs', async () => {
    const { cin, send, ae } = await withContainer({ mni: 2, mbs: 10 });
    await cin('aaaa');
    await cin('bbbb');
    await cin('cccc');
    let cnt = body(await send({ op: 2, to: 'cse-in/app/data', fr: ae, rcn: 4 }));
    expect(cnt.cni).toBe(2);
    expect(cnt['m2m:cin'].map((c: { con: string }) => c.con)).toEqual(['bbbb', 'cccc']);
    await cin('ddddddd');
    cnt = body(await send({ op: 2, to: 'cse-in/app/data', fr: ae, rcn: 4 }));
    expect(cnt['m2m:cin'].map((c: { con: string }) => c.con)).toEqual(['ddddddd']);
    expect(cnt).toMatchObject({ cni: 1, cbs: 7 });
  });

  it('rejects an instance larger than mbs with 5207', async () => {
    const { cin } = await withContainer({ mbs: 3 });
    expect((await cin('toolong')).rsc).toBe(5207);
  });

  it('applies a lowered mni on update', async () => {
    const { cin, send, ae } = await withContainer();
    for (const c of ['1', '2', '3']) await cin(c);
    const rsp = await send({ op: 3, to: 'cse-in/app/data', fr: ae, pc: { 'm2m:cnt': { mni: 1 } } });
    expect(rsp.rsc).toBe(2004);
    expect(body(rsp)).toMatchObject({ mni: 1, cni: 1, st: 4 });
  });

  it('makes contentInstances immutable (4005) and requires con (4000)', async () => {
    const { cin, send, ae } = await withContainer();
    const ri = body(await cin('x')).ri;
    const rsp = await send({ op: 3, to: ri, fr: ae, pc: { 'm2m:cin': { con: 'y' } } });
    expect(rsp.rsc).toBe(4005);
    expect(dbg(rsp)).toMatch(/^OPERATION_NOT_ALLOWED/);
    expect(
      (
        await send({
          op: 1,
          to: 'cse-in/app/data',
          fr: ae,
          ty: 4,
          pc: { 'm2m:cin': { cnf: 'text/plain:0' } },
        })
      ).rsc,
    ).toBe(4000);
  });

  it('deletes la and keeps counters right', async () => {
    const { cin, send, ae } = await withContainer();
    await cin('a');
    await cin('bb');
    expect((await send({ op: 4, to: 'cse-in/app/data/la', fr: ae })).rsc).toBe(2002);
    expect(body(await send({ op: 2, to: 'cse-in/app/data', fr: ae }))).toMatchObject({ cni: 1, cbs: 1 });
  });

  it('rejects invalid child types (4108), bad pc (4000) and read-only attributes (4000)', async () => {
    const { cin, send, ae } = await withContainer();
    const ri = body(await cin('x')).ri;
    expect((await send({ op: 1, to: ri, fr: ae, ty: 3, pc: { 'm2m:cnt': {} } })).rsc).toBe(4108);
    expect((await send({ op: 1, to: 'cse-in/app', fr: ae, ty: 3, pc: { 'm2m:cin': {} } })).rsc).toBe(4000);
    expect((await send({ op: 1, to: 'cse-in/app', fr: ae, ty: 3, pc: { 'm2m:cnt': { cni: 3 } } })).rsc).toBe(
      4000,
    );
    expect((await send({ op: 3, to: 'cse-in/app/data', fr: ae, pc: { 'm2m:cnt': { ri: 'x' } } })).rsc).toBe(
      4000,
    );
    expect((await send({ op: 3, to: 'cse-in/app/data', fr: ae, pc: { 'm2m:cnt': { rn: 'x' } } })).rsc).toBe(
      4000,
    );
    expect((await send({ op: 3, to: 'cse-in/app/data', fr: ae, pc: { 'm2m:cnt': { bogus: 1 } } })).rsc).toBe(
      4000,
    );
  });
});

describe('disableRetrieval (disr)', () => {
  it('deletes existing instances when switched on and refuses retrieving new ones with 4005', async () => {
    const { cin, send, ae } = await withContainer();
    await cin('before');
    const rsp = await send({ op: 3, to: 'cse-in/app/data', fr: ae, pc: { 'm2m:cnt': { disr: true } } });
    expect(body(rsp)).toMatchObject({ disr: true, cni: 0, cbs: 0 });
    const created = await cin('after');
    expect(created.rsc).toBe(2001);
    expect((await send({ op: 2, to: 'cse-in/app/data/la', fr: ae })).rsc).toBe(4005);
    expect((await send({ op: 2, to: body(created).ri, fr: ae })).rsc).toBe(4005);
    await send({ op: 3, to: 'cse-in/app/data', fr: ae, pc: { 'm2m:cnt': { disr: false } } });
    expect(body(await send({ op: 2, to: 'cse-in/app/data/la', fr: ae })).con).toBe('after');
  });
});
