import { describe, expect, it } from 'vitest';
import { body, setup } from './harness.js';

async function world() {
  const t = setup();
  const owner = await t.register('owner');
  const guest = await t.register('guest');
  await t.send({ op: 1, to: '-/owner', fr: owner, ty: 3, pc: { 'm2m:cnt': { rn: 'data' } } });
  const acp = (rn: string, acr: unknown[], pvs: unknown[] = [{ acor: [owner], acop: 63 }]) =>
    t.send({
      op: 1,
      to: '-/owner',
      fr: owner,
      ty: 1,
      pc: { 'm2m:acp': { rn, pv: { acr }, pvs: { acr: pvs } } },
    });
  return { ...t, owner, guest, acp };
}

describe('access control', () => {
  it('gives the owning AE full rights and others 4103 by default', async () => {
    const { send, guest, owner } = await world();
    expect((await send({ op: 2, to: '-/owner/data', fr: owner })).rsc).toBe(2000);
    const denied = await send({ op: 2, to: '-/owner/data', fr: guest });
    expect(denied.rsc).toBe(4103);
    expect(String(denied.pc!['m2m:dbg'])).toMatch(/^ORIGINATOR_HAS_NO_PRIVILEGE/);
    expect(
      (await send({ op: 1, to: '-/owner/data', fr: guest, ty: 4, pc: { 'm2m:cin': { con: 'x' } } })).rsc,
    ).toBe(4103);
    expect((await send({ op: 4, to: '-/owner', fr: guest })).rsc).toBe(4103);
  });

  it('grants exactly the acop bits of matching acr rules through acpi', async () => {
    const { send, guest, owner, acp } = await world();
    const policy = body(await acp('readers', [{ acor: [guest], acop: 2 | 32 }]));
    expect(policy).toMatchObject({ ty: 1, pv: { acr: [{ acor: [guest], acop: 34 }] } });
    expect(
      (await send({ op: 3, to: '-/owner/data', fr: owner, pc: { 'm2m:cnt': { acpi: [policy.ri] } } })).rsc,
    ).toBe(2004);
    expect((await send({ op: 2, to: '-/owner/data', fr: guest })).rsc).toBe(2000);
    expect(
      (await send({ op: 3, to: '-/owner/data', fr: guest, pc: { 'm2m:cnt': { lbl: ['x'] } } })).rsc,
    ).toBe(4103);
    expect((await send({ op: 2, to: '-/owner', fr: guest, fc: { fu: 1 } })).rsc).toBe(4103);
    // contentInstances have no acpi: the container's policy applies to them.
    const cin = body(
      await send({ op: 1, to: '-/owner/data', fr: owner, ty: 4, pc: { 'm2m:cin': { con: 'x' } } }),
    );
    expect((await send({ op: 2, to: cin.ri, fr: guest })).rsc).toBe(2000);
    expect((await send({ op: 2, to: '-/owner/data/la', fr: guest })).rsc).toBe(2000);
  });

  it('accepts "all" and wildcards in acor, and creation rights for others', async () => {
    const { send, guest, owner, acp } = await world();
    const all = body(await acp('all', [{ acor: ['all'], acop: 1 }]));
    await send({ op: 3, to: '-/owner/data', fr: owner, pc: { 'm2m:cnt': { acpi: [all.ri] } } });
    const created = await send({
      op: 1,
      to: '-/owner/data',
      fr: guest,
      ty: 4,
      pc: { 'm2m:cin': { con: 'from guest' } },
    });
    expect(created.rsc).toBe(2001);
    // The creator owns what it created.
    expect((await send({ op: 2, to: body(created).ri, fr: guest })).rsc).toBe(2000);
    const wild = body(await acp('wild', [{ acor: ['C*'], acop: 2 }]));
    await send({ op: 3, to: '-/owner/data', fr: owner, pc: { 'm2m:cnt': { acpi: [wild.ri] } } });
    expect((await send({ op: 2, to: '-/owner/data', fr: guest })).rsc).toBe(2000);
  });

  it('guards the policy itself with pvs', async () => {
    const { send, guest, acp } = await world();
    const policy = body(await acp('p', [{ acor: [guest], acop: 63 }], [{ acor: [guest], acop: 2 }]));
    expect((await send({ op: 2, to: policy.ri, fr: guest })).rsc).toBe(2000);
    expect(
      (await send({ op: 3, to: policy.ri, fr: guest, pc: { 'm2m:acp': { pv: { acr: [] } } } })).rsc,
    ).toBe(4103);
  });

  it('validates pv / pvs and acpi references', async () => {
    const { send, owner, acp } = await world();
    expect((await acp('empty', [{ acor: [owner], acop: 2 }], [])).rsc).toBe(4000);
    expect((await acp('badop', [{ acor: [owner], acop: 64 }])).rsc).toBe(4000);
    expect((await acp('bador', [{ acor: 'x', acop: 2 }])).rsc).toBe(4000);
    expect((await acp('badctx', [{ acor: [owner], acop: 2, acco: {} }])).rsc).toBe(4000);
    expect((await acp('badtw', [{ acor: [owner], acop: 2, acco: [{ actw: ['mondays'] }] }])).rsc).toBe(4000);
    expect(
      (await send({ op: 3, to: '-/owner/data', fr: owner, pc: { 'm2m:cnt': { acpi: ['nope'] } } })).rsc,
    ).toBe(4000);
  });
});

