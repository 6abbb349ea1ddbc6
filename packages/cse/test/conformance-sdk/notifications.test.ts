import { describe, expect, it } from 'vitest';
import { conOf, rscOf, sdkWorld } from './world.js';

describe('conformance through the SDK: subscription and notification', () => {
  it('notifies net 1 (update), 3 (create child), 4 (delete child) and 2 (delete) to the subscriber', async () => {
    const { registerAe } = await sdkWorld();
    const ae = await registerAe('Cnet', 'net');
    const { client } = ae;
    await client.create('cse-in/net', { 'm2m:cnt': { rn: 'data' } });
    const sub = await client.subscribe('cse-in/net/data', { rn: 'all', net: [1, 2, 3, 4] });
    expect(sub.resource).toMatchObject({
      ty: 23,
      nu: ['Cnet'],
      nct: 1,
      cr: 'Cnet',
      enc: { net: [1, 2, 3, 4] },
    });
    const sur = `/id-in/${sub.id}`;
    await client.update('cse-in/net/data', { 'm2m:cnt': { lbl: ['u'] } });
    const child = await client.create('cse-in/net/data', { 'm2m:cin': { con: '21.5' } });
    await client.delete(child.content!.ri as string);
    await client.delete('cse-in/net/data');
    const events = [];
    for (let i = 0; i < 4; i++)
      events.push(await ae.next((n) => n.subscriptionReference === sur && n.kind === 'event'));
    expect(events.map((n) => n.notification.nev?.net)).toEqual([1, 3, 4, 2]);
    expect(events[0]!.representation).toMatchObject({ 'm2m:cnt': { rn: 'data', lbl: ['u'] } });
    expect(events[1]!.representation).toMatchObject({ 'm2m:cin': { con: '21.5', ty: 4 } });
    expect(events[2]!.representation).toMatchObject({ 'm2m:cin': { ri: child.content!.ri } });
    expect(events[3]!.representation).toMatchObject({ 'm2m:cnt': { rn: 'data' } });
    expect(events[0]!.request).toMatchObject({ op: 5, to: 'Cnet', fr: '/id-in', rvi: '3' });
    expect(events[0]!.notification).toMatchObject({ sur, cr: 'Cnet' });
    expect(events.every((n) => n.notification.vrq === undefined)).toBe(true);
  });

  it('delivers notifications over CBOR and XML connections', async () => {
    const { registerAe } = await sdkWorld();
    for (const serialization of ['cbor', 'xml'] as const) {
      const aei = `C${serialization}n`;
      const ae = await registerAe(aei, `${serialization}n`, {}, serialization);
      await ae.client.create(`cse-in/${serialization}n`, { 'm2m:cnt': { rn: 'data' } });
      const sub = await ae.client.subscribe(`cse-in/${serialization}n/data`, { net: [3] });
      await ae.client.create(`cse-in/${serialization}n/data`, { 'm2m:cin': { con: `via ${serialization}` } });
      const n = await ae.next();
      expect(n.kind, serialization).toBe('event');
      expect(n.notification.nev?.net, serialization).toBe(3);
      expect(conOf(n), serialization).toBe(`via ${serialization}`);
      expect(n.subscriptionReference, serialization).toBe(`/id-in/${sub.id}`);
      const found = await ae.client.discover(`cse-in/${serialization}n/data`, { ty: [4] });
      expect(found.uris, serialization).toHaveLength(1);
    }
  });

  it('delivers to the subscription handle (listener and async iteration)', async () => {
    const { registerAe } = await sdkWorld();
    const { client } = await registerAe('Citer', 'iter');
    await client.create('cse-in/iter', { 'm2m:cnt': { rn: 'data' } });
    const sub = await client.subscribe('cse-in/iter/data', { net: [3] });
    const seen: unknown[] = [];
    sub.on('notification', (n) => seen.push(n.representation));
    await client.create('cse-in/iter/data', { 'm2m:cin': { con: 'one' } });
    const iterator = sub[Symbol.asyncIterator]();
    const first = await iterator.next();
    expect(first.value?.representation).toMatchObject({ 'm2m:cin': { con: 'one' } });
    expect(seen).toHaveLength(1);
    await sub.unsubscribe();
    expect(sub.endReason).toBe('unsubscribed');
    expect(await rscOf(client.retrieve(sub.id))).toBe(4004);
  });

  it('filters net 3 / 4 by chty and sends nct 3 as m2m:uri', async () => {
    const { registerAe } = await sdkWorld();
    const ae = await registerAe('Cchty', 'chty');
    const { client } = ae;
    await client.create('cse-in/chty', { 'm2m:cnt': { rn: 'data' } });
    await client.subscribe('cse-in/chty/data', { net: [3, 4], enc: { chty: [3] }, nct: 3 });
    await client.create('cse-in/chty/data', { 'm2m:cin': { con: 'ignored' } });
    const child = await client.create('cse-in/chty/data', { 'm2m:cnt': { rn: 'sub' } });
    await client.delete('cse-in/chty/data/sub');
    const created = await ae.next();
    const deleted = await ae.next();
    expect(created.notification.nev).toEqual({ net: 3, rep: { 'm2m:uri': child.content!.ri } });
    expect(deleted.notification.nev?.net).toBe(4);
    expect(ae.notifications).toHaveLength(2);
  });

  it('honours atr with nct 2 (modified attributes) and nct 1 (all attributes)', async () => {
    const { registerAe } = await sdkWorld();
    const ae = await registerAe('Catr', 'atr');
    const { client } = ae;
    await client.create('cse-in/atr', { 'm2m:cnt': { rn: 'data' } });
    const modified = await client.subscribe('cse-in/atr/data', {
      rn: 'modified',
      enc: { atr: ['lbl'] },
      nct: 2,
    });
    const all = await client.subscribe('cse-in/atr/data', { rn: 'all', net: [1], nct: 1 });
    await client.update('cse-in/atr/data', { 'm2m:cnt': { mni: 3 } });
    await client.update('cse-in/atr/data', { 'm2m:cnt': { lbl: ['a'] } });
    const first = await ae.next((n) => n.subscriptionReference === `/id-in/${all.id}`);
    expect(first.representation).toMatchObject({ 'm2m:cnt': { rn: 'data', mni: 3, ty: 3 } });
    const onLbl = await ae.next((n) => n.subscriptionReference === `/id-in/${modified.id}`);
    const rep = onLbl.representation?.['m2m:cnt'] as Record<string, unknown>;
    expect(rep.lbl).toEqual(['a']);
    expect(rep.mni).toBeUndefined();
    expect(rep.rn).toBeUndefined();
    await ae.next((n) => n.subscriptionReference === `/id-in/${all.id}`);
    // The mni update did not match atr: the filtered subscription saw only the lbl change.
    expect(ae.notifications.filter((n) => n.subscriptionReference === `/id-in/${modified.id}`)).toHaveLength(
      1,
    );
  });

  it('deletes the subscription after exc notifications and tells su (sud)', async () => {
    const { registerAe } = await sdkWorld();
    const ae = await registerAe('Cexc', 'exc');
    const { client } = ae;
    await client.create('cse-in/exc', { 'm2m:cnt': { rn: 'data' } });
    const sub = await client.subscribe('cse-in/exc/data', { net: [3], exc: 2, su: 'Cexc' });
    for (const con of ['1', '2', '3']) await client.create('cse-in/exc/data', { 'm2m:cin': { con } });
    const sud = await ae.next((n) => n.kind === 'deletion');
    expect(sud.notification).toMatchObject({ sud: true, sur: `/id-in/${sub.id}` });
    const events = ae.notifications.filter((n) => n.kind === 'event');
    expect(events.map(conOf)).toEqual(['1', '2']);
    expect(await rscOf(client.retrieve(sub.id))).toBe(4004);
  });

  it('sends sud to su only, not to nu', async () => {
    const { registerAe } = await sdkWorld();
    const owner = await registerAe('Csudo', 'sudo');
    const told = await registerAe('Csudt', 'sudt');
    await owner.client.create('cse-in/sudo', { 'm2m:cnt': { rn: 'data' } });
    const quiet = await owner.client.subscribe('cse-in/sudo/data', { rn: 'quiet', net: [3] });
    await owner.client.delete(quiet.id);
    const loud = await owner.client.subscribe('cse-in/sudo/data', { rn: 'loud', net: [3], su: 'Csudt' });
    await owner.client.delete(loud.id);
    const sud = await told.next((n) => n.kind === 'deletion');
    expect(sud.notification).toMatchObject({ sud: true, sur: `/id-in/${loud.id}`, cr: 'Csudo' });
    expect(owner.notifications.filter((n) => n.kind === 'deletion')).toHaveLength(0);
  });

  it('verifies nu = another AE over that AE client; refusal fails the create with 5204', async () => {
    const { registerAe } = await sdkWorld();
    const producer = await registerAe('Cprod', 'prod');
    const receiver = await registerAe('Crecv', 'recv');
    await producer.client.create('cse-in/prod', { 'm2m:cnt': { rn: 'data' } });
    const refuse = receiver.client.on('notification', (n) => {
      if (n.kind === 'verification') n.respond(4103);
    });
    const refused = await producer.client.request({
      op: 1,
      to: 'cse-in/prod/data',
      ty: 23,
      pc: { 'm2m:sub': { rn: 'v', nu: ['Crecv'], enc: { net: [3] } } },
    });
    expect(refused.rsc).toBe(5204);
    const vrq = await receiver.next((n) => n.kind === 'verification');
    expect(vrq.notification).toMatchObject({ vrq: true, cr: 'Cprod' });
    expect(vrq.request).toMatchObject({ op: 5, to: 'Crecv', fr: '/id-in' });
    expect(await rscOf(producer.client.retrieve('cse-in/prod/data/v'))).toBe(4004);
    refuse();

    const accepted = await producer.client.create('cse-in/prod/data', {
      'm2m:sub': { rn: 'v', nu: ['Crecv'], enc: { net: [3] } },
    });
    expect(accepted.rsc).toBe(2001);
    const second = await receiver.next((n) => n.kind === 'verification');
    expect(second.status).toBe(2000);
    await producer.client.create('cse-in/prod/data', { 'm2m:cin': { con: 'for you' } });
    const event = await receiver.next((n) => n.kind === 'event');
    expect(event.representation).toMatchObject({ 'm2m:cin': { con: 'for you' } });
    expect(event.notification.sur).toBe(`/id-in/${accepted.content!.ri}`);
    expect(producer.notifications).toHaveLength(0);
  });

  it('batches notifications per bn.num into one Notify (m2m:agn)', async () => {
    const { registerAe } = await sdkWorld();
    const ae = await registerAe('Cbn', 'bn');
    const { client } = ae;
    await client.create('cse-in/bn', { 'm2m:cnt': { rn: 'data' } });
    await client.subscribe('cse-in/bn/data', { net: [3], bn: { num: 2 } });
    for (const con of ['1', '2', '3', '4']) await client.create('cse-in/bn/data', { 'm2m:cin': { con } });
    await ae.next();
    await ae.next();
    await ae.next();
    const last = await ae.next();
    const events = ae.notifications;
    expect(events.map(conOf)).toEqual(['1', '2', '3', '4']);
    expect(events.map((n) => [n.batchIndex, n.batchSize])).toEqual([
      [0, 2],
      [1, 2],
      [0, 2],
      [1, 2],
    ]);
    expect(events[0]!.request).toBe(events[1]!.request);
    expect(events[0]!.request.pc).toHaveProperty('m2m:agn');
    expect(last.request).not.toBe(events[0]!.request);
  });
});

