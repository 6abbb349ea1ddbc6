import { describe, expect, it } from 'vitest';
import { body, dbg, setup } from './harness.js';

async function world() {
  const t = setup();
  const ae = await t.register('app');
  await t.send({ op: 1, to: 'cse-in/app', fr: ae, ty: 3, pc: { 'm2m:cnt': { rn: 'data' } } });
  const subscribe = (sub: Record<string, unknown>, to = 'cse-in/app/data', fr = ae) =>
    t.send({ op: 1, to, fr, ty: 23, pc: { 'm2m:sub': { nu: [fr], ...sub } } });
  const cin = (con: unknown) =>
    t.send({ op: 1, to: 'cse-in/app/data', fr: ae, ty: 4, pc: { 'm2m:cin': { con } } });
  return { ...t, ae, subscribe, cin };
}

describe('subscription and notification', () => {
  it('delivers net 3 for a new child to the AE-ID in nu, without verification', async () => {
    const { subscribe, cin, sink, ae } = await world();
    const rsp = await subscribe({ rn: 's', enc: { net: [3] } });
    expect(rsp.rsc).toBe(2001);
    const sub = body(rsp);
    expect(sub).toMatchObject({ ty: 23, nu: [ae], nct: 1, cr: ae, enc: { net: [3] } });
    expect(sink.deliveries).toHaveLength(0);
    await cin('21');
    const d = await sink.next((x) => x.target === ae);
    expect(d.request).toMatchObject({ op: 5, to: ae, fr: '/id-in', rvi: '3' });
    expect(d.request.rqi).toEqual(expect.any(String));
    expect(d.request.ot).toMatch(/^\d{8}T\d{6}$/);
    expect(d.request.pc).toEqual({
      'm2m:sgn': {
        nev: { net: 3, rep: { 'm2m:cin': expect.objectContaining({ con: '21', ty: 4 }) } },
        sur: `/id-in/${sub.ri}`,
        cr: ae,
      },
    });
    expect(d.options?.storeIfOffline).toBe(true);
  });

  it('defaults to net 1 (update) and honours atr and nct 2', async () => {
    const { subscribe, send, sink, ae } = await world();
    await subscribe({ enc: { atr: ['lbl'] }, nct: 2 });
    await send({ op: 3, to: 'cse-in/app/data', fr: ae, pc: { 'm2m:cnt': { mni: 3 } } });
    await send({ op: 3, to: 'cse-in/app/data', fr: ae, pc: { 'm2m:cnt': { lbl: ['a'] } } });
    await sink.next((d) => !!d.request.pc);
    const events = sink.events(ae);
    expect(events).toHaveLength(1);
    expect(events[0]!.nev.net).toBe(1);
    const rep = events[0]!.nev.rep['m2m:cnt'];
    expect(rep.lbl).toEqual(['a']);
    expect(rep.mni).toBeUndefined();
  });

  it('filters net 3 / 4 by chty and sends nct 3 as m2m:uri', async () => {
    const { subscribe, send, sink, cin, ae } = await world();
    await subscribe({ enc: { net: [3, 4], chty: [3] }, nct: 3 });
    await cin('ignored');
    const child = body(
      await send({ op: 1, to: 'cse-in/app/data', fr: ae, ty: 3, pc: { 'm2m:cnt': { rn: 'sub' } } }),
    );
    await send({ op: 4, to: 'cse-in/app/data/sub', fr: ae });
    const events = sink.events(ae);
    expect(events.map((e) => e.nev.net)).toEqual([3, 4]);
    expect(events[0]!.nev.rep).toEqual({ 'm2m:uri': child.ri });
  });

  it('notifies net 2 on delete of the subscribed resource and sends sud', async () => {
    const { subscribe, send, sink, ae } = await world();
    const sub = body(await subscribe({ enc: { net: [2] }, su: ae }));
    await send({ op: 4, to: 'cse-in/app/data', fr: ae });
    const sgns = sink.deliveries.map((d) => d.request.pc!['m2m:sgn'] as Record<string, any>);
    expect(sgns[0]!.nev.net).toBe(2);
    expect(sgns[0]!.nev.rep['m2m:cnt'].rn).toBe('data');
    expect(sgns[1]).toEqual({ sud: true, sur: `/id-in/${sub.ri}`, cr: ae });
  });

  it('deletes the subscription after exc notifications, with sud', async () => {
    const { subscribe, send, sink, cin, ae } = await world();
    const sub = body(await subscribe({ enc: { net: [3] }, exc: 2, su: ae }));
    await cin('1');
    await cin('2');
    await cin('3');
    expect(sink.events(ae)).toHaveLength(2);
    expect((await send({ op: 2, to: sub.ri, fr: ae })).rsc).toBe(4004);
    expect(sink.deliveries.some((d) => (d.request.pc?.['m2m:sgn'] as any)?.sud === true)).toBe(true);
  });

  it('sends a verification request when nu is not the subscriber; 5204 when refused', async () => {
    const { subscribe, sink, register, send, ae } = await world();
    const other = await register('other');
    sink.responder = (_t, r) => ({ rsc: 4103, rqi: r.rqi, rvi: '3' });
    const refused = await subscribe({ rn: 'v', nu: [other] });
    expect(refused.rsc).toBe(5204);
    expect(dbg(refused)).toMatch(/^SUBSCRIPTION_VERIFICATION_INITIATION_FAILED/);
    const vrq = sink.deliveries[0]!;
    expect(vrq.target).toBe(other);
    expect(vrq.request).toMatchObject({ op: 5, to: other, fr: '/id-in' });
    expect(vrq.request.pc).toEqual({
      'm2m:sgn': { vrq: true, sur: expect.stringMatching(/^\/id-in\/sub/), cr: ae },
    });
    expect(vrq.options?.storeIfOffline).toBe(false);
    expect((await send({ op: 2, to: 'cse-in/app/data/v', fr: ae })).rsc).toBe(4004);

    sink.responder = () => undefined;
    expect((await subscribe({ rn: 'v', nu: [other] })).rsc).toBe(5204);
    sink.responder = (_t, r) => ({ rsc: 2000, rqi: r.rqi, rvi: '3' });
    expect((await subscribe({ rn: 'v', nu: [other] })).rsc).toBe(2001);
  });

  it('delivers to a ws:// URL unchanged', async () => {
    const { subscribe, cin, sink } = await world();
    await subscribe({ nu: ['ws://127.0.0.1:9/notify'], enc: { net: [3] } });
    await cin('x');
    const events = sink.deliveries.filter((d) => d.target === 'ws://127.0.0.1:9/notify');
    expect(
      events.map((d) => (d.request.pc!['m2m:sgn'] as any).vrq ?? (d.request.pc!['m2m:sgn'] as any).nev.net),
    ).toEqual([true, 3]);
    expect(events[1]!.request.to).toBe('ws://127.0.0.1:9/notify');
  });

  it('rejects invalid enc / nct / bn and missing nu with 4000, unsupported net with 5001', async () => {
    const { send, ae } = await world();
    const sub = (s: Record<string, unknown>) =>
      send({ op: 1, to: 'cse-in/app/data', fr: ae, ty: 23, pc: { 'm2m:sub': s } });
    expect((await sub({})).rsc).toBe(4000);
    expect((await sub({ nu: [] })).rsc).toBe(4000);
    expect((await sub({ nu: [ae], enc: { net: 3 } })).rsc).toBe(4000);
    expect((await sub({ nu: [ae], enc: { net: [6] } })).rsc).toBe(5001);
    expect((await sub({ nu: [ae], bn: {} })).rsc).toBe(4000);
    expect(dbg(await sub({ nu: [ae], bn: { dur: 'soon' } }))).toMatch(/bn.dur/);
  });
});

