import type { AddressInfo } from 'node:net';
import type { RequestPrimitive } from '@onem2m-ws/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import type { CseHandle } from '../../src/start-cse.js';
import type { FakeEngine } from '../helpers/fake-engine.js';
import { type JsonMessage, openRaw, type RawConnection } from '../helpers/raw-ws.js';
import { startFakeCse } from '../helpers/start-test-cse.js';

const open: RawConnection[] = [];
const servers: WebSocketServer[] = [];
let cse: CseHandle | undefined;
let engine: FakeEngine;

afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.close()));
  // The CSE first, so that its outgoing connections are closed before the receivers stop.
  await cse?.close();
  cse = undefined;
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

async function connectAs(originator: string) {
  const connection = await openRaw(cse!.url, 'oneM2M.json', { headers: { 'X-M2M-Origin': originator } });
  open.push(connection);
  return connection;
}

let n = 0;
function notify(to: string, text = 'x'): RequestPrimitive {
  n += 1;
  return {
    op: 5,
    to,
    fr: '/id-in',
    rqi: `n${n}`,
    rvi: '3',
    pc: { 'm2m:sgn': { nev: { net: 3, rep: { 'm2m:cin': { con: text } } }, sur: '/id-in/sub1' } },
  };
}

describe('notifications over the AE connection', () => {
  it.each(['Cnote', '/id-in/Cnote', '//sp.example/id-in/Cnote'])(
    'delivers to target %s and returns the response',
    async (target) => {
      ({ cse, engine } = await startFakeCse());
      engine.registered.add('Cnote');
      const ae = await connectAs('Cnote');
      const delivery = engine.sink.deliver(target, notify(target));
      const received = await ae.nextRequest();
      expect(received).toMatchObject({ op: 5, to: target, fr: '/id-in', rvi: '3' });
      ae.send({ rsc: 2000, rqi: received.rqi, rvi: '3', to: '/id-in', fr: 'Cnote' });
      expect(await delivery).toMatchObject({ rsc: 2000, rqi: received.rqi });
    },
  );

  it('resolves undefined when the AE does not answer in time', async () => {
    ({ cse, engine } = await startFakeCse());
    engine.registered.add('Csilent');
    const ae = await connectAs('Csilent');
    const delivery = engine.sink.deliver('Csilent', notify('Csilent'), { timeoutMs: 100 });
    await ae.nextRequest();
    expect(await delivery).toBeUndefined();
  });
});

describe('offline storage (TS-0020 V3 6.5)', () => {
  it('stores while the AE is offline and delivers in order when it reconnects', async () => {
    ({ cse, engine } = await startFakeCse());
    engine.registered.add('Coffline');
    const sent = [notify('Coffline', 'a'), notify('Coffline', 'b'), notify('Coffline', 'c')];
    for (const request of sent) expect(await engine.sink.deliver('Coffline', request)).toBeUndefined();
    const ae = await connectAs('Coffline');
    ae.autoAnswer = 2000;
    const got = [await ae.nextRequest(), await ae.nextRequest(), await ae.nextRequest()];
    expect(got.map((r) => r.rqi)).toEqual(sent.map((r) => r.rqi));
    expect(got.map((r) => r.pc['m2m:sgn'].nev.rep['m2m:cin'].con)).toEqual(['a', 'b', 'c']);
  });

  it('queues a new notification behind the stored ones still being delivered', async () => {
    ({ cse, engine } = await startFakeCse());
    engine.registered.add('Corder');
    const [a, b, c] = [notify('Corder', 'a'), notify('Corder', 'b'), notify('Corder', 'c')];
    await engine.sink.deliver('Corder', a);
    await engine.sink.deliver('Corder', b);
    const ae = await connectAs('Corder');
    const first = await ae.nextRequest();
    expect(first.rqi).toBe(a.rqi);
    // Stored b has not gone out yet (a is unanswered): c must wait behind it.
    const late = engine.sink.deliver('Corder', c);
    const answer = (m: JsonMessage) => ae.send({ rsc: 2000, rqi: m.rqi, rvi: '3' });
    answer(first);
    const second = await ae.nextRequest();
    answer(second);
    const third = await ae.nextRequest();
    answer(third);
    expect([second.rqi, third.rqi]).toEqual([b.rqi, c.rqi]);
    expect(await late).toBeUndefined();
  });

  it('delivers stored notifications when the AE comes back without the header (first request)', async () => {
    ({ cse, engine } = await startFakeCse());
    engine.registered.add('Cbrowser');
    const stored = notify('Cbrowser');
    await engine.sink.deliver('/id-in/Cbrowser', stored);
    const ae = await openRaw(cse.url, 'oneM2M.json');
    open.push(ae);
    ae.autoAnswer = 2000;
    expect((await ae.request({ op: 2, to: 'cse-in', fr: 'Cbrowser', rqi: 'q1', rvi: '3' })).rsc).toBe(2000);
    expect((await ae.nextRequest()).rqi).toBe(stored.rqi);
  });

  it('drops stored notifications once they expire', async () => {
    let clock = 1_000_000;
    ({ cse, engine } = await startFakeCse({ now: () => clock }));
    engine.registered.add('Cexpire');
    const short = notify('Cexpire', 'short');
    const long = notify('Cexpire', 'long');
    await engine.sink.deliver('Cexpire', short, { expiresAt: clock + 1000 });
    await engine.sink.deliver('Cexpire', long, { expiresAt: clock + 60_000 });
    clock += 5000;
    const ae = await connectAs('Cexpire');
    ae.autoAnswer = 2000;
    expect((await ae.nextRequest()).rqi).toBe(long.rqi);
    await expect(ae.nextRequest(300)).rejects.toThrow(/no matching message/);
  });

  it('keeps at most maxPerOriginator entries, dropping the oldest', async () => {
    ({ cse, engine } = await startFakeCse({ offlineStore: { maxPerOriginator: 2 } }));
    engine.registered.add('Ccap');
    const sent = [notify('Ccap', '1'), notify('Ccap', '2'), notify('Ccap', '3')];
    for (const request of sent) await engine.sink.deliver('Ccap', request);
    const ae = await connectAs('Ccap');
    ae.autoAnswer = 2000;
    expect([(await ae.nextRequest()).rqi, (await ae.nextRequest()).rqi]).toEqual([
      sent[1]!.rqi,
      sent[2]!.rqi,
    ]);
    await expect(ae.nextRequest(300)).rejects.toThrow(/no matching message/);
  });

  it('does not store verification requests (storeIfOffline false) or requests for unknown AEs', async () => {
    ({ cse, engine } = await startFakeCse());
    engine.registered.add('Cverify');
    await engine.sink.deliver('Cverify', notify('Cverify'), { storeIfOffline: false });
    await engine.sink.deliver('Cghost', notify('Cghost'));
    const stored = notify('Cverify', 'kept');
    await engine.sink.deliver('Cverify', stored);
    engine.registered.add('Cghost');
    const verify = await connectAs('Cverify');
    const ghost = await connectAs('Cghost');
    verify.autoAnswer = 2000;
    expect((await verify.nextRequest()).rqi).toBe(stored.rqi);
    await expect(verify.nextRequest(300)).rejects.toThrow();
    await expect(ghost.nextRequest(300)).rejects.toThrow();
  });

  it('stores a notification whose connection closes before the response, and redelivers it', async () => {
    ({ cse, engine } = await startFakeCse());
    engine.registered.add('Cdrop');
    const first = await connectAs('Cdrop');
    const request = notify('Cdrop');
    const delivery = engine.sink.deliver('Cdrop', request);
    await first.nextRequest();
    first.ws.terminate();
    expect(await delivery).toBeUndefined();
    const second = await connectAs('Cdrop');
    second.autoAnswer = 2000;
    expect((await second.nextRequest()).rqi).toBe(request.rqi);
  });
});