describe('access control contexts (acco)', () => {
  it('grants inside an actw time window only, and never on IP / location contexts it cannot check', async () => {
    let clock = Date.UTC(2025, 0, 1, 9, 30, 0);
    const t = setup({ now: () => clock });
    const owner = await t.register('owner');
    const guest = await t.register('guest');
    await t.send({ op: 1, to: '-/owner', fr: owner, ty: 3, pc: { 'm2m:cnt': { rn: 'data' } } });
    const rule = (acco: unknown) => ({ acor: [guest], acop: 2, acco });
    const acp = body(
      await t.send({
        op: 1,
        to: '-/owner',
        fr: owner,
        ty: 1,
        pc: {
          'm2m:acp': {
            pv: { acr: [rule([{ actw: ['* * 8-17 * * 1-5 *'] }])] },
            pvs: { acr: [{ acor: [owner], acop: 63 }] },
          },
        },
      }),
    );
    await t.send({ op: 3, to: '-/owner/data', fr: owner, pc: { 'm2m:cnt': { acpi: [acp.ri] } } });
    expect((await t.send({ op: 2, to: '-/owner/data', fr: guest })).rsc).toBe(2000);
    clock = Date.UTC(2025, 0, 1, 20, 0, 0);
    expect((await t.send({ op: 2, to: '-/owner/data', fr: guest })).rsc).toBe(4103);
    clock = Date.UTC(2025, 0, 4, 9, 0, 0); // a Saturday
    expect((await t.send({ op: 2, to: '-/owner/data', fr: guest })).rsc).toBe(4103);
    await t.send({
      op: 3,
      to: acp.ri,
      fr: owner,
      pc: { 'm2m:acp': { pv: { acr: [rule([{ acip: { ipv4: ['127.0.0.1'] } }])] } } },
    });
    expect((await t.send({ op: 2, to: '-/owner/data', fr: guest })).rsc).toBe(4103);
  });
});

describe('child lists under access control', () => {
  it('lists only the children the originator may retrieve', async () => {
    const { send, guest, owner } = await world();
    const mine = await send({ op: 2, to: 'cse-in', fr: guest, rcn: 6 });
    expect((mine.pc!['m2m:rrl'] as { rrf: { nm: string }[] }).rrf.map((r) => r.nm)).toEqual(['guest']);
    const all = await send({ op: 2, to: 'cse-in', fr: owner, rcn: 4 });
    expect((all.pc!['m2m:cb'] as Record<string, any>)['m2m:ae'].map((a: { rn: string }) => a.rn)).toEqual([
      'owner',
    ]);
  });
});