describe('deletion notification', () => {
  it('goes to su only, not to nu', async () => {
    const { subscribe, send, sink, ae, register } = await world();
    const other = await register('other');
    const quiet = body(await subscribe({ rn: 'quiet' }));
    await send({ op: 4, to: quiet.ri, fr: ae });
    expect(sink.deliveries).toHaveLength(0);
    const told = body(await subscribe({ rn: 'told', su: other }));
    await send({ op: 4, to: told.ri, fr: ae });
    expect(sink.deliveries.map((d) => [d.target, d.request.pc])).toEqual([
      [other, { 'm2m:sgn': { sud: true, sur: `/id-in/${told.ri}`, cr: ae } }],
    ]);
  });
});

describe('notification targets', () => {
  it('addresses an AE given in SP-relative or absolute form by its AE-ID stem', async () => {
    const { subscribe, cin, sink, ae } = await world();
    await subscribe({
      nu: [`/id-in/${ae}`, `//sp.example/id-in/${ae}`, '/id-in/Cunknown'],
      enc: { net: [3] },
    });
    await cin('x');
    const targets = sink.deliveries
      .filter((d) => (d.request.pc?.['m2m:sgn'] as any)?.nev)
      .map((d) => [d.target, d.request.to]);
    expect(targets).toEqual([
      [ae, ae],
      [ae, ae],
      ['Cunknown', 'Cunknown'],
    ]);
  });
});

describe('operation monitor (enc.om)', () => {
  it('notifies operations matching ops and or, with nev.om', async () => {
    const { subscribe, send, sink, ae, register } = await world();
    const other = await register('other');
    const acp = body(
      await send({
        op: 1,
        to: '-/app',
        fr: ae,
        ty: 1,
        pc: {
          'm2m:acp': { pv: { acr: [{ acor: [other], acop: 2 }] }, pvs: { acr: [{ acor: [ae], acop: 63 }] } },
        },
      }),
    );
    await send({ op: 3, to: 'cse-in/app/data', fr: ae, pc: { 'm2m:cnt': { acpi: [acp.ri] } } });
    await subscribe({ enc: { om: [{ ops: 2, or: other }] } });
    await send({ op: 2, to: 'cse-in/app/data', fr: ae });
    await send({ op: 3, to: 'cse-in/app/data', fr: ae, pc: { 'm2m:cnt': { lbl: ['x'] } } });
    expect(sink.events(ae)).toHaveLength(0);
    await send({ op: 2, to: 'cse-in/app/data', fr: other });
    const events = sink.events(ae);
    expect(events).toHaveLength(1);
    expect(events[0]!.nev.om).toEqual({ op: 2, or: other });
    expect(events[0]!.nev.rep['m2m:cnt'].rn).toBe('data');
    expect((await subscribe({ enc: { om: [{ ops: 99 }] } })).rsc).toBe(4000);
  });
});
