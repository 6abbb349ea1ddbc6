import { describe, expect, it } from 'vitest';
import { conformanceWorld } from './world.js';

describe('conformance over raw ws frames: registration', () => {
  it('assigns an AE-ID to a registration without fr and answers aei, ri and to', async () => {
    const { connect } = await conformanceWorld();
    const c = await connect();
    const rsp = await c.request({
      op: 1,
      to: 'cse-in',
      rqi: 'reg1',
      rvi: '3',
      ty: 2,
      pc: { 'm2m:ae': { rn: 'fresh', api: 'Napp', rr: false, srv: ['3'] } },
    });
    expect(rsp).toMatchObject({ rsc: 2001, rqi: 'reg1', rvi: '3', fr: '/id-in' });
    const ae = rsp.pc['m2m:ae'];
    expect(ae.aei).toMatch(/^C/);
    expect(ae).toMatchObject({ ri: ae.aei, rn: 'fresh', api: 'Napp', pi: 'id-in', ty: 2 });
    expect(rsp.to).toBe(ae.aei);
    expect(rsp.ot).toMatch(/^\d{8}T\d{6}/);
  });

  it('answers 4117 for an AE-ID already registered and 4105 for a taken name', async () => {
    const { connect, registerAe } = await conformanceWorld();
    await registerAe('Cdup', 'dup');
    const c = await connect();
    const again = await c.request({
      op: 1,
      to: 'cse-in',
      fr: 'Cdup',
      rqi: 'x1',
      rvi: '3',
      ty: 2,
      pc: { 'm2m:ae': { rn: 'other', api: 'Napp', rr: true, srv: ['3'] } },
    });
    expect(again.rsc).toBe(4117);
    expect(again.pc['m2m:dbg']).toEqual(expect.any(String));
    const name = await c.request({
      op: 1,
      to: 'cse-in',
      rqi: 'x2',
      rvi: '3',
      ty: 2,
      pc: { 'm2m:ae': { rn: 'dup', api: 'Napp', rr: true, srv: ['3'] } },
    });
    expect(name.rsc).toBe(4105);
  });

  it('validates api / rr / srv with 4000 and keeps the connection usable', async () => {
    const { connect } = await conformanceWorld();
    const c = await connect();
    const bad = await c.request({
      op: 1,
      to: 'cse-in',
      rqi: 'b1',
      rvi: '3',
      ty: 2,
      pc: { 'm2m:ae': { api: 'app', rr: true, srv: ['3'] } },
    });
    expect(bad.rsc).toBe(4000);
    const good = await c.request({
      op: 1,
      to: 'cse-in',
      rqi: 'b2',
      rvi: '3',
      ty: 2,
      pc: { 'm2m:ae': { api: 'Rorg.example.app', rr: true, srv: ['3'] } },
    });
    expect(good.rsc).toBe(2001);
  });

  it('deregisters with DELETE on the AE', async () => {
    const { registerAe } = await conformanceWorld();
    const ae = await registerAe('Cbye', 'bye');
    expect((await ae.req({ op: 4, to: 'Cbye' })).rsc).toBe(2002);
    expect((await ae.req({ op: 2, to: 'cse-in' })).rsc).toBe(4106);
  });
});
