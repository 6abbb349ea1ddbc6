import { describe, expect, it } from 'vitest';
import { conformanceWorld } from './world.js';

describe('conformance over raw ws frames: discovery', () => {
  it('discovers by ty / lbl / flat attribute keys, pages with lim / ofst, and honours drt and rcn 6', async () => {
    const { registerAe } = await conformanceWorld();
    const ae = await registerAe('Cdisc', 'disc');
    await ae.req({
      op: 1,
      to: 'cse-in/disc',
      ty: 3,
      pc: { 'm2m:cnt': { rn: 'kitchen', lbl: ['room:kitchen'] } },
    });
    await ae.req({
      op: 1,
      to: 'cse-in/disc',
      ty: 3,
      pc: { 'm2m:cnt': { rn: 'hall', lbl: ['room:hall'], cr: null } },
    });
    for (const con of ['1', '2', '3'])
      await ae.req({ op: 1, to: 'cse-in/disc/kitchen', ty: 4, pc: { 'm2m:cin': { con } } });

    const byType = await ae.req({ op: 2, to: 'cse-in/disc', fc: { fu: 1, ty: [3] } });
    expect(byType).toMatchObject({
      rsc: 2000,
      pc: { 'm2m:uril': ['cse-in/disc/kitchen', 'cse-in/disc/hall'] },
    });
    const byLabel = await ae.req({ op: 2, to: 'cse-in/disc', fc: { fu: 1, lbl: ['room:hall'] } });
    expect(byLabel.pc['m2m:uril']).toEqual(['cse-in/disc/hall']);
    const flat = await ae.req({ op: 2, to: 'cse-in/disc', fc: { fu: 1, cr: 'Cdisc' } });
    expect(flat.pc['m2m:uril']).toEqual(['cse-in/disc/hall']);

    const page = await ae.req({ op: 2, to: 'cse-in/disc/kitchen', fc: { fu: 1, ty: [4], lim: 2 } });
    expect(page.pc['m2m:uril']).toHaveLength(2);
    expect(page).toMatchObject({ cnst: 1, cnot: 3 });
    const rest = await ae.req({ op: 2, to: 'cse-in/disc/kitchen', fc: { fu: 1, ty: [4], lim: 2, ofst: 3 } });
    expect(rest.pc['m2m:uril']).toHaveLength(1);

    const unstructured = await ae.req({ op: 2, to: 'cse-in/disc', fc: { fu: 1, ty: [3] }, drt: 2 });
    expect(unstructured.pc['m2m:uril'].every((id: string) => !id.includes('/'))).toBe(true);
    const refs = await ae.req({ op: 2, to: 'cse-in/disc', fc: { fu: 1, lvl: 1 }, rcn: 6 });
    expect(refs.pc['m2m:rrl'].rrf).toEqual([
      { nm: 'kitchen', typ: 3, val: 'cse-in/disc/kitchen' },
      { nm: 'hall', typ: 3, val: 'cse-in/disc/hall' },
    ]);
    expect((await ae.req({ op: 2, to: 'cse-in/disc', fc: { fu: 1, nosuch: 1 } })).rsc).toBe(4000);
  });
});
