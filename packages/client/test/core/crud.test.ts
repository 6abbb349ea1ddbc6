import { toShortNames } from '@onem2m-ws/protocol';
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError, ResponseError } from '../../src/index.js';
import { answer, memoryClient, nextRequest } from '../helpers/memory.js';

describe('CRUDN over the in-memory adapter', () => {
  it('connects lazily, creates with ty derived from the key and resolves with the typed content', async () => {
    const { client, server } = memoryClient({ originator: 'Cabc' });
    const created = client.create('-/myAE', { 'm2m:cnt': { rn: 'temp', mni: 100 } });
    const conn = await server.nextConnection();
    expect(conn.request.protocols).toEqual(['oneM2M.json', 'oneM2M.R2.0.json']);
    const req = await nextRequest(conn);
    expect(req).toMatchObject({
      op: 1,
      to: '-/myAE',
      fr: 'Cabc',
      rvi: '3',
      ty: 3,
      pc: { 'm2m:cnt': { rn: 'temp', mni: 100 } },
    });
    expect(typeof req.rqi).toBe('string');
    answer(conn, req, 2001, { 'm2m:cnt': { rn: 'temp', ri: 'cnt1', ty: 3, mni: 100 } });
    const result = await created;
    expect(result.rsc).toBe(2001);
    expect(result.content).toMatchObject({ rn: 'temp', ri: 'cnt1' });
    expect(result.contentType).toBe('m2m:cnt');
    expect(result.response.rqi).toBe(req.rqi);
    await client.close();
  });

  it('retrieves, updates, deletes and notifies with the right operations', async () => {
    const { client, server } = memoryClient({
      originator: 'Cabc',
      releaseVersion: '4',
      translateNames: toShortNames,
    });
    await client.connect();
    const conn = await server.nextConnection();
    const r = client.retrieve('-/myAE/temp', { rcn: 1 });
    const rq = await nextRequest(conn);
    expect(rq).toMatchObject({ op: 2, to: '-/myAE/temp', fr: 'Cabc', rvi: '4', rcn: 1 });
    expect(rq.ty).toBeUndefined();
    expect(rq.pc).toBeUndefined();
    answer(conn, rq, 2000, { 'm2m:cnt': { rn: 'temp' } });
    expect((await r).content).toEqual({ rn: 'temp' });

    const u = client.update('-/myAE/temp', { 'm2m:container': { labels: ['x'] } });
    const uq = await nextRequest(conn);
    expect(uq).toMatchObject({ op: 3, pc: { 'm2m:cnt': { lbl: ['x'] } } });
    answer(conn, uq, 2004, { 'm2m:cnt': { lbl: ['x'] } });
    expect((await u).rsc).toBe(2004);

    const d = client.delete('-/myAE/temp');
    const dq = await nextRequest(conn);
    expect(dq).toMatchObject({ op: 4, to: '-/myAE/temp' });
    answer(conn, dq, 2002);
    expect((await d).content).toBeUndefined();

    const n = client.notify('Cother', { 'm2m:sgn': { sur: 'x' } });
    const nq = await nextRequest(conn);
    expect(nq).toMatchObject({ op: 5, to: 'Cother', pc: { 'm2m:sgn': { sur: 'x' } } });
    answer(conn, nq, 2000);
    expect((await n).rsc).toBe(2000);
    await client.close();
  });

  it('rejects a non-2xxx answer with ResponseError carrying rsc, name and dbg', async () => {
    const { client, server } = memoryClient({ originator: 'Cabc' });
    const p = client.retrieve('-/nothing');
    const conn = await server.nextConnection();
    const req = await nextRequest(conn);
    answer(conn, req, 4004, { 'm2m:dbg': 'resource does not exist' });
    const error = await p.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error).toMatchObject({
      rsc: 4004,
      statusName: 'NOT_FOUND',
      name: 'NOT_FOUND',
      dbg: 'resource does not exist',
      code: 'RESPONSE_ERROR',
    });
    expect((error as ResponseError).response.rqi).toBe(req.rqi);
    await client.close();
  });

  it('resolves 1001 as an accepted non-blocking result with the request reference', async () => {
    const { client, server } = memoryClient({ originator: 'Cabc' });
    const p = client.create('-/myAE', { 'm2m:cin': { con: '1' } }, { rt: { rtv: 1 } });
    const conn = await server.nextConnection();
    const req = await nextRequest(conn);
    expect(req.rt).toEqual({ rtv: 1 });
    expect(req.ty).toBe(4);
    answer(conn, req, 1001, { 'm2m:uri': 'cse-in/req123' });
    const result = await p;
    expect(result).toMatchObject({ rsc: 1001, accepted: true, requestReference: 'cse-in/req123' });
    await client.close();
  });

  it('accepts long names for options and content, and the raw request returns any response', async () => {
    const { client, server } = memoryClient({ originator: 'Cabc', translateNames: toShortNames });
    const p = client.retrieve('-/myAE', {
      resultContent: 4,
      filterCriteria: { labels: ['a'], limit: 2 },
      desiredIdentifierResultType: 2,
      responseType: { responseTypeValue: 3 },
      eventCategory: 3,
      resultExpirationTimestamp: '20300101T000000',
      operationExecutionTime: 1000,
      deliveryAggregation: false,
    });
    const conn = await server.nextConnection();
    const req = await nextRequest(conn);
    expect(req).toMatchObject({
      rcn: 4,
      fc: { lbl: ['a'], lim: 2 },
      drt: 2,
      rt: { rtv: 3 },
      ec: 3,
      rset: '20300101T000000',
      oet: 1000,
      da: false,
    });
    answer(conn, req, 2000, { 'm2m:ae': {} });
    await p;
    const raw = client.request({ op: 2, to: '-/x' });
    const rawReq = await nextRequest(conn);
    expect(rawReq).toMatchObject({ op: 2, to: '-/x', fr: 'Cabc', rvi: '3' });
    answer(conn, rawReq, 4004);
    expect((await raw).rsc).toBe(4004);
    await client.close();
  });

  it('without translateNames sends names as given but still knows the long names of its options', async () => {
    const { client, server } = memoryClient({ originator: 'Cabc' });
    const p = client.retrieve('-/myAE', {
      resultContent: 4,
      filterCriteria: { labels: ['a'] },
      responseType: { responseTypeValue: 2, notificationURI: ['Cabc'] },
      requestExpirationTimestamp: '20300101T000000',
      from: 'Cother',
      rcn: 1,
    });
    const conn = await server.nextConnection();
    const req = await nextRequest(conn);
    // The short name wins over its long name; the filter's own members are not translated.
    expect(req).toMatchObject({
      rcn: 1,
      fc: { labels: ['a'] },
      rt: { rtv: 2, nu: ['Cabc'] },
      rqet: '20300101T000000',
      fr: 'Cother',
    });
    expect(req).not.toHaveProperty('resultContent');
    answer(conn, req, 2000, { 'm2m:ae': {} });
    await p;

    const u = client.update('-/myAE', { 'm2m:ae': { labels: ['x'] } });
    const uq = await nextRequest(conn);
    expect(uq.pc).toEqual({ 'm2m:ae': { labels: ['x'] } });
    answer(conn, uq, 4000);
    await expect(u).rejects.toBeInstanceOf(ResponseError);

    // A long resource name cannot give ty: the error says what would translate it.
    const created = client.create('-/myAE', { 'm2m:container': { rn: 'box' } });
    await expect(created).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(created).rejects.toThrow(
      /'m2m:container'; pass \{ ty \} \(long names need the translateNames option\)/,
    );
    await client.close();
  });

  it('rejects invalid arguments with InvalidArgumentError and sends nothing', async () => {
    const { client, server } = memoryClient({ originator: 'Cabc' });
    await expect(client.create('-/x', { 'm2m:cnt': {}, 'm2m:cin': {} })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
    await expect(client.create('-/x', { 'acme:unknown': {} })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
    await expect(client.retrieve('')).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(client.retrieve('-/x', { rqet: 'tomorrow' })).rejects.toMatchObject({
      name: 'ProtocolError',
      field: 'rqet',
    });
    await expect(client.create('-/x', { 'm2m:cnt': { rn: 'c' } }, { rcn: 7 })).rejects.toMatchObject({
      name: 'ProtocolError',
      code: 'INVALID_PRIMITIVE',
      field: 'rcn',
    });
    await expect(client.retrieve('-/x', { timeout: -1 })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(client.create('-/x', { 'm2m:cnt': {} }, { retryOnReconnect: true })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
    expect(server.handshakes).toHaveLength(0);
    const unvalidated = memoryClient({ originator: 'Cabc', validateRequest: undefined });
    await expect(unvalidated.client.retrieve('-/x', { rqet: 'tomorrow' })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
    expect(() => memoryClient({ url: 'http://x' })).toThrow(/ws:\/\//);
    expect(() => memoryClient({ serializations: ['cbor'] })).toThrow(/no codec/);
    expect(() => memoryClient({ offlineQueue: { maxCount: 0 } })).toThrow(/maxCount/);
    expect(() => memoryClient({ maxInFlight: 0 })).toThrow(/maxInFlight/);
    expect(() => memoryClient({ reconnect: { factor: 0.5 } })).toThrow(/factor/);
    expect(() => memoryClient({ releaseVersion: '' })).toThrow(/releaseVersion/);
    await client.close();
  });
});
