import { describe, expect, it } from 'vitest';
import { formatTimestamp } from '../../src/engine/time.js';
import { body, setup } from './harness.js';

describe('engine lifecycle and AE-to-AE requests', () => {
  it('ends pending long-polls with 4008 on close()', async () => {
    const { send, register, engine } = setup();
    const ae = await register('app');
    await send({ op: 1, to: '-/app', fr: ae, ty: 15, pc: { 'm2m:pch': { rn: 'pch' } } });
    const poll = send({ op: 2, to: '-/app/pch/pcu', fr: ae, rqet: 60_000 });
    engine.close();
    expect((await poll).rsc).toBe(4008);
  });

  it('deregisters an AE whose et passes', async () => {
    const { register, engine } = setup();
    const ae = await register('brief', undefined, { et: formatTimestamp(Date.now() + 2000) });
    expect(engine.isRegistered(ae)).toBe(true);
    for (let i = 0; i < 100 && engine.isRegistered(ae); i++) await new Promise((r) => setTimeout(r, 50));
    expect(engine.isRegistered(ae)).toBe(false);
  });

  it('forwards a NOTIFY addressed to an AE through the sink, with the NOTIFY privilege', async () => {
    const { send, register, sink } = setup();
    const target = await register('target');
    const sender = await register('sender');
    expect(
      (await send({ op: 5, to: 'cse-in/target', fr: sender, pc: { 'm2m:sgn': { sur: 'x' } } })).rsc,
    ).toBe(4103);
    const acp = body(
      await send({
        op: 1,
        to: '-/target',
        fr: target,
        ty: 1,
        pc: {
          'm2m:acp': {
            pv: { acr: [{ acor: [sender], acop: 16 }] },
            pvs: { acr: [{ acor: [target], acop: 63 }] },
          },
        },
      }),
    );
    await send({ op: 3, to: '-/target', fr: target, pc: { 'm2m:ae': { acpi: [acp.ri] } } });
    sink.responder = (_t, r) => ({ rsc: 2000, rqi: r.rqi, rvi: '3', pc: { 'm2m:dbg': 'thanks' } });
    const rsp = await send({ op: 5, to: 'cse-in/target', fr: sender, pc: { 'm2m:sgn': { sur: 'x' } } });
    expect(rsp).toMatchObject({ rsc: 2000, pc: { 'm2m:dbg': 'thanks' } });
    expect(sink.deliveries[0]).toMatchObject({ target, request: { op: 5, to: target, fr: sender } });
    sink.responder = () => undefined;
    expect((await send({ op: 5, to: target, fr: sender, pc: { 'm2m:sgn': { sur: 'x' } } })).rsc).toBe(5103);
    expect((await send({ op: 5, to: 'cse-in', fr: sender, pc: { 'm2m:sgn': { sur: 'x' } } })).rsc).toBe(4005);
  });

  it('verifies only entries added by a subscription update', async () => {
    const { send, register, sink } = setup();
    const ae = await register('app');
    const other = await register('other');
    await send({ op: 1, to: '-/app', fr: ae, ty: 23, pc: { 'm2m:sub': { rn: 's', nu: ['cse-in/app'] } } });
    expect(sink.deliveries).toHaveLength(0);
    const rsp = await send({
      op: 3,
      to: '-/app/s',
      fr: ae,
      pc: { 'm2m:sub': { nu: ['cse-in/app', other] } },
    });
    expect(rsp.rsc).toBe(2004);
    expect(
      sink.deliveries.map((d) => [d.target, (d.request.pc!['m2m:sgn'] as { vrq?: boolean }).vrq]),
    ).toEqual([[other, true]]);
    sink.responder = () => undefined;
    expect(
      (await send({ op: 3, to: '-/app/s', fr: ae, pc: { 'm2m:sub': { nu: ['ws://127.0.0.1:9/x'] } } })).rsc,
    ).toBe(5204);
    expect(body(await send({ op: 2, to: '-/app/s', fr: ae })).nu).toEqual(['cse-in/app', other]);
  });
});

describe('an engine reused after close()', () => {
  it('keeps polling channels and resumes expirations on the next request', async () => {
    const { send, register, engine } = setup();
    const ae = await register('app', undefined, { rr: false });
    await send({ op: 1, to: '-/app', fr: ae, ty: 15, pc: { 'm2m:pch': { rn: 'pch' } } });
    await send({ op: 1, to: '-/app', fr: ae, ty: 23, pc: { 'm2m:sub': { nu: [ae], enc: { net: [3] } } } });
    await send({
      op: 1,
      to: '-/app',
      fr: ae,
      ty: 3,
      pc: { 'm2m:cnt': { rn: 'brief', et: formatTimestamp(Date.now() + 2000) } },
    });
    engine.close();
    await new Promise((r) => setTimeout(r, 2200));
    // Nothing expired while closed; the first request afterwards resumes the timer.
    const queued = await send({ op: 2, to: '-/app/pch/pcu', fr: ae, rqet: 5000 });
    expect((queued.pc!['m2m:rqp'] as Record<string, any>).pc['m2m:sgn'].nev.rep['m2m:cnt'].rn).toBe('brief');
    for (let i = 0; i < 100; i++) {
      if ((await send({ op: 2, to: '-/app/brief', fr: ae })).rsc === 4004) return;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error('the expired container was not removed after the engine resumed');
  });
});
