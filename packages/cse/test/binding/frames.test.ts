import { decodeCbor, decodeXml, encodeCbor, type RequestPrimitive } from '@onem2m-ws/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import type { CseHandle } from '../../src/start-cse.js';
import type { FakeEngine } from '../helpers/fake-engine.js';
import { openRaw, type RawConnection } from '../helpers/raw-ws.js';
import { createAe, startFakeCse } from '../helpers/start-test-cse.js';

const open: RawConnection[] = [];
let cse: CseHandle | undefined;
let engine: FakeEngine;

afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.close()));
  await cse?.close();
  cse = undefined;
});

async function connect(protocols: string | string[] = 'oneM2M.json', headers?: Record<string, string>) {
  const connection = await openRaw(cse!.url, protocols, headers ? { headers } : {});
  open.push(connection);
  return connection;
}

const TIMESTAMP = /^\d{8}T\d{6}$/;

describe('malformed frames get 4000 with m2m:dbg and the connection survives', () => {
  it.each([
    ['invalid JSON', '{"op":1,'],
    ['plain text', 'hello'],
    ['a JSON array', '[{"op":2,"to":"cse-in","rqi":"x","fr":"C1"}]'],
    ['a JSON string', '"op"'],
    ['an object without op or rsc', '{"to":"cse-in","rqi":"x"}'],
  ])('%s', async (_name, frame) => {
    ({ cse, engine } = await startFakeCse());
    const c = await connect();
    c.send(frame);
    const response = await c.next((m) => m.rsc !== undefined);
    expect(response.rsc).toBe(4000);
    expect(typeof response.pc['m2m:dbg']).toBe('string');
    expect(response.rvi).toBe('3');
    expect(response.ot).toMatch(TIMESTAMP);
    // Still usable afterwards.
    expect((await c.request(createAe('after'))).rsc).toBe(2001);
  });

  it('keeps rqi when the frame is readable but not a valid primitive', async () => {
    ({ cse, engine } = await startFakeCse());
    const c = await connect();
    c.send({ op: 9, to: 'cse-in', rqi: 'bad-op', rvi: '4', fr: 'C1' });
    const response = await c.next((m) => m.rsc !== undefined);
    expect(response).toMatchObject({ rsc: 4000, rqi: 'bad-op', rvi: '4' });
    expect(response.pc['m2m:dbg']).toMatch(/op/);
  });

  it('refuses a binary frame on a JSON connection and a text frame on a CBOR connection', async () => {
    ({ cse, engine } = await startFakeCse());
    const json = await connect('oneM2M.json');
    json.send(Buffer.from(JSON.stringify(createAe('bin'))), true);
    const r1 = await json.next((m) => m.rsc !== undefined);
    expect(r1.rsc).toBe(4000);
    expect(r1.pc['m2m:dbg']).toMatch(/binary frame on a json connection/);

    const cbor = await connect('oneM2M.cbor');
    cbor.send(JSON.stringify(createAe('txt')));
    const binary = await new Promise<Buffer>((resolve) =>
      cbor.ws.once('message', (d) => resolve(d as Buffer)),
    );
    const r2 = decodeCbor(new Uint8Array(binary)).primitive as Record<string, any>;
    expect(r2).toMatchObject({ rsc: 4000, rqi: 'txt' });
    expect(r2.pc['m2m:dbg']).toMatch(/text frame on a cbor connection/);
  });

  it('one client sending garbage does not disturb another', async () => {
    ({ cse, engine } = await startFakeCse());
    const bad = await connect();
    const good = await connect();
    for (let i = 0; i < 20; i++) bad.send(i % 2 ? '\u0000\u0001' : '[1,2]');
    expect((await good.request(createAe('g1'))).rsc).toBe(2001);
  });

  it('closes an oversized message with 1009 and keeps serving others', async () => {
    ({ cse, engine } = await startFakeCse({ maxPayload: 1024 }));
    const big = await connect();
    const other = await connect();
    big.send(JSON.stringify({ ...createAe('big'), pad: 'x'.repeat(4096) }));
    expect((await big.closed).code).toBe(1009);
    expect((await other.request(createAe('small'))).rsc).toBe(2001);
    const again = await connect();
    expect((await again.request(createAe('again'))).rsc).toBe(2001);
  });
});

