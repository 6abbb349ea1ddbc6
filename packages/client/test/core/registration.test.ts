import { toShortNames } from '@onem2m-ws/protocol';
import { describe, expect, it } from 'vitest';
import { MemoryAeIdStore, OriginatorBindingError, ResponseError } from '../../src/index.js';
import { answer, memoryClient, nextRequest } from '../helpers/memory.js';

const AE = { api: 'Nmyapp', rn: 'myAE' };

describe('register()', () => {
  it('creates <AE> without fr, adopts the aei and reconnects with X-M2M-Origin (ACME flow)', async () => {
    const store = new MemoryAeIdStore();
    const { client, server } = memoryClient({ aeIdStore: store, translateNames: toShortNames });
    const registering = client.register({ 'App-ID': 'Nmyapp', resourceName: 'myAE', poa: ['ws://default'] });
    const first = await server.nextConnection();
    expect(first.request.headers).toBeUndefined();
    const req = await nextRequest(first);
    expect(req).toMatchObject({
      op: 1,
      to: '-',
      ty: 2,
      rvi: '3',
      pc: { 'm2m:ae': { api: 'Nmyapp', rn: 'myAE', rr: true, srv: ['3'], poa: ['ws://default'] } },
    });
    expect('fr' in req).toBe(false);
    answer(first, req, 2001, { 'm2m:ae': { rn: 'myAE', ri: 'Cnew', aei: 'Cnew', api: 'Nmyapp' } });
    const second = await server.nextConnection();
    expect(second.request.headers).toEqual({ 'X-M2M-Origin': 'Cnew' });
    const result = await registering;
    expect(result).toMatchObject({ aei: 'Cnew', reused: false, rsc: 2001 });
    expect(first.closed).toBe(true);
    expect(client.originator).toBe('Cnew');
    expect(store.get('ws://cse.test#myAE')).toBe('Cnew');

    const p = client.create('-/myAE', { 'm2m:cnt': { rn: 'c' } });
    const create = await nextRequest(second);
    expect(create).toMatchObject({ fr: 'Cnew', to: '-/myAE' });
    answer(second, create, 2001, { 'm2m:cnt': { rn: 'c' } });
    await p;
    await client.close();
  });

  it('registers with the configured originator as fr and does not reconnect when the header already matches', async () => {
    const { client, server } = memoryClient({ originator: 'Cmine' });
    const registering = client.register(AE, { to: 'cse-in' });
    const conn = await server.nextConnection();
    expect(conn.request.headers).toEqual({ 'X-M2M-Origin': 'Cmine' });
    const req = await nextRequest(conn);
    expect(req).toMatchObject({ op: 1, to: 'cse-in', fr: 'Cmine' });
    answer(conn, req, 2001, { 'm2m:ae': { aei: 'Cmine', ri: 'Cmine' } });
    await registering;
    expect(server.connections).toHaveLength(1);
    expect(conn.closed).toBe(false);
    await client.close();
  });

  it('reuses a stored AE-ID instead of registering again', async () => {
    const store = new MemoryAeIdStore();
    store.set('ws://cse.test#myAE', 'Cstored');
    const { client, server } = memoryClient({ aeIdStore: store });
    const registering = client.register(AE);
    const conn = await server.nextConnection();
    expect(conn.request.headers).toEqual({ 'X-M2M-Origin': 'Cstored' });
    const req = await nextRequest(conn);
    expect(req).toMatchObject({ op: 2, to: 'Cstored', fr: 'Cstored' });
    answer(conn, req, 2000, { 'm2m:ae': { aei: 'Cstored', ri: 'Cstored', rn: 'myAE' } });
    const result = await registering;
    expect(result).toMatchObject({ aei: 'Cstored', reused: true });
    expect(client.originator).toBe('Cstored');
    expect(conn.received).toHaveLength(1);
    await client.close();
  });

  it.each([4004, 4106])('registers afresh when the stored AE-ID gets %i on first use', async (rsc) => {
    const store = new MemoryAeIdStore();
    store.set('custom-key', 'Cgone');
    const { client, server } = memoryClient({ aeIdStore: store, aeIdKey: 'custom-key' });
    const registering = client.register(AE);
    const first = await server.nextConnection();
    const probe = await nextRequest(first);
    expect(probe).toMatchObject({ op: 2, to: 'Cgone', fr: 'Cgone' });
    answer(first, probe, rsc);
    const create = await nextRequest(first);
    expect(create).toMatchObject({ op: 1, ty: 2 });
    expect('fr' in create).toBe(false);
    answer(first, create, 2001, { 'm2m:ae': { aei: 'Cfresh', ri: 'Cfresh' } });
    // The connection was bound to the old ID: the client rebinds to the new one.
    const second = await server.nextConnection();
    expect(second.request.headers).toEqual({ 'X-M2M-Origin': 'Cfresh' });
    expect(await registering).toMatchObject({ aei: 'Cfresh', reused: false });
    expect(store.get('custom-key')).toBe('Cfresh');
    await client.close();
  });

  it('deregister() deletes the <AE> by its ri and forgets the stored ID', async () => {
    const store = new MemoryAeIdStore();
    const { client, server } = memoryClient({ aeIdStore: store, originatorHeader: false });
    const registering = client.register(AE);
    const conn = await server.nextConnection();
    answer(conn, await nextRequest(conn), 2001, { 'm2m:ae': { aei: 'Cx', ri: 'ae-ri-1' } });
    await registering;
    const deregistering = client.deregister();
    const del = await nextRequest(conn);
    expect(del).toMatchObject({ op: 4, to: 'ae-ri-1', fr: 'Cx' });
    answer(conn, del, 2002);
    await deregistering;
    expect(client.originator).toBeUndefined();
    expect(store.get('ws://cse.test#myAE')).toBeUndefined();
    await client.close();
  });

  it('rejects a registration response without aei with a ProtocolError', async () => {
    const { client, server } = memoryClient();
    const registering = client.register(AE);
    const conn = await server.nextConnection();
    answer(conn, await nextRequest(conn), 2001, { 'm2m:ae': { rn: 'myAE' } });
    await expect(registering).rejects.toMatchObject({ name: 'ProtocolError', field: 'pc.m2m:ae.aei' });
    await client.close();
  });
});

