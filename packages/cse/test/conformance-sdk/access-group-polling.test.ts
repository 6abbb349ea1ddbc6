import { describe, expect, it } from 'vitest';
import { rscOf, sdkWorld } from './world.js';

type Agr = { 'm2m:rsp': { rsc: number; pc?: Record<string, any> }[] };

describe('conformance through the SDK: accessControlPolicy', () => {
  it('gives the creator full rights and another AE 4103 by default', async () => {
    const { registerAe } = await sdkWorld();
    const owner = await registerAe('Cowner', 'owner');
    const guest = await registerAe('Cguest', 'guest');
    await owner.client.create('cse-in/owner', { 'm2m:cnt': { rn: 'data' } });
    const cin = await owner.client.create('cse-in/owner/data', { 'm2m:cin': { con: 'x' } });
    expect((await owner.client.retrieve('cse-in/owner/data')).rsc).toBe(2000);
    expect((await owner.client.update('cse-in/owner/data', { 'm2m:cnt': { lbl: ['o'] } })).rsc).toBe(2004);
    expect(await rscOf(guest.client.retrieve('cse-in/owner/data'))).toBe(4103);
    expect(await rscOf(guest.client.retrieve(cin.content!.ri as string))).toBe(4103);
    expect(await rscOf(guest.client.update('cse-in/owner/data', { 'm2m:cnt': { lbl: ['g'] } }))).toBe(4103);
    expect(await rscOf(guest.client.create('cse-in/owner/data', { 'm2m:cin': { con: 'g' } }))).toBe(4103);
    expect(await rscOf(guest.client.delete('cse-in/owner'))).toBe(4103);
    expect(await rscOf(guest.client.discover('cse-in/owner', { ty: [3] }))).toBe(4103);
    const denied = await guest.client.request({ op: 2, to: 'cse-in/owner/data' });
    expect(denied.pc?.['m2m:dbg']).toEqual(expect.any(String));
  });

  it('grants exactly the acop bits of the pv rules, and pvs guards the policy itself', async () => {
    const { registerAe } = await sdkWorld();
    const owner = await registerAe('Cown', 'own');
    const guest = await registerAe('Cgst', 'gst');
    await owner.client.create('cse-in/own', { 'm2m:cnt': { rn: 'data' } });
    await owner.client.create('cse-in/own/data', { 'm2m:cin': { con: 'readable' } });
    const acp = await owner.client.create('cse-in/own', {
      'm2m:acp': {
        rn: 'acp',
        pv: { acr: [{ acor: ['Cgst'], acop: 2 | 32 }] },
        pvs: { acr: [{ acor: ['Cown'], acop: 63 }] },
      },
    });
    expect(acp.content).toMatchObject({ ty: 1, pv: { acr: [{ acor: ['Cgst'], acop: 34 }] } });
    const acpi = acp.content!.ri as string;
    await owner.client.update('cse-in/own/data', { 'm2m:cnt': { acpi: [acpi] } });

    expect((await guest.client.retrieve('cse-in/own/data')).rsc).toBe(2000);
    expect((await guest.client.retrieve<{ con: string }>('cse-in/own/data/la')).content?.con).toBe(
      'readable',
    );
    expect((await guest.client.discover('cse-in/own/data', { ty: [4] })).uris).toHaveLength(1);
    expect(await rscOf(guest.client.update('cse-in/own/data', { 'm2m:cnt': { lbl: ['g'] } }))).toBe(4103);
    expect(await rscOf(guest.client.create('cse-in/own/data', { 'm2m:cin': { con: 'g' } }))).toBe(4103);
    expect(await rscOf(guest.client.delete('cse-in/own/data'))).toBe(4103);
    // pvs names only the owner: the guest can neither read nor change the policy.
    expect(await rscOf(guest.client.retrieve(acpi))).toBe(4103);
    expect(
      await rscOf(guest.client.update(acpi, { 'm2m:acp': { pv: { acr: [{ acor: ['Cgst'], acop: 63 }] } } })),
    ).toBe(4103);

    // The owner widens the rule to create | retrieve | update (1 | 2 | 4).
    await owner.client.update(acpi, { 'm2m:acp': { pv: { acr: [{ acor: ['Cgst'], acop: 7 }] } } });
    expect(
      (await guest.client.update('cse-in/own/data', { 'm2m:cnt': { lbl: ['g'] } })).content?.lbl,
    ).toEqual(['g']);
    expect((await guest.client.create('cse-in/own/data', { 'm2m:cin': { con: 'g' } })).rsc).toBe(2001);
    expect(await rscOf(guest.client.delete('cse-in/own/data'))).toBe(4103);
    expect(await rscOf(guest.client.discover('cse-in/own/data', { ty: [4] }))).toBe(4103);
  });

  it('refuses an invalid acop with 4000', async () => {
    const { registerAe } = await sdkWorld();
    const { client } = await registerAe('Cbadacp', 'badacp');
    expect(
      await rscOf(
        client.create('cse-in/badacp', {
          'm2m:acp': {
            pv: { acr: [{ acor: ['Cbadacp'], acop: 64 }] },
            pvs: { acr: [{ acor: ['Cbadacp'], acop: 63 }] },
          },
        }),
      ),
    ).toBe(4000);
  });
});

