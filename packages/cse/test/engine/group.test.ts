import { describe, expect, it } from 'vitest';
import { body, setup } from './harness.js';

async function world() {
  const t = setup();
  const ae = await t.register('app');
  const a = body(await t.send({ op: 1, to: '-/app', fr: ae, ty: 3, pc: { 'm2m:cnt': { rn: 'a' } } }));
  await t.send({ op: 1, to: '-/app', fr: ae, ty: 3, pc: { 'm2m:cnt': { rn: 'b' } } });
  const group = (grp: Record<string, unknown>) =>
    t.send({ op: 1, to: '-/app', fr: ae, ty: 9, pc: { 'm2m:grp': { rn: 'g', mnm: 10, ...grp } } });
  return { ...t, ae, a, group };
}

describe('group', () => {
  it('validates members: cnm, mtv, duplicates and unknown members dropped', async () => {
    const { group, a } = await world();
    const rsp = await group({ mid: [a.ri, 'cse-in/app/b', a.ri, 'cse-in/app/missing'], mt: 3 });
    expect(rsp.rsc).toBe(2001);
    expect(body(rsp)).toMatchObject({ ty: 9, mid: [a.ri, 'cse-in/app/b'], cnm: 2, mtv: true, mt: 3, csy: 1 });
  });

  it('applies csy for members of another type and mnm', async () => {
    const { group } = await world();
    expect(body(await group({ mid: ['cse-in/app', 'cse-in/app/a'], mt: 3 })).mid).toEqual(['cse-in/app/a']);
    expect((await group({ rn: 'g2', mid: ['cse-in/app', 'cse-in/app/a'], mt: 3, csy: 2 })).rsc).toBe(4110);
    expect(body(await group({ rn: 'g3', mid: ['cse-in/app', 'cse-in/app/a'], mt: 3, csy: 3 })).mt).toBe(0);
    expect((await group({ rn: 'g4', mid: ['cse-in/app/a', 'cse-in/app/b'], mnm: 1 })).rsc).toBe(6010);
    expect((await group({ rn: 'g5', mid: ['cse-in/app/a'], mnm: 0 })).rsc).toBe(4000);
  });

  it('fans a request on fopt out to every member and aggregates m2m:agr', async () => {
    const { group, send, ae, a } = await world();
    await group({ mid: [a.ri, 'cse-in/app/b'] });
    const created = await send({
      op: 1,
      to: '-/app/g/fopt',
      fr: ae,
      ty: 4,
      pc: { 'm2m:cin': { con: 'all' } },
    });
    expect(created.rsc).toBe(2000);
    const agr = created.pc!['m2m:agr'] as { 'm2m:rsp': Record<string, any>[] };
    expect(agr['m2m:rsp'].map((r) => [r.rsc, r.fr, r.pc['m2m:cin'].con])).toEqual([
      [2001, a.ri, 'all'],
      [2001, 'cse-in/app/b', 'all'],
    ]);
    const latest = await send({ op: 2, to: '-/app/g/fopt/la', fr: ae });
    const rsps = (latest.pc!['m2m:agr'] as { 'm2m:rsp': Record<string, any>[] })['m2m:rsp'];
    expect(rsps.map((r) => r.pc['m2m:cin'].con)).toEqual(['all', 'all']);
    expect(rsps[0]).toMatchObject({ rsc: 2000, rqi: latest.rqi, to: ae });
  });

  it('applies the members access control to the fanned-out requests', async () => {
    const { group, send, register, ae, a } = await world();
    const other = await register('other');
    await group({ mid: [a.ri] });
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
    await send({ op: 3, to: '-/app/g', fr: ae, pc: { 'm2m:grp': { acpi: [acp.ri] } } });
    const rsp = await send({ op: 2, to: '-/app/g/fopt', fr: other });
    expect(rsp.rsc).toBe(2000);
    expect((rsp.pc!['m2m:agr'] as { 'm2m:rsp': { rsc: number }[] })['m2m:rsp'][0]!.rsc).toBe(4103);
    expect((await send({ op: 4, to: '-/app/g/fopt', fr: other })).rsc).toBe(4103);
  });

  it('answers 4109 for a group without members', async () => {
    const { group, send, ae } = await world();
    await group({ mid: [] });
    expect((await send({ op: 2, to: '-/app/g/fopt', fr: ae })).rsc).toBe(4109);
  });
});

describe('group members access control policies (macp)', () => {
  it('lets fan-out reach members under macp, while direct access stays denied', async () => {
    const { group, send, register, ae, a } = await world();
    const other = await register('other');
    const mk = (rn: string, acop: number) =>
      send({
        op: 1,
        to: '-/app',
        fr: ae,
        ty: 1,
        pc: {
          'm2m:acp': { rn, pv: { acr: [{ acor: [other], acop }] }, pvs: { acr: [{ acor: [ae], acop: 63 }] } },
        },
      });
    const onGroup = body(await mk('onGroup', 2));
    const onMembers = body(await mk('onMembers', 2));
    expect((await group({ mid: [a.ri], acpi: [onGroup.ri], macp: [onMembers.ri] })).rsc).toBe(2001);
    const rsp = await send({ op: 2, to: '-/app/g/fopt', fr: other });
    const member = (rsp.pc!['m2m:agr'] as { 'm2m:rsp': { rsc: number; pc: Record<string, any> }[] })[
      'm2m:rsp'
    ][0]!;
    expect(member.rsc).toBe(2000);
    expect(member.pc['m2m:cnt'].ri).toBe(a.ri);
    expect((await send({ op: 2, to: a.ri, fr: other })).rsc).toBe(4103);
    // The group policy grants only RETRIEVE: a DELETE through fopt is refused.
    const del = await send({ op: 4, to: '-/app/g/fopt', fr: other });
    expect(del.rsc).toBe(4103);
    expect((await group({ rn: 'g2', mid: [a.ri], macp: ['nope'] })).rsc).toBe(4000);
  });
});
