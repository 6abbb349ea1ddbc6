import { describe, expect, it } from 'vitest';
import { body, setup } from './harness.js';

describe('pollingChannel', () => {
  it('queues notifications for an AE with rr = false and hands them out on a pcu long-poll', async () => {
    const { send, register, sink } = setup();
    const ae = await register('poller', undefined, { rr: false });
    const pch = await send({ op: 1, to: '-/poller', fr: ae, ty: 15, pc: { 'm2m:pch': { rn: 'pch' } } });
    expect(pch.rsc).toBe(2001);
    expect(body(pch).ty).toBe(15);
    await send({ op: 1, to: '-/poller', fr: ae, ty: 3, pc: { 'm2m:cnt': { rn: 'data' } } });
    await send({
      op: 1,
      to: '-/poller/data',
      fr: ae,
      ty: 23,
      pc: { 'm2m:sub': { nu: [ae], enc: { net: [3] } } },
    });

    // The poll is pending before anything happens; the notification completes it.
    const poll = send({ op: 2, to: '-/poller/pch/pcu', fr: ae, rqet: 5000 });
    await send({ op: 1, to: '-/poller/data', fr: ae, ty: 4, pc: { 'm2m:cin': { con: 'polled' } } });
    const polled = await poll;
    expect(polled.rsc).toBe(2000);
    const rqp = polled.pc!['m2m:rqp'] as Record<string, any>;
    expect(rqp).toMatchObject({ op: 5, to: ae, fr: '/id-in' });
    expect(rqp.pc['m2m:sgn'].nev.rep['m2m:cin'].con).toBe('polled');
    expect(sink.deliveries).toHaveLength(0);

    // A queued request is returned at once; the AE's m2m:rsp answer on pcu is accepted.
    await send({ op: 1, to: '-/poller/data', fr: ae, ty: 4, pc: { 'm2m:cin': { con: 'queued' } } });
    const second = await send({ op: 2, to: '-/poller/pch/pcu', fr: ae });
    const queued = second.pc!['m2m:rqp'] as Record<string, any>;
    expect(queued.pc['m2m:sgn'].nev.rep['m2m:cin'].con).toBe('queued');
    const answer = await send({
      op: 5,
      to: '-/poller/pch/pcu',
      fr: ae,
      pc: { 'm2m:rsp': { rsc: 2000, rqi: queued.rqi, rvi: '3' } },
    });
    expect(answer.rsc).toBe(2000);
    expect(
      (
        await send({
          op: 5,
          to: '-/poller/pch/pcu',
          fr: ae,
          pc: { 'm2m:rsp': { rsc: 2000, rqi: 'unknown' } },
        })
      ).rsc,
    ).toBe(4004);
  });

  it('carries a verification request through the channel and waits for the answer', async () => {
    const { send, register } = setup();
    const poller = await register('poller', undefined, { rr: false });
    const owner = await register('owner');
    await send({ op: 1, to: '-/poller', fr: poller, ty: 15, pc: { 'm2m:pch': { rn: 'pch' } } });
    await send({ op: 1, to: '-/owner', fr: owner, ty: 3, pc: { 'm2m:cnt': { rn: 'data' } } });
    const subscribing = send({
      op: 1,
      to: '-/owner/data',
      fr: owner,
      ty: 23,
      pc: { 'm2m:sub': { nu: [poller] } },
    });
    const polled = await send({ op: 2, to: '-/poller/pch/pcu', fr: poller });
    const vrq = polled.pc!['m2m:rqp'] as Record<string, any>;
    expect(vrq.pc['m2m:sgn']).toMatchObject({ vrq: true, cr: owner });
    await send({
      op: 5,
      to: '-/poller/pch/pcu',
      fr: poller,
      pc: { 'm2m:rsp': { rsc: 2000, rqi: vrq.rqi, rvi: '3' } },
    });
    expect((await subscribing).rsc).toBe(2001);
  });

  it('times a poll out with 4008, lets only its AE poll, and is only allowed under an AE', async () => {
    const { send, register } = setup();
    const ae = await register('poller');
    const other = await register('other');
    await send({ op: 1, to: '-/poller', fr: ae, ty: 15, pc: { 'm2m:pch': { rn: 'pch' } } });
    expect((await send({ op: 2, to: '-/poller/pch/pcu', fr: ae, rqet: 20 })).rsc).toBe(4008);
    expect((await send({ op: 2, to: '-/poller/pch/pcu', fr: other })).rsc).toBe(4103);
    expect((await send({ op: 1, to: 'cse-in', fr: ae, ty: 15, pc: { 'm2m:pch': {} } })).rsc).toBe(4108);
  });

  it('falls back to the channel when a reachable AE cannot be reached directly', async () => {
    const { send, register, sink } = setup();
    const ae = await register('poller');
    sink.responder = () => undefined;
    await send({ op: 1, to: '-/poller', fr: ae, ty: 15, pc: { 'm2m:pch': { rn: 'pch' } } });
    await send({ op: 1, to: '-/poller', fr: ae, ty: 23, pc: { 'm2m:sub': { nu: [ae] } } });
    await send({ op: 3, to: '-/poller', fr: ae, pc: { 'm2m:ae': { lbl: ['x'] } } });
    const polled = await send({ op: 2, to: '-/poller/pch/pcu', fr: ae, rqet: 5000 });
    expect((polled.pc!['m2m:rqp'] as Record<string, any>).pc['m2m:sgn'].nev.net).toBe(1);
    expect(sink.deliveries[0]!.options?.storeIfOffline).toBe(false);
  });
});

