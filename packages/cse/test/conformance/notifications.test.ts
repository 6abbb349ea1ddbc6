import { describe, expect, it } from 'vitest';
import { conformanceWorld } from './world.js';

describe('conformance over raw ws frames: notifications', () => {
  it('delivers a notification for nu = own AE-ID over the AE connection, without verification', async () => {
    const { registerAe } = await conformanceWorld();
    const ae = await registerAe('Cself', 'self');
    ae.connection.autoAnswer = 2000;
    await ae.req({ op: 1, to: 'cse-in/self', ty: 3, pc: { 'm2m:cnt': { rn: 'data' } } });
    const sub = await ae.req({
      op: 1,
      to: 'cse-in/self/data',
      ty: 23,
      pc: { 'm2m:sub': { rn: 'sub', nu: ['Cself'], enc: { net: [3] } } },
    });
    expect(sub.rsc).toBe(2001);
    const notification = ae.connection.nextRequest();
    await ae.req({ op: 1, to: 'cse-in/self/data', ty: 4, pc: { 'm2m:cin': { con: '21.5' } } });
    const n = await notification;
    expect(n).toMatchObject({ op: 5, to: 'Cself', fr: '/id-in', rvi: '3' });
    expect(n.pc['m2m:sgn']).toMatchObject({
      nev: { net: 3, rep: { 'm2m:cin': { con: '21.5' } } },
      sur: `/id-in/${sub.pc['m2m:sub'].ri}`,
    });
    expect(n.pc['m2m:sgn'].vrq).toBeUndefined();
  });

  it('verifies a subscription for another AE over its connection; refusal fails the create with 5204', async () => {
    const { registerAe } = await conformanceWorld();
    const producer = await registerAe('Cprod', 'prod');
    const receiver = await registerAe('Crecv', 'recv');
    await producer.req({ op: 1, to: 'cse-in/prod', ty: 3, pc: { 'm2m:cnt': { rn: 'data' } } });
    receiver.connection.autoAnswer = 4103;
    const refused = await producer.req({
      op: 1,
      to: 'cse-in/prod/data',
      ty: 23,
      pc: { 'm2m:sub': { nu: ['Crecv'] } },
    });
    expect(refused.rsc).toBe(5204);
    const vrq = await receiver.connection.nextRequest();
    expect(vrq.pc['m2m:sgn']).toMatchObject({ vrq: true, cr: 'Cprod' });
    receiver.connection.autoAnswer = 2000;
    const accepted = await producer.req({
      op: 1,
      to: 'cse-in/prod/data',
      ty: 23,
      pc: { 'm2m:sub': { nu: ['Crecv'], enc: { net: [1] } } },
    });
    expect(accepted.rsc).toBe(2001);
    await receiver.connection.nextRequest();
    const update = receiver.connection.nextRequest();
    await producer.req({ op: 3, to: 'cse-in/prod/data', pc: { 'm2m:cnt': { lbl: ['changed'] } } });
    expect((await update).pc['m2m:sgn'].nev).toMatchObject({
      net: 1,
      rep: { 'm2m:cnt': { lbl: ['changed'] } },
    });
  });

  it('sends the deletion notification (sud) when the subscribed resource is deleted', async () => {
    const { registerAe } = await conformanceWorld();
    const ae = await registerAe('Csud', 'sud');
    ae.connection.autoAnswer = 2000;
    await ae.req({ op: 1, to: 'cse-in/sud', ty: 3, pc: { 'm2m:cnt': { rn: 'data' } } });
    await ae.req({
      op: 1,
      to: 'cse-in/sud/data',
      ty: 23,
      pc: { 'm2m:sub': { nu: ['Csud'], enc: { net: [2] }, su: 'Csud' } },
    });
    await ae.req({ op: 4, to: 'cse-in/sud/data' });
    const deleted = await ae.connection.nextRequest();
    expect(deleted.pc['m2m:sgn'].nev.net).toBe(2);
    const sud = await ae.connection.nextRequest();
    expect(sud.pc['m2m:sgn'].sud).toBe(true);
  });

  it('notifies the result of a non-blocking asynch request as m2m:rsp', async () => {
    const { registerAe } = await conformanceWorld();
    const ae = await registerAe('Casync', 'async');
    ae.connection.autoAnswer = 2000;
    const result = ae.connection.nextRequest();
    const ack = await ae.req({ op: 2, to: 'cse-in/async', rt: { rtv: 2 } });
    expect(ack.rsc).toBe(1002);
    const n = await result;
    expect(n.pc['m2m:rsp']).toMatchObject({ rsc: 2000, rqi: ack.rqi });
    expect(n.pc['m2m:rsp'].pc['m2m:ae'].rn).toBe('async');
  });
});
