import { afterEach, describe, expect, it } from 'vitest';
import type { CseHandle } from '../../src/start-cse.js';
import { openRaw, type RawConnection } from '../helpers/raw-ws.js';
import { createAe, startRealCse } from '../helpers/start-test-cse.js';

const open: RawConnection[] = [];
let cse: CseHandle | undefined;

afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.close()));
  await cse?.close();
  cse = undefined;
});

async function connect(headers?: Record<string, string>) {
  const connection = await openRaw(cse!.url, 'oneM2M.json', headers ? { headers } : {});
  open.push(connection);
  return connection;
}

describe('binding with the real resource engine', () => {
  it('registers, then carries CRUD on the same connection; responses carry the full envelope', async () => {
    cse = await startRealCse();
    const ae = await connect();
    const reg = await ae.request(createAe('w1', 'Cwalk', 'walk'));
    expect(reg).toMatchObject({ rsc: 2001, rqi: 'w1', rvi: '3', to: 'Cwalk', fr: '/id-in' });
    expect(reg.pc['m2m:ae'].aei).toBe('Cwalk');
    const cnt = await ae.request({
      op: 1,
      to: 'cse-in/walk',
      fr: 'Cwalk',
      rqi: 'w2',
      rvi: '3',
      ty: 3,
      pc: { 'm2m:cnt': { rn: 'data' } },
    });
    expect(cnt.rsc).toBe(2001);
    const cb = await ae.request({ op: 2, to: '-', fr: 'Cwalk', rqi: 'w3', rvi: '3' });
    expect(cb.rsc).toBe(2000);
    expect(cb.pc['m2m:cb'].poa).toContain(cse.url);
  });

  it('rejects a request from an unregistered originator with 4106 before reaching the engine', async () => {
    cse = await startRealCse();
    const c = await connect();
    const response = await c.request({ op: 2, to: 'cse-in', fr: 'Cstranger', rqi: 'u1', rvi: '3' });
    expect(response.rsc).toBe(4106);
  });

  it('follows the ACME flow: register with X-M2M-Origin C, reconnect with the aei', async () => {
    cse = await startRealCse();
    const first = await connect({ 'X-M2M-Origin': 'C' });
    const reg = await first.request(createAe('a1', 'C', 'acmeflow'));
    expect(reg.rsc).toBe(2001);
    const aei = reg.pc['m2m:ae'].aei as string;
    expect(aei).toMatch(/^C/);
    expect(reg.to).toBe(aei);
    await first.close();
    const second = await connect({ 'X-M2M-Origin': aei });
    const retrieve = await second.request({ op: 2, to: 'cse-in/acmeflow', rqi: 'a2', rvi: '3' });
    expect(retrieve.rsc).toBe(2000);
  });

  it('verifies a subscription over the AE connection, stores notifications while it is offline, and delivers them on reconnect', async () => {
    cse = await startRealCse();
    const receiver = await connect({ 'X-M2M-Origin': 'Creceiver' });
    receiver.autoAnswer = 2000;
    expect((await receiver.request(createAe('s1', 'Creceiver', 'receiver'))).rsc).toBe(2001);

    const producer = await connect({ 'X-M2M-Origin': 'Cproducer' });
    expect((await producer.request(createAe('s2', 'Cproducer', 'producer'))).rsc).toBe(2001);
    const cnt = {
      op: 1,
      to: 'cse-in/producer',
      fr: 'Cproducer',
      rvi: '3',
      ty: 3,
      pc: { 'm2m:cnt': { rn: 'data' } },
    };
    expect((await producer.request({ ...cnt, rqi: 's3' })).rsc).toBe(2001);

    // nu is not the creator: the CSE asks the receiver first (verification request).
    const sub = producer.request({
      op: 1,
      to: 'cse-in/producer/data',
      fr: 'Cproducer',
      rqi: 's4',
      rvi: '3',
      ty: 23,
      pc: { 'm2m:sub': { rn: 'sub', nu: ['Creceiver'], enc: { net: [3] }, nct: 1 } },
    });
    const verification = await receiver.nextRequest();
    expect(verification.op).toBe(5);
    expect(verification.pc['m2m:sgn'].vrq).toBe(true);
    expect((await sub).rsc).toBe(2001);

    await receiver.close();
    const cin = (rqi: string, con: string) => ({
      op: 1,
      to: 'cse-in/producer/data',
      fr: 'Cproducer',
      rqi,
      rvi: '3',
      ty: 4,
      pc: { 'm2m:cin': { con } },
    });
    expect((await producer.request(cin('s5', 'first'))).rsc).toBe(2001);
    expect((await producer.request(cin('s6', 'second'))).rsc).toBe(2001);

    const back = await connect({ 'X-M2M-Origin': 'Creceiver' });
    back.autoAnswer = 2000;
    const n1 = await back.nextRequest();
    const n2 = await back.nextRequest();
    expect([n1, n2].map((n) => n.pc['m2m:sgn'].nev.rep['m2m:cin'].con)).toEqual(['first', 'second']);
    expect(n1).toMatchObject({ op: 5, fr: '/id-in', rvi: '3' });
  });
});