describe('conformance through the SDK: group fan-out', () => {
  it('fans create and retrieve on fopt out to the members and answers m2m:agr', async () => {
    const { registerAe } = await sdkWorld();
    const { client } = await registerAe('Cgrp', 'grp');
    const a = await client.create('cse-in/grp', { 'm2m:cnt': { rn: 'a' } });
    await client.create('cse-in/grp', { 'm2m:cnt': { rn: 'b' } });
    const grp = await client.create('cse-in/grp', {
      'm2m:grp': { rn: 'g', mnm: 5, mid: [a.content!.ri as string, 'cse-in/grp/b'], mt: 3 },
    });
    expect(grp.content).toMatchObject({ ty: 9, cnm: 2, mtv: true, mt: 3 });
    const fan = await client.create<Record<string, any>>('cse-in/grp/g/fopt', { 'm2m:cin': { con: 'both' } });
    expect(fan.rsc).toBe(2000);
    expect(fan.contentType).toBe('m2m:agr');
    const created = (fan.content as unknown as Agr)['m2m:rsp'];
    expect(created.map((r) => r.rsc)).toEqual([2001, 2001]);
    const latest = await client.retrieve<Agr>('cse-in/grp/g/fopt/la');
    expect(latest.content?.['m2m:rsp'].map((r) => r.pc?.['m2m:cin'].con)).toEqual(['both', 'both']);
    expect((await client.retrieve('cse-in/grp/a')).content?.cni).toBe(1);
    const updated = await client.update<Record<string, any>>('cse-in/grp/g/fopt', {
      'm2m:cnt': { lbl: ['fan'] },
    });
    expect((updated.content as unknown as Agr)['m2m:rsp'].map((r) => [r.rsc, r.pc?.['m2m:cnt'].lbl])).toEqual(
      [
        [2004, ['fan']],
        [2004, ['fan']],
      ],
    );
  });

  it('applies each member access control to the fanned-out requests', async () => {
    const { registerAe } = await sdkWorld();
    const owner = await registerAe('Cgown', 'gown');
    const guest = await registerAe('Cgguest', 'gguest');
    await owner.client.create('cse-in/gown', { 'm2m:cnt': { rn: 'a' } });
    await owner.client.create('cse-in/gown', { 'm2m:grp': { rn: 'g', mnm: 2, mid: ['cse-in/gown/a'] } });
    const acp = await owner.client.create('cse-in/gown', {
      'm2m:acp': {
        pv: { acr: [{ acor: ['Cgguest'], acop: 2 }] },
        pvs: { acr: [{ acor: ['Cgown'], acop: 63 }] },
      },
    });
    await owner.client.update('cse-in/gown/g', { 'm2m:grp': { acpi: [acp.content!.ri as string] } });
    const fan = await guest.client.retrieve<Agr>('cse-in/gown/g/fopt');
    expect(fan.content?.['m2m:rsp'].map((r) => r.rsc)).toEqual([4103]);
    expect(await rscOf(guest.client.delete('cse-in/gown/g/fopt'))).toBe(4103);
  });
});

describe('conformance through the SDK: pollingChannel', () => {
  it('queues notifications for an AE with rr = false and serves them on a pcu long-poll', async () => {
    const { registerAe } = await sdkWorld();
    const ae = await registerAe('Cpoll', 'poll', { rr: false });
    const { client } = ae;
    const pch = await client.create('cse-in/poll', { 'm2m:pch': { rn: 'pch' } });
    expect(pch.content).toMatchObject({ ty: 15, rn: 'pch' });
    await client.create('cse-in/poll', { 'm2m:cnt': { rn: 'data' } });
    await client.subscribe('cse-in/poll/data', { net: [3] });

    // The poll is pending before the event happens; the notification completes it.
    const poll = client.retrieve('cse-in/poll/pch/pcu', { rqet: 5000 });
    await client.create('cse-in/poll/data', { 'm2m:cin': { con: 'polled' } });
    const polled = await poll;
    expect(polled.rsc).toBe(2000);
    expect(polled.contentType).toBe('m2m:rqp');
    const rqp = polled.content as Record<string, any>;
    expect(rqp).toMatchObject({ op: 5, to: 'Cpoll', fr: '/id-in' });
    expect(rqp.pc['m2m:sgn'].nev).toMatchObject({ net: 3, rep: { 'm2m:cin': { con: 'polled' } } });
    // Nothing came over the WebSocket connection.
    expect(ae.notifications).toHaveLength(0);

    // A request queued before the poll is returned at once; the m2m:rsp answer on pcu is accepted.
    await client.create('cse-in/poll/data', { 'm2m:cin': { con: 'queued' } });
    const second = await client.retrieve<Record<string, any>>('cse-in/poll/pch/pcu', { rqet: 5000 });
    expect(second.content?.pc['m2m:sgn'].nev.rep['m2m:cin'].con).toBe('queued');
    const answer = await client.notify('cse-in/poll/pch/pcu', {
      'm2m:rsp': { rsc: 2000, rqi: second.content?.rqi, rvi: '3' },
    });
    expect(answer.rsc).toBe(2000);
    expect(
      await rscOf(
        client.notify('cse-in/poll/pch/pcu', { 'm2m:rsp': { rsc: 2000, rqi: 'unknown', rvi: '3' } }),
      ),
    ).toBe(4004);
  });

  it('lets only its AE poll', async () => {
    const { registerAe } = await sdkWorld();
    const owner = await registerAe('Cpch', 'pch', { rr: false });
    const other = await registerAe('Cother', 'other');
    await owner.client.create('cse-in/pch', { 'm2m:pch': { rn: 'pch' } });
    expect(await rscOf(other.client.retrieve('cse-in/pch/pch/pcu', { rqet: 5000 }))).toBe(4103);
  });
});