describe('originator binding without handshake headers (browsers)', () => {
  it('turns 4103 on the first request after registration into OriginatorBindingError', async () => {
    const { client, server } = memoryClient({}, { handshakeHeaders: false });
    const registering = client.register(AE);
    const conn = await server.nextConnection();
    answer(conn, await nextRequest(conn), 2001, { 'm2m:ae': { aei: 'Cb', ri: 'Cb' } });
    await registering;
    expect(server.connections).toHaveLength(1);
    const p = client.create('-/myAE', { 'm2m:cnt': { rn: 'c' } });
    const req = await nextRequest(conn);
    answer(conn, req, 4103, { 'm2m:dbg': 'originator not bound' });
    const error = await p.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OriginatorBindingError);
    expect(error).toMatchObject({ code: 'ORIGINATOR_BINDING', originator: 'Cb' });
    expect((error as Error).message).toMatch(/X-M2M-Origin/);
    expect((error as Error).message).toMatch(/handshake headers/);
    // Later 4103s on that connection are the same cause.
    const q = client.retrieve('-/myAE');
    answer(conn, await nextRequest(conn), 4103);
    await expect(q).rejects.toBeInstanceOf(OriginatorBindingError);
    await client.close();
  });

  it('fails with OriginatorBindingError when a stored AE-ID is refused with 4103 on a header-less connection', async () => {
    const store = new MemoryAeIdStore();
    store.set('ws://cse.test#myAE', 'Cstored');
    const { client, server } = memoryClient({ aeIdStore: store }, { handshakeHeaders: false });
    const registering = client.register(AE);
    const conn = await server.nextConnection();
    answer(conn, await nextRequest(conn), 4103);
    await expect(registering).rejects.toBeInstanceOf(OriginatorBindingError);
    expect(client.originator).toBeUndefined();
    await client.close();
  });

  it('keeps 4103 a plain ResponseError when no registration happened on the connection', async () => {
    const { client, server } = memoryClient({ originator: 'Cb' }, { handshakeHeaders: false });
    const p = client.retrieve('-/x');
    const conn = await server.nextConnection();
    answer(conn, await nextRequest(conn), 4103);
    const error = await p.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error).not.toBeInstanceOf(OriginatorBindingError);
    await client.close();
  });

  it('keeps 4103 a plain ResponseError when the first request after registration succeeded', async () => {
    const { client, server } = memoryClient({}, { handshakeHeaders: false });
    const registering = client.register(AE);
    const conn = await server.nextConnection();
    answer(conn, await nextRequest(conn), 2001, { 'm2m:ae': { aei: 'Cb' } });
    await registering;
    const ok = client.retrieve('-/a');
    answer(conn, await nextRequest(conn), 2000);
    await ok;
    const denied = client.retrieve('-/b');
    answer(conn, await nextRequest(conn), 4103);
    const error = await denied.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error).not.toBeInstanceOf(OriginatorBindingError);
    await client.close();
  });
});
