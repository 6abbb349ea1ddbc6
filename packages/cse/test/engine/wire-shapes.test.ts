import { validateResource, validateResponse } from '@onem2m-ws/protocol';
import { describe, expect, it } from 'vitest';
import { setup } from './harness.js';

describe('representations against the protocol schemas', () => {
  it('produces responses and resources the protocol package validates', async () => {
    const { send, register, sink } = setup();
    const ae = await register('app');
    const responses = [
      await send({ op: 2, to: 'cse-in', fr: ae }),
      await send({ op: 2, to: '-/app', fr: ae }),
      await send({ op: 1, to: '-/app', fr: ae, ty: 3, pc: { 'm2m:cnt': { rn: 'c', mni: 5, lbl: ['a:b'] } } }),
      await send({
        op: 1,
        to: '-/app/c',
        fr: ae,
        ty: 23,
        pc: { 'm2m:sub': { rn: 's', nu: [ae], enc: { net: [3] } } },
      }),
      await send({
        op: 1,
        to: '-/app/c',
        fr: ae,
        ty: 4,
        pc: { 'm2m:cin': { con: 'x', cnf: 'text/plain:0' } },
      }),
      await send({
        op: 1,
        to: '-/app',
        fr: ae,
        ty: 1,
        pc: {
          'm2m:acp': { pv: { acr: [{ acor: ['all'], acop: 2 }] }, pvs: { acr: [{ acor: [ae], acop: 63 }] } },
        },
      }),
      await send({
        op: 1,
        to: '-/app',
        fr: ae,
        ty: 9,
        pc: { 'm2m:grp': { rn: 'g', mnm: 3, mid: ['cse-in/app/c'] } },
      }),
      await send({ op: 1, to: '-/app', fr: ae, ty: 28, pc: { 'm2m:fcnt': { cnd: 'x.y', v: 1 } } }),
      await send({ op: 1, to: '-/app', fr: ae, ty: 29, pc: { 'm2m:ts': { rn: 'ts' } } }),
      await send({
        op: 1,
        to: '-/app/ts',
        fr: ae,
        ty: 30,
        pc: { 'm2m:tsi': { dgt: '20250101T000000', con: 1 } },
      }),
      await send({ op: 1, to: '-/app', fr: ae, ty: 15, pc: { 'm2m:pch': {} } }),
      await send({ op: 2, to: '-/app/c', fr: ae, rcn: 4 }),
      await send({ op: 2, to: '-/app/c', fr: ae, rcn: 5 }),
      await send({ op: 2, to: '-/app', fr: ae, rcn: 6 }),
      await send({ op: 2, to: '-/app', fr: ae, fc: { fu: 1, lim: 1 } }),
      await send({ op: 2, to: '-/app/g/fopt', fr: ae }),
      await send({ op: 2, to: '-/nothing', fr: ae }),
    ];
    for (const rsp of responses) {
      expect(() => validateResponse(rsp), JSON.stringify(rsp)).not.toThrow();
      for (const [qn, value] of Object.entries(rsp.pc ?? {})) {
        expect(() => validateResource(qn, value), `${qn}: ${JSON.stringify(value)}`).not.toThrow();
      }
    }
    const notification = sink.events(ae)[0]!;
    expect(() => validateResource('m2m:sgn', notification)).not.toThrow();
  });
});