describe('robustness', () => {
  it('survives a client that disconnects while its request is being processed', async () => {
    ({ cse, engine } = await startFakeCse());
    const original = engine.handle.bind(engine);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let started!: () => void;
    const inEngine = new Promise<void>((r) => (started = r));
    engine.handle = async (request, context) => {
      started();
      await gate;
      return original(request, context);
    };
    const leaving = await connect();
    leaving.send(createAe('gone'));
    await inEngine;
    leaving.ws.terminate();
    await leaving.closed;
    release();
    engine.handle = original;
    const staying = await connect();
    expect((await staying.request(createAe('stay'))).rsc).toBe(2001);
  });
});

describe('CBOR connections', () => {
  it('answers a CBOR request in a binary frame', async () => {
    ({ cse, engine } = await startFakeCse());
    const c = await connect('oneM2M.cbor');
    c.send(Buffer.from(encodeCbor(createAe('cb1') as unknown as RequestPrimitive)), true);
    const [data, isBinary] = await new Promise<[Buffer, boolean]>((resolve) =>
      c.ws.once('message', (d, b) => resolve([d as Buffer, b])),
    );
    expect(isBinary).toBe(true);
    expect(decodeCbor(new Uint8Array(data)).primitive).toMatchObject({ rsc: 2001, rqi: 'cb1' });
  });
});

describe('XML connections', () => {
  const rqp = (body: string) => `<m2m:rqp xmlns:m2m="http://www.onem2m.org/xml/protocols">${body}</m2m:rqp>`;
  const nextText = (c: RawConnection) =>
    new Promise<string>((resolve) =>
      c.ws.once('message', (d, isBinary) => resolve(isBinary ? '' : d.toString())),
    );

  it('answers an XML request with an XML response in a text frame', async () => {
    ({ cse, engine } = await startFakeCse());
    const c = await connect('oneM2M.R2.0.xml');
    expect(c.protocol).toBe('oneM2M.R2.0.xml');
    const reply = nextText(c);
    c.send(
      rqp(
        '<op>1</op><to>cse-in</to><fr>Cxml</fr><rqi>x1</rqi><rvi>3</rvi><ty>2</ty><pc><m2m:ae rn="xmlae"><api>Nxml</api><rr>true</rr><srv>3</srv></m2m:ae></pc>',
      ),
    );
    const text = await reply;
    expect(text).toMatch(/^(<\?xml[^>]*>)?<m2m:rsp/);
    expect(decodeXml(text).primitive).toMatchObject({ rsc: 2001, rqi: 'x1', rvi: '3', to: 'Cxml' });
  });

  it('answers malformed XML with 4000, keeping a readable rqi', async () => {
    ({ cse, engine } = await startFakeCse());
    const c = await connect('oneM2M.xml');
    const reply = nextText(c);
    c.send(rqp('<op>2</op><rqi>x2</rqi><to>cse-in</to><unclosed>'));
    const response = decodeXml(await reply).primitive as Record<string, any>;
    expect(response).toMatchObject({ rsc: 4000, rqi: 'x2' });
    expect(typeof response.pc['m2m:dbg']).toBe('string');
  });
});

