import { describe, expect, it } from 'vitest';
import { body, setup } from './harness.js';

describe('timeSeries / timeSeriesInstance', () => {
  it('stores instances with dgt / snr, counts them, evicts by mni and refuses duplicate dgt', async () => {
    const { send, register } = setup();
    const ae = await register('app');
    expect(
      (await send({ op: 1, to: '-/app', fr: ae, ty: 29, pc: { 'm2m:ts': { rn: 'ts', mni: 2, pei: 1000 } } }))
        .rsc,
    ).toBe(2001);
    const tsi = (dgt: string, con: unknown, snr?: number) =>
      send({
        op: 1,
        to: '-/app/ts',
        fr: ae,
        ty: 30,
        pc: { 'm2m:tsi': { dgt, con, ...(snr === undefined ? {} : { snr }) } },
      });
    const first = await tsi('20250101T000000', 1, 1);
    expect(first.rsc).toBe(2001);
    expect(body(first)).toMatchObject({ ty: 30, dgt: '20250101T000000', con: 1, snr: 1, cs: 1 });
    expect((await tsi('20250101T000000', 2)).rsc).toBe(4105);
    await tsi('20250101T000001', 2);
    await tsi('20250101T000002', 3);
    const ts = body(await send({ op: 2, to: '-/app/ts', fr: ae }));
    expect(ts).toMatchObject({ cni: 2, cbs: 2, mni: 2, pei: 1000 });
    expect(body(await send({ op: 2, to: '-/app/ts/ol', fr: ae })).con).toBe(2);
    expect(body(await send({ op: 2, to: '-/app/ts/la', fr: ae })).con).toBe(3);
    expect((await send({ op: 1, to: '-/app/ts', fr: ae, ty: 30, pc: { 'm2m:tsi': { con: 1 } } })).rsc).toBe(
      4000,
    );
    const la = body(await send({ op: 2, to: '-/app/ts/la', fr: ae }));
    expect((await send({ op: 3, to: la.ri, fr: ae, pc: { 'm2m:tsi': { con: 9 } } })).rsc).toBe(4005);
  });
});
