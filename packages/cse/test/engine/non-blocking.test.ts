import { describe, expect, it } from 'vitest';
import { body, setup } from './harness.js';

async function until<T>(probe: () => Promise<T | undefined>): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const v = await probe();
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error('condition not reached');
}

describe('<request> resources for non-blocking requests', () => {
  it('rt 1: answers 1001 with the <request> address; retrieving it gives the state and result', async () => {
    const { send, register } = setup();
    const ae = await register('app');
    const ack = await send({
      op: 1,
      to: '-/app',
      fr: ae,
      ty: 3,
      rt: { rtv: 1 },
      pc: { 'm2m:cnt': { rn: 'later' } },
    });
    expect(ack.rsc).toBe(1001);
    const uri = ack.pc!['m2m:uri'] as string;
    const req = await until(async () => {
      const r = body(await send({ op: 2, to: uri, fr: ae }));
      return r.rs === 1 ? r : undefined;
    });
    expect(req).toMatchObject({ ty: 17, op: 1, tg: '-/app', org: ae, rid: ack.rqi, rs: 1 });
    expect(req.ors).toMatchObject({ rsc: 2001, rqi: ack.rqi });
    expect(req.ors.pc['m2m:cnt'].rn).toBe('later');
    expect((await send({ op: 2, to: '-/app/later', fr: ae })).rsc).toBe(2000);
  });

  it('records failures with rs 2 and keeps <request> private to its originator', async () => {
    const { send, register } = setup();
    const ae = await register('app');
    const other = await register('other');
    // The target is resolved before the request is accepted.
    expect((await send({ op: 2, to: '-/nothing', fr: ae, rt: { rtv: 1 } })).rsc).toBe(4004);
    const ack = await send({
      op: 1,
      to: '-/app',
      fr: ae,
      ty: 3,
      rt: { rtv: 1 },
      pc: { 'm2m:cnt': { cni: 1 } },
    });
    expect(ack.rsc).toBe(1001);
    const uri = ack.pc!['m2m:uri'] as string;
    const req = await until(async () => {
      const r = body(await send({ op: 2, to: uri, fr: ae }));
      return r.rs === 2 ? r : undefined;
    });
    expect(req.ors.rsc).toBe(4000);
    expect(req.ors.pc['m2m:dbg']).toMatch(/cni/);
    expect((await send({ op: 2, to: uri, fr: other })).rsc).toBe(4103);
    expect((await send({ op: 3, to: uri, fr: ae, pc: { 'm2m:req': { lbl: ['x'] } } })).rsc).toBe(4005);
    expect((await send({ op: 1, to: 'cse-in', fr: ae, ty: 17, pc: { 'm2m:req': {} } })).rsc).toBe(4005);
    expect((await send({ op: 4, to: uri, fr: ae })).rsc).toBe(2002);
  });

  it('rt 2: answers 1002 and notifies the result as m2m:rsp to rt.nu, or to the originator', async () => {
    const { send, register, sink } = setup();
    const ae = await register('app');
    const ack = await send({
      op: 1,
      to: '-/app',
      fr: ae,
      ty: 3,
      rt: { rtv: 2, nu: ['ws://127.0.0.1:9/results'] },
      pc: { 'm2m:cnt': { rn: 'x' } },
    });
    expect(ack.rsc).toBe(1002);
    const d = await sink.next((x) => x.target === 'ws://127.0.0.1:9/results');
    expect(d.request).toMatchObject({ op: 5, fr: '/id-in' });
    expect(d.request.pc!['m2m:rsp']).toMatchObject({ rsc: 2001, rqi: ack.rqi, rvi: '3' });
    const ack2 = await send({ op: 2, to: '-/app/x', fr: ae, rt: { rtv: 2 } });
    const d2 = await sink.next((x) => x.target === ae);
    expect(d2.request.pc!['m2m:rsp']).toMatchObject({ rsc: 2000, rqi: ack2.rqi });
  });

  it('rejects rt.nu without rtv 2 and invalid rtv', async () => {
    const { send, register } = setup();
    const ae = await register('app');
    expect((await send({ op: 2, to: '-/app', fr: ae, rt: { rtv: 1, nu: [ae] } })).rsc).toBe(4000);
    expect((await send({ op: 2, to: '-/app', fr: ae, rt: { rtv: 7 } })).rsc).toBe(4000);
  });
});
