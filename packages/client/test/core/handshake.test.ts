import { cborCodec, decodeCbor, encodeCbor, jsonCodec, ProtocolError } from '@onem2m-ws/protocol';
import { describe, expect, it } from 'vitest';
import { HandshakeError, type OpenEvent } from '../../src/index.js';
import { answer, collect, memoryClient, nextRequest } from '../helpers/memory.js';

describe('handshake', () => {
  it('offers both spellings of each serialization in preference order', async () => {
    const { client, server } = memoryClient({
      serializations: ['cbor', 'json'],
      codecs: [jsonCodec, cborCodec],
    });
    const opens = collect<OpenEvent>(client, 'open');
    await client.connect();
    expect(server.handshakes[0]!.protocols).toEqual([
      'oneM2M.cbor',
      'oneM2M.R2.0.cbor',
      'oneM2M.json',
      'oneM2M.R2.0.json',
    ]);
    expect(opens[0]).toMatchObject({
      protocol: 'oneM2M.cbor',
      serialization: 'cbor',
      attempt: 0,
      reconnected: false,
    });
    expect(client.protocol).toBe('oneM2M.cbor');
    await client.close();
  });

  it('accepts a case-insensitive selection (Mobius answers onem2m.r2.0.json)', async () => {
    const { client, server } = memoryClient();
    server.handshake = () => ({ protocol: 'onem2m.r2.0.json' });
    await client.connect();
    expect(client.state).toBe('open');
    await client.close();
  });

  it('fails connect() and pending requests with HandshakeError carrying the HTTP status', async () => {
    const { client, server } = memoryClient({ originator: 'Cabc' });
    server.handshake = () => ({ refuse: 400, message: 'missing subprotocol' });
    const pending = client.retrieve('-/a');
    const error = await client.connect().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HandshakeError);
    expect(error).toMatchObject({ code: 'HANDSHAKE_FAILED', status: 400 });
    await expect(pending).rejects.toMatchObject({ name: 'HandshakeError', status: 400 });
    expect(client.queuedRequests).toBe(0);
    // The next request tries again (lazy reopen) and succeeds once the server accepts.
    server.handshake = (request) => ({ protocol: request.protocols[0]! });
    const p = client.retrieve('-/b');
    const conn = await server.nextConnection();
    answer(conn, await nextRequest(conn), 2000);
    await p;
    await client.close();
  });

  it('fails when the server selects no subprotocol', async () => {
    const { client, server } = memoryClient();
    server.handshake = () => ({ protocol: '' });
    const error = await client.connect().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HandshakeError);
    expect(error).toMatchObject({ selectedProtocol: '' });
    expect((error as Error).message).toMatch(/no subprotocol/);
    expect(server.connections[0]!.closed).toBe(true);
    await client.close();
  });

  it('fails when the server selects a subprotocol that was not offered', async () => {
    const { client, server } = memoryClient();
    server.handshake = () => ({ protocol: 'oneM2M.xml' });
    const error = await client.connect().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HandshakeError);
    expect(error).toMatchObject({ selectedProtocol: 'oneM2M.xml' });
    await client.close();
  });

  it('sends X-M2M-Origin and extra headers when the adapter can, and none when it cannot', async () => {
    const node = memoryClient({ originator: 'Cabc', headers: { Authorization: 'Bearer t' } });
    await node.client.connect();
    expect(node.server.handshakes[0]!.headers).toEqual({ Authorization: 'Bearer t', 'X-M2M-Origin': 'Cabc' });
    await node.client.close();

    const off = memoryClient({ originator: 'Cabc', originatorHeader: false });
    await off.client.connect();
    expect(off.server.handshakes[0]!.headers).toBeUndefined();
    await off.client.close();

    const browser = memoryClient({ originator: 'Cabc' }, { handshakeHeaders: false });
    await browser.client.connect();
    expect(browser.server.handshakes[0]!.headers).toBeUndefined();
    await browser.client.close();
  });
});

describe('inbound frames', () => {
  it('decodes by frame type: a JSON text notification on a CBOR connection is answered in CBOR', async () => {
    const { client, server } = memoryClient({
      originator: 'Cabc',
      serializations: ['cbor'],
      codecs: [cborCodec, jsonCodec],
    });
    const seen: unknown[] = [];
    client.on('notification', (n) => {
      seen.push(n.notification);
    });
    await client.connect();
    const conn = await server.nextConnection();
    const p = client.retrieve('-/a');
    const req = decodeCbor((await conn.nextMessage()) as Uint8Array);
    expect(req.kind).toBe('request');
    conn.send(encodeCbor({ rsc: 2000, rqi: req.primitive.rqi!, rvi: '3', pc: { 'm2m:cnt': { rn: 'a' } } }));
    expect((await p).content).toEqual({ rn: 'a' });

    conn.sendJson({
      op: 5,
      to: 'Cabc',
      fr: '/id-in',
      rqi: 'n1',
      rvi: '5',
      pc: { 'm2m:sgn': { sur: '/id-in/sub1', nev: { net: 3 } } },
    });
    const reply = await conn.nextMessage();
    expect(reply).toBeInstanceOf(Uint8Array);
    const decoded = decodeCbor(reply as Uint8Array);
    expect(decoded.primitive).toMatchObject({ rsc: 2000, rqi: 'n1', rvi: '5' });
    expect(seen).toEqual([{ sur: '/id-in/sub1', nev: { net: 3 } }]);
    await client.close();
  });

  it('reports an undecodable frame as a ProtocolError error event and keeps working', async () => {
    const { client, server } = memoryClient({ originator: 'Cabc' });
    const errors = collect<unknown>(client, 'error');
    const p = client.retrieve('-/a');
    const conn = await server.nextConnection();
    const q = await nextRequest(conn);
    conn.send('this is not json');
    conn.send('[1,2]');
    conn.send(new Uint8Array([1, 2, 3]));
    answer(conn, q, 2000);
    await p;
    expect(errors).toHaveLength(3);
    for (const e of errors) expect(e).toBeInstanceOf(ProtocolError);
    expect((errors[2] as ProtocolError).code).toBe('WRONG_FRAME_TYPE');
    await client.close();
  });
});