/**
 * Gives the AE `poller` (registered with rr false) a `<pollingChannel>` and an ACP that lets
 * `senders` NOTIFY it.
 */
async function openChannel(
  send: ReturnType<typeof setup>['send'],
  poller: string,
  senders: string[],
): Promise<void> {
  await send({ op: 1, to: '-/poller', fr: poller, ty: 15, pc: { 'm2m:pch': { rn: 'pch' } } });
  const acp = body(
    await send({
      op: 1,
      to: '-/poller',
      fr: poller,
      ty: 1,
      pc: {
        'm2m:acp': {
          pv: { acr: [{ acor: senders, acop: 16 }] },
          pvs: { acr: [{ acor: [poller], acop: 63 }] },
        },
      },
    }),
  );
  await send({ op: 3, to: '-/poller', fr: poller, pc: { 'm2m:ae': { acpi: [acp.ri] } } });
}

describe('pollingChannel for AE-to-AE requests', () => {
  it('routes a NOTIFY addressed to an unreachable AE through its channel and returns its answer', async () => {
    const { send, register } = setup();
    const poller = await register('poller', undefined, { rr: false });
    const sender = await register('sender');
    await openChannel(send, poller, [sender]);
    const notifying = send({ op: 5, to: poller, fr: sender, pc: { 'm2m:sgn': { sur: 'x' } } });
    const polled = (await send({ op: 2, to: '-/poller/pch/pcu', fr: poller })).pc!['m2m:rqp'] as Record<
      string,
      any
    >;
    expect(polled).toMatchObject({ op: 5, to: poller, fr: sender });
    await send({
      op: 5,
      to: '-/poller/pch/pcu',
      fr: poller,
      pc: { 'm2m:rsp': { rsc: 2000, rqi: polled.rqi, rvi: '3' } },
    });
    expect((await notifying).rsc).toBe(2000);
  });

  it('lets a second request with the same rqi supersede the first: it ends at once, the AE sees and answers only the second', async () => {
    const { send, register } = setup();
    const poller = await register('poller', undefined, { rr: false });
    const first = await register('first');
    const second = await register('second');
    await openChannel(send, poller, [first, second]);
    // Two senders may pick the same rqi; the relayed NOTIFYs keep it.
    const notifyFirst = send({
      op: 5,
      to: poller,
      fr: first,
      rqi: 'same',
      pc: { 'm2m:sgn': { sur: 'first' } },
    });
    const notifySecond = send({
      op: 5,
      to: poller,
      fr: second,
      rqi: 'same',
      pc: { 'm2m:sgn': { sur: 'second' } },
    });
    // Not superseded, the first waited out the 10 s relay timeout where close() could not reach it.
    const soon = <T>(p: Promise<T>) =>
      Promise.race([p, new Promise<'still waiting'>((r) => setTimeout(() => r('still waiting'), 1000))]);
    expect(await soon(notifyFirst)).toMatchObject({ rsc: 5103 });
    const polled = (await send({ op: 2, to: '-/poller/pch/pcu', fr: poller, rqet: 1000 })).pc?.['m2m:rqp'];
    expect(polled).toMatchObject({ fr: second, rqi: 'same', pc: { 'm2m:sgn': { sur: 'second' } } });
    await send({
      op: 5,
      to: '-/poller/pch/pcu',
      fr: poller,
      pc: { 'm2m:rsp': { rsc: 2000, rqi: 'same', rvi: '3', pc: { 'm2m:dbg': 'for second' } } },
    });
    expect(await soon(notifySecond)).toMatchObject({ rsc: 2000, pc: { 'm2m:dbg': 'for second' } });
    expect((await send({ op: 2, to: '-/poller/pch/pcu', fr: poller, rqet: 20 })).rsc).toBe(4008);
  });
});
