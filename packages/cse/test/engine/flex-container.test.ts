import { describe, expect, it } from 'vitest';
import { body, setup } from './harness.js';

describe('flexContainer', () => {
  it('stores custom attributes under the creator qualified name and requires cnd', async () => {
    const { send, register } = setup();
    const ae = await register('app');
    const rsp = await send({
      op: 1,
      to: '-/app',
      fr: ae,
      ty: 28,
      pc: {
        'cod:tempe': { rn: 't', cnd: 'org.onem2m.common.moduleclass.temperature', curT0: 21.5, unit: 1 },
      },
    });
    expect(rsp.rsc).toBe(2001);
    expect(Object.keys(rsp.pc!)).toEqual(['cod:tempe']);
    expect(body(rsp)).toMatchObject({
      ty: 28,
      cnd: 'org.onem2m.common.moduleclass.temperature',
      curT0: 21.5,
      unit: 1,
      st: 0,
    });
    expect(body(rsp).cs).toBeGreaterThan(0);
    const updated = await send({
      op: 3,
      to: '-/app/t',
      fr: ae,
      pc: { 'cod:tempe': { curT0: 22, unit: null } },
    });
    expect(updated.rsc).toBe(2004);
    expect(body(updated)).toMatchObject({ curT0: 22, st: 1 });
    expect(body(updated).unit).toBeUndefined();
    expect((await send({ op: 3, to: '-/app/t', fr: ae, pc: { 'cod:tempe': { cnd: 'x' } } })).rsc).toBe(4000);
    expect((await send({ op: 1, to: '-/app', fr: ae, ty: 28, pc: { 'm2m:fcnt': { curT0: 1 } } })).rsc).toBe(
      4000,
    );
    expect((await send({ op: 1, to: '-/app', fr: ae, ty: 28, pc: { 'm2m:cnt': { cnd: 'x' } } })).rsc).toBe(
      4000,
    );
  });

  it('notifies updates of custom attributes', async () => {
    const { send, register, sink } = setup();
    const ae = await register('app');
    await send({ op: 1, to: '-/app', fr: ae, ty: 28, pc: { 'm2m:fcnt': { rn: 'f', cnd: 'x.y', v: 1 } } });
    await send({ op: 1, to: '-/app/f', fr: ae, ty: 23, pc: { 'm2m:sub': { nu: [ae] } } });
    await send({ op: 3, to: '-/app/f', fr: ae, pc: { 'm2m:fcnt': { v: 2 } } });
    expect(sink.events(ae)[0]!.nev.rep['m2m:fcnt'].v).toBe(2);
  });
});