describe('registration gate (TS-0020 6.4)', () => {
  it('rejects anything but Create AE from an unregistered connection with 4106', async () => {
    ({ cse, engine } = await startFakeCse());
    const c = await connect();
    const noFr = await c.request({ op: 2, to: 'cse-in', rqi: 'g1', rvi: '3' });
    expect(noFr.rsc).toBe(4106);
    expect(noFr.pc['m2m:dbg']).toMatch(/register/i);
    const unknown = await c.request({
      op: 1,
      to: 'cse-in',
      fr: 'Cnobody',
      rqi: 'g2',
      rvi: '3',
      ty: 3,
      pc: { 'm2m:cnt': {} },
    });
    expect(unknown.rsc).toBe(4106);
    expect(unknown.to).toBe('Cnobody');
    expect(engine.seen).toHaveLength(0);
  });

  it('lets the same connection carry everything after a successful Create AE', async () => {
    ({ cse, engine } = await startFakeCse());
    const c = await connect();
    const reg = await c.request(createAe('r1'));
    expect(reg.rsc).toBe(2001);
    const aei = reg.pc['m2m:ae'].aei as string;
    const retrieve = await c.request({ op: 2, to: 'cse-in', rqi: 'r2', rvi: '3' });
    expect(retrieve.rsc).toBe(2000);
    expect(engine.seen.at(-1)?.request.fr).toBe(aei);
    expect(engine.seen.at(-1)?.context.boundOriginator).toBe(aei);
  });

  it('lets a registered AE reconnect without registering again (TS-0020 5.2 step 15)', async () => {
    ({ cse, engine } = await startFakeCse());
    const first = await connect();
    const aei = (await first.request(createAe('re1'))).pc['m2m:ae'].aei as string;
    await first.close();
    const second = await connect();
    const response = await second.request({ op: 2, to: 'cse-in', fr: aei, rqi: 're2', rvi: '3' });
    expect(response.rsc).toBe(2000);
  });
});

describe('response envelope', () => {
  it('carries rsc, rqi, rvi (echoed), ot without fraction, pc, to and fr', async () => {
    ({ cse, engine } = await startFakeCse());
    const c = await connect();
    const reg = await c.request({ ...createAe('e1', 'Cenvelope'), rvi: '4' });
    expect(reg).toMatchObject({ rsc: 2001, rqi: 'e1', rvi: '4', to: 'Cenvelope', fr: '/id-in' });
    expect(reg.ot).toMatch(TIMESTAMP);
    expect(reg.pc['m2m:ae'].aei).toBe('Cenvelope');
    const retrieve = await c.request({ op: 2, to: 'cse-in', fr: 'Cenvelope', rqi: 'e2' });
    // No rvi in the request: the CSE's own release version.
    expect(retrieve).toMatchObject({ rsc: 2000, rqi: 'e2', rvi: '3', to: 'Cenvelope' });
    expect(retrieve.pc).toBeDefined();
  });

  it('uses the configured releaseVersion', async () => {
    ({ cse, engine } = await startFakeCse({ releaseVersion: '5' }));
    const c = await connect();
    c.send('nope');
    expect((await c.next((m) => m.rsc !== undefined)).rvi).toBe('5');
  });

  it('adds an m2m:dbg text to an error the engine returned without content', async () => {
    ({ cse, engine } = await startFakeCse());
    const c = await connect();
    await c.request(createAe('d1', 'Cdbg'));
    engine.handle = async (request) => ({ rsc: 4004, rqi: request.rqi });
    const response = await c.request({ op: 2, to: 'cse-in/nothing', fr: 'Cdbg', rqi: 'd2', rvi: '3' });
    expect(response).toMatchObject({ rsc: 4004, rqi: 'd2', to: 'Cdbg' });
    expect(response.pc['m2m:dbg']).toMatch(/4004 \(NOT_FOUND\)/);
  });

  it('answers 5000 when the engine throws, and keeps going', async () => {
    ({ cse, engine } = await startFakeCse());
    const c = await connect();
    await c.request(createAe('t1', 'Cthrow'));
    const original = engine.handle.bind(engine);
    engine.handle = async () => {
      throw new Error('boom');
    };
    const failed = await c.request({ op: 2, to: 'cse-in', fr: 'Cthrow', rqi: 't2', rvi: '3' });
    expect(failed).toMatchObject({ rsc: 5000, rqi: 't2' });
    engine.handle = original;
    expect((await c.request({ op: 2, to: 'cse-in', fr: 'Cthrow', rqi: 't3', rvi: '3' })).rsc).toBe(2000);
  });
});
