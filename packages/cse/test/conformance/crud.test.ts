import { describe, expect, it } from 'vitest';
import { conformanceWorld } from './world.js';

describe('conformance over raw ws frames: CRUD', () => {
  it('creates, retrieves, updates and deletes a container and its contentInstances', async () => {
    const { registerAe } = await conformanceWorld();
    const ae = await registerAe('Ccrud', 'crud');
    const cnt = await ae.req({ op: 1, to: 'cse-in/crud', ty: 3, pc: { 'm2m:cnt': { rn: 'data', mni: 2 } } });
    expect(cnt.rsc).toBe(2001);
    expect(cnt.pc['m2m:cnt']).toMatchObject({ rn: 'data', ty: 3, pi: 'Ccrud', cni: 0, mni: 2 });
    for (const con of ['a', 'b', 'c']) {
      expect(
        (
          await ae.req({
            op: 1,
            to: '/id-in/cse-in/crud/data',
            ty: 4,
            pc: { 'm2m:cin': { con, cnf: 'text/plain:0' } },
          })
        ).rsc,
      ).toBe(2001);
    }
    const la = await ae.req({ op: 2, to: '-/crud/data/la' });
    expect(la.pc['m2m:cin']).toMatchObject({ con: 'c', cs: 1 });
    const ol = await ae.req({ op: 2, to: `${cnt.pc['m2m:cnt'].ri}/ol` });
    expect(ol.pc['m2m:cin'].con).toBe('b');
    const up = await ae.req({ op: 3, to: 'cse-in/crud/data', pc: { 'm2m:cnt': { lbl: ['x'], mni: null } } });
    expect(up.rsc).toBe(2004);
    expect(up.pc['m2m:cnt'].lbl).toEqual(['x']);
    expect(up.pc['m2m:cnt'].mni).toBeUndefined();
    expect((await ae.req({ op: 3, to: la.pc['m2m:cin'].ri, pc: { 'm2m:cin': { con: 'z' } } })).rsc).toBe(
      4005,
    );
    const children = await ae.req({ op: 2, to: 'cse-in/crud/data', rcn: 4 });
    expect(children.pc['m2m:cnt']['m2m:cin'].map((c: { con: string }) => c.con)).toEqual(['b', 'c']);
    expect((await ae.req({ op: 4, to: 'cse-in/crud/data' })).rsc).toBe(2002);
    expect((await ae.req({ op: 2, to: 'cse-in/crud/data' })).rsc).toBe(4004);
  });

  it('denies another AE with 4103 until an accessControlPolicy grants it', async () => {
    const { registerAe } = await conformanceWorld();
    const owner = await registerAe('Cowner', 'owner');
    const guest = await registerAe('Cguest', 'guest');
    await owner.req({ op: 1, to: 'cse-in/owner', ty: 3, pc: { 'm2m:cnt': { rn: 'data' } } });
    expect((await guest.req({ op: 2, to: 'cse-in/owner/data' })).rsc).toBe(4103);
    const acp = await owner.req({
      op: 1,
      to: 'cse-in/owner',
      ty: 1,
      pc: {
        'm2m:acp': {
          rn: 'acp',
          pv: { acr: [{ acor: ['Cguest'], acop: 2 }] },
          pvs: { acr: [{ acor: ['Cowner'], acop: 63 }] },
        },
      },
    });
    expect(acp.rsc).toBe(2001);
    await owner.req({ op: 3, to: 'cse-in/owner/data', pc: { 'm2m:cnt': { acpi: [acp.pc['m2m:acp'].ri] } } });
    expect((await guest.req({ op: 2, to: 'cse-in/owner/data' })).rsc).toBe(2000);
    expect((await guest.req({ op: 4, to: 'cse-in/owner/data' })).rsc).toBe(4103);
  });

  it('answers a non-blocking synch request with 1001 and a retrievable <request>', async () => {
    const { registerAe } = await conformanceWorld();
    const ae = await registerAe('Cnb', 'nb');
    const ack = await ae.req({
      op: 1,
      to: 'cse-in/nb',
      ty: 3,
      rt: { rtv: 1 },
      pc: { 'm2m:cnt': { rn: 'later' } },
    });
    expect(ack.rsc).toBe(1001);
    let req: Record<string, any> = {};
    for (let i = 0; i < 100 && req.rs !== 1; i++) {
      req = (await ae.req({ op: 2, to: ack.pc['m2m:uri'] })).pc['m2m:req'];
    }
    expect(req).toMatchObject({ rs: 1, ors: { rsc: 2001 } });
  });
});