describe('conformance through the SDK: <request> resources (non-blocking)', () => {
  it('answers rt 1 with 1001 and a <request> whose ors holds the result', async () => {
    const { registerAe } = await sdkWorld();
    const { client } = await registerAe('Cnb', 'nb');
    const ack = await client.create('cse-in/nb', { 'm2m:cnt': { rn: 'later' } }, { rt: { rtv: 1 } });
    expect(ack.rsc).toBe(1001);
    expect(ack.accepted).toBe(true);
    expect(ack.requestReference).toEqual(expect.any(String));
    let req: Record<string, any> = {};
    for (let i = 0; i < 100 && req.rs !== 1; i++) {
      req = (await client.retrieve(ack.requestReference!)).content as Record<string, any>;
    }
    expect(req).toMatchObject({ ty: 17, rs: 1, op: 1, ors: { rsc: 2001 } });
    expect(req.ors.pc['m2m:cnt'].rn).toBe('later');
    expect((await client.retrieve('cse-in/nb/later')).content?.rn).toBe('later');
  });

  it('answers rt 2 with 1002 and notifies the result as m2m:rsp', async () => {
    const { registerAe } = await sdkWorld();
    const ae = await registerAe('Casync', 'async');
    const ack = await ae.client.retrieve('cse-in/async', { rt: { rtv: 2 } });
    expect(ack.rsc).toBe(1002);
    expect(ack.accepted).toBe(true);
    const result = await ae.next((n) => n.kind === 'result');
    expect(result.result).toMatchObject({ rsc: 2000, rqi: ack.response.rqi });
    expect(result.result?.pc).toMatchObject({ 'm2m:ae': { rn: 'async', aei: 'Casync' } });
  });
});