describe('heartbeat', () => {
  it('cuts a connection that stops answering pings, so its notifications are stored', async () => {
    ({ cse, engine } = await startFakeCse({ pingIntervalMs: 50 }));
    engine.registered.add('Cmute');
    engine.registered.add('Clive');
    const mute = await openRaw(cse.url, 'oneM2M.json', {
      headers: { 'X-M2M-Origin': 'Cmute' },
      autoPong: false,
    });
    open.push(mute);
    const live = await connectAs('Clive');
    expect((await mute.closed).code).toBe(1006);
    const stored = notify('Cmute');
    expect(await engine.sink.deliver('Cmute', stored, { timeoutMs: 60_000 })).toBeUndefined();
    expect(live.ws.readyState).toBe(live.ws.OPEN);
    const back = await connectAs('Cmute');
    back.autoAnswer = 2000;
    expect((await back.nextRequest()).rqi).toBe(stored.rqi);
  });
});

describe('notifications to a ws:// URI', () => {
  it('opens a connection offering both JSON spellings, sends, and returns the response', async () => {
    ({ cse, engine } = await startFakeCse());
    const offered: string[][] = [];
    const receiver = new WebSocketServer({
      port: 0,
      host: '127.0.0.1',
      handleProtocols: (protocols) => {
        offered.push([...protocols]);
        return 'oneM2M.R2.0.json';
      },
    });
    servers.push(receiver);
    await new Promise((r) => receiver.once('listening', r));
    receiver.on('connection', (ws) =>
      ws.on('message', (data) => {
        const request = JSON.parse(data.toString());
        ws.send(JSON.stringify({ rsc: 2000, rqi: request.rqi, rvi: request.rvi, to: request.fr }));
      }),
    );
    const url = `ws://127.0.0.1:${(receiver.address() as AddressInfo).port}/notify`;
    const one = await engine.sink.deliver(url, notify(url));
    const two = await engine.sink.deliver(url, notify(url));
    expect(one).toMatchObject({ rsc: 2000 });
    expect(two).toMatchObject({ rsc: 2000 });
    expect(offered[0]).toEqual(['oneM2M.json', 'oneM2M.R2.0.json']);
    // Back-to-back deliveries share one connection.
    expect(offered).toHaveLength(1);
  });

  it('resolves undefined for an unreachable URI or an unsupported scheme', async () => {
    ({ cse, engine } = await startFakeCse());
    expect(await engine.sink.deliver('ws://127.0.0.1:1/', notify('x'), { timeoutMs: 2000 })).toBeUndefined();
    expect(await engine.sink.deliver('http://127.0.0.1:1/', notify('x'))).toBeUndefined();
  });
});
