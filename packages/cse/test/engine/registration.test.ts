import { describe, expect, it } from 'vitest';
import { createEngine, InvalidEngineOptionsError } from '../../src/engine/index.js';
import { body, dbg, RecordingSink, setup } from './harness.js';

describe('CSEBase', () => {
  it('is retrievable by a registered AE with configured CSE-ID, name and poa', async () => {
    const { send, register } = setup({ cseId: '/my-cse', cseName: 'base', poa: ['ws://h:1'] });
    const ae = await register('a1');
    const rsp = await send({ op: 2, to: 'base', fr: ae });
    expect(rsp.rsc).toBe(2000);
    const cb = rsp.pc!['m2m:cb'] as Record<string, unknown>;
    expect(cb).toMatchObject({
      ty: 5,
      ri: 'my-cse',
      rn: 'base',
      pi: '',
      csi: '/my-cse',
      poa: ['ws://h:1'],
      cst: 1,
    });
    expect(cb.srv).toContain('3');
  });

  it('rejects update and delete of the CSEBase with 4005', async () => {
    const { send, register } = setup();
    const ae = await register('a1');
    expect((await send({ op: 3, to: 'cse-in', fr: ae, pc: { 'm2m:cb': { lbl: ['x'] } } })).rsc).toBe(4005);
    expect((await send({ op: 4, to: 'cse-in', fr: ae })).rsc).toBe(4005);
  });

  it('refuses unusable options with a typed error', () => {
    const sink = new RecordingSink();
    expect(() =>
      createEngine({ cseId: 'id-in', cseName: 'cse-in', poa: [], releaseVersion: '3', sink }),
    ).toThrow(InvalidEngineOptionsError);
    expect(() =>
      createEngine({ cseId: '/id-in', cseName: 'a/b', poa: [], releaseVersion: '3', sink }),
    ).toThrow(/cseName/);
  });
});

describe('AE registration', () => {
  it('assigns a C-ID when fr is absent, empty or "C", and an S-ID for "S"', async () => {
    const { send } = setup();
    for (const fr of [undefined, '', 'C']) {
      const rsp = await send({
        op: 1,
        to: 'cse-in',
        ty: 2,
        ...(fr === undefined ? {} : { fr }),
        pc: { 'm2m:ae': { api: 'Nx', rr: false, srv: ['3'] } },
      });
      expect(rsp.rsc).toBe(2001);
      const ae = body(rsp);
      expect(ae.aei).toMatch(/^C[a-z0-9]+$/);
      expect(ae.ri).toBe(ae.aei);
      expect(rsp.to).toBe(ae.aei);
    }
    const s = await send({
      op: 1,
      to: 'cse-in',
      ty: 2,
      fr: 'S',
      pc: { 'm2m:ae': { api: 'Nx', rr: false, srv: ['3'] } },
    });
    expect(body(s).aei).toMatch(/^S/);
  });

  it('uses a requested C/S stem, also SP-relative, and answers 4117 when it is registered', async () => {
    const { send, engine } = setup();
    const first = await send({
      op: 1,
      to: 'cse-in',
      ty: 2,
      fr: '/id-in/Cmine',
      pc: { 'm2m:ae': { rn: 'x', api: 'Rapp.example', rr: true, srv: ['3'] } },
    });
    expect(first.rsc).toBe(2001);
    expect(body(first)).toMatchObject({
      aei: 'Cmine',
      ri: 'Cmine',
      rn: 'x',
      pi: 'id-in',
      api: 'Rapp.example',
      ty: 2,
    });
    expect(engine.isRegistered('Cmine')).toBe(true);
    expect(engine.isRegistered('/id-in/Cmine')).toBe(true);
    const again = await send({
      op: 1,
      to: 'cse-in',
      ty: 2,
      fr: 'Cmine',
      pc: { 'm2m:ae': { rn: 'y', api: 'Napp', rr: true, srv: ['3'] } },
    });
    expect(again.rsc).toBe(4117);
    expect(dbg(again)).toMatch(/ORIGINATOR_HAS_ALREADY_REGISTERED/);
  });

  it('answers 4105 for a resource name already taken', async () => {
    const { send, register } = setup();
    await register('same');
    const rsp = await send({
      op: 1,
      to: 'cse-in',
      ty: 2,
      pc: { 'm2m:ae': { rn: 'same', api: 'Napp', rr: true, srv: ['3'] } },
    });
    expect(rsp.rsc).toBe(4105);
  });

  it('validates api, rr and srv', async () => {
    const { send } = setup();
    const reg = (ae: Record<string, unknown>) => send({ op: 1, to: 'cse-in', ty: 2, pc: { 'm2m:ae': ae } });
    expect((await reg({ api: 'Xapp', rr: true, srv: ['3'] })).rsc).toBe(4000);
    expect((await reg({ api: 'rapp', rr: true, srv: ['3'] })).rsc).toBe(2001);
    expect((await reg({ api: 'Napp', srv: ['3'] })).rsc).toBe(4000);
    expect((await reg({ api: 'Napp', rr: true })).rsc).toBe(4000);
    expect((await reg({ api: 'Napp', rr: 'yes', srv: ['3'] })).rsc).toBe(4000);
    expect(dbg(await reg({ api: 'Napp', rr: true, srv: ['3'], aei: 'Cx' }))).toMatch(/aei/);
  });

  it('rejects originators that are not AE-IDs with 4107', async () => {
    const { send } = setup();
    const rsp = await send({
      op: 1,
      to: 'cse-in',
      ty: 2,
      fr: 'xyz',
      pc: { 'm2m:ae': { api: 'Napp', rr: true, srv: ['3'] } },
    });
    expect(rsp.rsc).toBe(4107);
  });

  it('rejects requests from unregistered originators with 4106, and deregisters on delete', async () => {
    const { send, register, engine } = setup();
    expect((await send({ op: 2, to: 'cse-in', fr: 'Cnobody' })).rsc).toBe(4106);
    const ae = await register('a1');
    expect((await send({ op: 4, to: 'cse-in/a1', fr: ae })).rsc).toBe(2002);
    expect(engine.isRegistered(ae)).toBe(false);
    expect((await send({ op: 2, to: 'cse-in', fr: ae })).rsc).toBe(4106);
  });

  it('answers malformed primitives with 4000 / 4001 and m2m:dbg, never throwing', async () => {
    const { engine, register, send } = setup();
    const ae = await register('a1');
    const bad = async (r: unknown) => engine.handle(r as never, {});
    expect((await bad(null)).rsc).toBe(4000);
    expect((await bad({ op: 9, to: 'cse-in', rqi: '1', fr: ae })).rsc).toBe(4000);
    expect((await bad({ op: 2, rqi: '1', fr: ae })).rsc).toBe(4000);
    expect((await bad({ op: 2, to: 'cse-in', fr: ae })).rsc).toBe(4000);
    expect((await send({ op: 2, to: 'cse-in', fr: ae, rvi: '9' })).rsc).toBe(4001);
    expect((await send({ op: 2, to: 'cse-in', fr: ae, ty: 3 })).rsc).toBe(4000);
    const rsp = await send({ op: 2, to: 'cse-in', fr: ae, rqet: '20000101T000000' });
    expect(rsp.rsc).toBe(4008);
    expect(rsp).toMatchObject({ rqi: expect.any(String), rvi: '3', to: ae, fr: '/id-in' });
    expect(dbg(rsp)).toMatch(/^REQUEST_TIMEOUT: /);
  });
});
