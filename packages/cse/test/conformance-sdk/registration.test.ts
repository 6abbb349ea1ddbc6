import { describe, expect, it } from 'vitest';
import { conOf, rscOf, sdkWorld } from './world.js';

describe('conformance through the SDK: registration', () => {
  it('keeps a requested C / S AE-ID and assigns one when the client has none', async () => {
    const { registerAe } = await sdkWorld();
    const c = await registerAe('Cmine', 'mine');
    expect(c.aei).toBe('Cmine');
    expect(c.client.originator).toBe('Cmine');
    const s = await registerAe('Sserver', 'server');
    expect(s.aei).toBe('Sserver');
    const fresh = await registerAe(undefined, 'fresh');
    expect(fresh.aei).toMatch(/^C./);
    const ae = await fresh.client.retrieve(fresh.aei);
    expect(ae.content).toMatchObject({ ri: fresh.aei, aei: fresh.aei, rn: 'fresh', ty: 2, pi: 'id-in' });
    const assignedS = await registerAe('S', 'assigned-s');
    expect(assignedS.aei).toMatch(/^S./);
    expect(assignedS.aei).not.toBe('S');
  });

  it('registers over CBOR and XML as well', async () => {
    const { registerAe } = await sdkWorld();
    for (const serialization of ['cbor', 'xml'] as const) {
      const ae = await registerAe(`C${serialization}`, serialization, {}, serialization);
      const cnt = await ae.client.create(`cse-in/${serialization}`, { 'm2m:cnt': { rn: 'data', mni: 3 } });
      expect(cnt.content).toMatchObject({ rn: 'data', mni: 3, cni: 0, ty: 3 });
      const back = await ae.client.retrieve(`cse-in/${serialization}/data`);
      expect(back.content).toMatchObject({ rn: 'data', mni: 3 });
    }
  });

  it('answers 4117 for an AE-ID already registered and 4105 for a taken name', async () => {
    const { registerAe, open } = await sdkWorld();
    await registerAe('Cdup', 'dup');
    const again = open();
    const dupId = await again.request({
      op: 1,
      to: 'cse-in',
      fr: 'Cdup',
      ty: 2,
      pc: { 'm2m:ae': { rn: 'other', api: 'Napp', rr: true, srv: ['3'] } },
    });
    expect(dupId.rsc).toBe(4117);
    expect(dupId.pc?.['m2m:dbg']).toEqual(expect.any(String));
    const taken = open();
    expect(await rscOf(taken.register({ rn: 'dup', api: 'Napp' }, { to: 'cse-in' }))).toBe(4105);
    expect(taken.originator).toBeUndefined();
  });

  it('validates api / rr / srv with 4000 and the connection stays usable', async () => {
    const { open } = await sdkWorld();
    const client = open();
    expect(await rscOf(client.register({ rn: 'a', api: 'app' }, { to: 'cse-in' }))).toBe(4000);
    const noRr = await client.request({
      op: 1,
      to: 'cse-in',
      ty: 2,
      pc: { 'm2m:ae': { rn: 'b', api: 'Napp', srv: ['3'] } },
    });
    expect(noRr.rsc).toBe(4000);
    const noSrv = await client.request({
      op: 1,
      to: 'cse-in',
      ty: 2,
      pc: { 'm2m:ae': { rn: 'c', api: 'Napp', rr: true } },
    });
    expect(noSrv.rsc).toBe(4000);
    const ok = await client.register({ rn: 'd', api: 'Rorg.example.app' }, { to: 'cse-in' });
    expect(ok.rsc).toBe(2001);
    expect(ok.content).toMatchObject({ api: 'Rorg.example.app', rr: true, srv: ['3'] });
  });

  it('rejects requests before registration with 4106 and deregisters', async () => {
    const { open, registerAe } = await sdkWorld();
    const stranger = open({ originator: 'Cnobody' });
    expect(await rscOf(stranger.retrieve('cse-in'))).toBe(4106);
    const ae = await registerAe('Cbye', 'bye');
    expect((await ae.client.deregister()).rsc).toBe(2002);
    expect((await ae.client.request({ op: 2, to: 'cse-in', fr: 'Cbye' })).rsc).toBe(4106);
  });
});

describe('conformance through the SDK: offline notifications (TS-0020 V3 6.5)', () => {
  it('stores notifications for a registered AE without a connection and delivers them in order on reconnect', async () => {
    const { registerAe, open, watch } = await sdkWorld();
    const producer = await registerAe('Cproducer', 'producer');
    const away = await registerAe('Caway', 'away');
    await producer.client.create('cse-in/producer', { 'm2m:cnt': { rn: 'data' } });
    const acp = await producer.client.create('cse-in/producer', {
      'm2m:acp': {
        pv: { acr: [{ acor: ['Caway'], acop: 2 | 32 }] },
        pvs: { acr: [{ acor: ['Cproducer'], acop: 63 }] },
      },
    });
    await producer.client.update('cse-in/producer/data', {
      'm2m:cnt': { acpi: [acp.content!.ri as string] },
    });
    // Caway subscribes itself (nu = its own AE-ID, so no verification), then goes away.
    await away.client.subscribe('cse-in/producer/data', { net: [3] });
    await away.client.close();
    for (const con of ['first', 'second'])
      await producer.client.create('cse-in/producer/data', { 'm2m:cin': { con } });

    const back = watch(open({ originator: 'Caway' }), 'Caway');
    await back.client.retrieve('Caway');
    const first = await back.next();
    const second = await back.next();
    expect([first, second].map(conOf)).toEqual(['first', 'second']);
    expect(first.request).toMatchObject({ op: 5, to: 'Caway', fr: '/id-in' });
  });
});
