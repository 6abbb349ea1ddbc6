import { describe, expect, it } from 'vitest';
import { formatTimestamp } from '../../src/engine/time.js';
import { body, setup } from './harness.js';

async function world() {
  const t = setup();
  const ae = await t.register('app');
  await t.send({ op: 1, to: '-/app', fr: ae, ty: 3, pc: { 'm2m:cnt': { rn: 'data' } } });
  const cin = (con: string) => t.send({ op: 1, to: '-/app/data', fr: ae, ty: 4, pc: { 'm2m:cin': { con } } });
  return { ...t, ae, cin };
}

describe('batch notifications (bn)', () => {
  it('sends m2m:agn once num notifications are collected', async () => {
    const { send, ae, cin, sink } = await world();
    await send({
      op: 1,
      to: '-/app/data',
      fr: ae,
      ty: 23,
      pc: { 'm2m:sub': { nu: [ae], enc: { net: [3] }, bn: { num: 2 } } },
    });
    await cin('1');
    expect(sink.deliveries).toHaveLength(0);
    await cin('2');
    await cin('3');
    expect(sink.deliveries).toHaveLength(1);
    const agn = sink.deliveries[0]!.request.pc!['m2m:agn'] as { 'm2m:sgn': Record<string, any>[] };
    expect(agn['m2m:sgn'].map((s) => s.nev.rep['m2m:cin'].con)).toEqual(['1', '2']);
  });

  it('flushes after dur, and only the latest with ln', async () => {
    const { send, ae, cin, sink } = await world();
    await send({
      op: 1,
      to: '-/app/data',
      fr: ae,
      ty: 23,
      pc: { 'm2m:sub': { nu: [ae], enc: { net: [3] }, bn: { dur: 'PT0.05S' }, ln: true } },
    });
    await cin('1');
    await cin('2');
    const d = await sink.next(() => true);
    const agn = d.request.pc!['m2m:agn'] as { 'm2m:sgn': Record<string, any>[] };
    expect(agn['m2m:sgn'].map((s) => s.nev.rep['m2m:cin'].con)).toEqual(['2']);
    expect(d.request.ec).toBe(4);
  });

  it('flushes a pending batch before the deletion notification', async () => {
    const { send, ae, cin, sink } = await world();
    const sub = body(
      await send({
        op: 1,
        to: '-/app/data',
        fr: ae,
        ty: 23,
        pc: { 'm2m:sub': { nu: [ae], enc: { net: [3] }, bn: { num: 5 }, su: ae } },
      }),
    );
    await cin('1');
    await send({ op: 4, to: sub.ri, fr: ae });
    expect(Object.keys(sink.deliveries[0]!.request.pc!)).toEqual(['m2m:agn']);
    expect(sink.deliveries[1]!.request.pc).toEqual({
      'm2m:sgn': { sud: true, sur: `/id-in/${sub.ri}`, cr: ae },
    });
  });
});

describe('expiration (et)', () => {
  it('deletes a resource when its et passes, notifying like a delete', async () => {
    const { send, ae, sink } = await world();
    await send({
      op: 1,
      to: '-/app/data',
      fr: ae,
      ty: 23,
      pc: { 'm2m:sub': { nu: [ae], enc: { net: [3, 4] } } },
    });
    const soon = formatTimestamp(Date.now() + 2000);
    const cnt = body(
      await send({ op: 1, to: '-/app/data', fr: ae, ty: 3, pc: { 'm2m:cnt': { rn: 'brief', et: soon } } }),
    );
    expect(cnt.et).toBe(soon);
    const deleted = await sink.next((d) => (d.request.pc?.['m2m:sgn'] as any)?.nev?.net === 4);
    expect((deleted.request.pc!['m2m:sgn'] as any).nev.rep['m2m:cnt'].rn).toBe('brief');
    expect((await send({ op: 2, to: '-/app/data/brief', fr: ae })).rsc).toBe(4004);
  });

  it('moves or removes the deadline on update', async () => {
    const { send, ae } = await world();
    const soon = formatTimestamp(Date.now() + 2000);
    await send({ op: 1, to: '-/app', fr: ae, ty: 3, pc: { 'm2m:cnt': { rn: 'kept', et: soon } } });
    const rsp = await send({
      op: 3,
      to: '-/app/kept',
      fr: ae,
      pc: { 'm2m:cnt': { et: formatTimestamp(Date.now() + 3_600_000) } },
    });
    expect(rsp.rsc).toBe(2004);
    await new Promise((r) => setTimeout(r, 2200));
    expect((await send({ op: 2, to: '-/app/kept', fr: ae })).rsc).toBe(2000);
  });

  it('ages out contentInstances by the container mia', async () => {
    const { send, ae } = await world();
    await send({ op: 3, to: '-/app/data', fr: ae, pc: { 'm2m:cnt': { mia: 1 } } });
    await send({ op: 1, to: '-/app/data', fr: ae, ty: 4, pc: { 'm2m:cin': { con: 'old' } } });
    for (let i = 0; i < 100; i++) {
      const cnt = body(await send({ op: 2, to: '-/app/data', fr: ae }));
      if (cnt.cni === 0) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('contentInstance was not aged out');
  });
});

describe('expiry seen by requests', () => {
  it('serves no resource whose deadline has passed, even before the expiry timer has run', async () => {
    let clock = Date.UTC(2025, 0, 1);
    const { send, register } = setup({ now: () => clock });
    const ae = await register('app');
    await send({ op: 1, to: '-/app', fr: ae, ty: 3, pc: { 'm2m:cnt': { rn: 'c', mia: 10 } } });
    await send({ op: 1, to: '-/app/c', fr: ae, ty: 4, pc: { 'm2m:cin': { con: 'old' } } });
    const shortLived = formatTimestamp(clock + 5_000);
    await send({ op: 1, to: '-/app', fr: ae, ty: 3, pc: { 'm2m:cnt': { rn: 'brief', et: shortLived } } });
    // No real time passes: the timer armed for these deadlines cannot have fired.
    clock += 11_000;
    expect(body(await send({ op: 2, to: '-/app/c', fr: ae })).cni).toBe(0);
    expect((await send({ op: 2, to: '-/app/brief', fr: ae })).rsc).toBe(4004);
  });
});

describe('default expiration time', () => {
  it('assigns a default et one year ahead, and restores it when et is deleted', async () => {
    let clock = Date.UTC(2025, 0, 1);
    const { send, register } = setup({ now: () => clock });
    const ae = await register('app');
    const cnt = body(await send({ op: 1, to: '-/app', fr: ae, ty: 3, pc: { 'm2m:cnt': { rn: 'c' } } }));
    expect(cnt.et).toBe('20260101T000000');
    await send({ op: 3, to: '-/app/c', fr: ae, pc: { 'm2m:cnt': { et: '20250601T000000' } } });
    clock = Date.UTC(2025, 2, 1);
    const reset = body(await send({ op: 3, to: '-/app/c', fr: ae, pc: { 'm2m:cnt': { et: null } } }));
    expect(reset.et).toBe('20260301T000000');
  });
});
