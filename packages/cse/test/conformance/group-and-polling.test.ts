import { describe, expect, it } from 'vitest';
import { conformanceWorld } from './world.js';

describe('conformance over raw ws frames: group fan-out and polling channel', () => {
  it('fans a request on <group>/fopt out to the members and answers m2m:agr', async () => {
    const { registerAe } = await conformanceWorld();
    const ae = await registerAe('Cgrp', 'grp');
    for (const rn of ['a', 'b']) await ae.req({ op: 1, to: 'cse-in/grp', ty: 3, pc: { 'm2m:cnt': { rn } } });
    const grp = await ae.req({
      op: 1,
      to: 'cse-in/grp',
      ty: 9,
      pc: { 'm2m:grp': { rn: 'g', mnm: 5, mid: ['cse-in/grp/a', 'cse-in/grp/b'], mt: 3 } },
    });
    expect(grp.pc['m2m:grp']).toMatchObject({ cnm: 2, mtv: true });
    const fan = await ae.req({ op: 1, to: 'cse-in/grp/g/fopt', ty: 4, pc: { 'm2m:cin': { con: 'both' } } });
    expect(fan.rsc).toBe(2000);
    expect(fan.pc['m2m:agr']['m2m:rsp'].map((r: { rsc: number }) => r.rsc)).toEqual([2001, 2001]);
    const latest = await ae.req({ op: 2, to: 'cse-in/grp/g/fopt/la' });
    expect(
      latest.pc['m2m:agr']['m2m:rsp'].map((r: { pc: Record<string, any> }) => r.pc['m2m:cin'].con),
    ).toEqual(['both', 'both']);
  });

  it('queues notifications for an AE with rr = false in its pollingChannel and serves them on pcu', async () => {
    const { registerAe } = await conformanceWorld();
    const ae = await registerAe('Cpoll', 'poll', { rr: false });
    expect((await ae.req({ op: 1, to: 'cse-in/poll', ty: 15, pc: { 'm2m:pch': { rn: 'pch' } } })).rsc).toBe(
      2001,
    );
    await ae.req({ op: 1, to: 'cse-in/poll', ty: 3, pc: { 'm2m:cnt': { rn: 'data' } } });
    await ae.req({
      op: 1,
      to: 'cse-in/poll/data',
      ty: 23,
      pc: { 'm2m:sub': { nu: ['Cpoll'], enc: { net: [3] } } },
    });
    await ae.req({ op: 1, to: 'cse-in/poll/data', ty: 4, pc: { 'm2m:cin': { con: 'via pcu' } } });
    const polled = await ae.req({ op: 2, to: 'cse-in/poll/pch/pcu', rqet: 5000 });
    expect(polled.rsc).toBe(2000);
    const rqp = polled.pc['m2m:rqp'];
    expect(rqp).toMatchObject({ op: 5, to: 'Cpoll', fr: '/id-in' });
    expect(rqp.pc['m2m:sgn'].nev.rep['m2m:cin'].con).toBe('via pcu');
    const answer = await ae.req({
      op: 5,
      to: 'cse-in/poll/pch/pcu',
      pc: { 'm2m:rsp': { rsc: 2000, rqi: rqp.rqi, rvi: '3' } },
    });
    expect(answer.rsc).toBe(2000);
  });
});
