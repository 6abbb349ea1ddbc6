import { afterEach, describe, expect, it } from 'vitest';
import { startTcpRelay } from '../../../../test-support/tcp-relay.mjs';
import type { CseHandle } from '../../src/start-cse.js';
import { openRaw, type RawConnection, refusal } from '../helpers/raw-ws.js';
import { startFakeCse } from '../helpers/start-test-cse.js';

const open: RawConnection[] = [];
let cse: CseHandle | undefined;

afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.close()));
  await cse?.close();
  cse = undefined;
});

async function connect(protocols: string | string[], headers?: Record<string, string>, extra = {}) {
  const connection = await openRaw(cse!.url, protocols, { ...(headers ? { headers } : {}), ...extra });
  open.push(connection);
  return connection;
}

describe('opening handshake: subprotocol selection (TS-0020 6.2.3.5)', () => {
  it('accepts both spellings and echoes the exact offered string', async () => {
    ({ cse } = await startFakeCse());
    expect((await connect('oneM2M.json')).protocol).toBe('oneM2M.json');
    expect((await connect('oneM2M.R2.0.json')).protocol).toBe('oneM2M.R2.0.json');
    expect((await connect('oneM2M.cbor')).protocol).toBe('oneM2M.cbor');
  });

  it('matches case-insensitively and echoes the client spelling', async () => {
    ({ cse } = await startFakeCse());
    expect((await connect('onem2m.r2.0.json')).protocol).toBe('onem2m.r2.0.json');
    expect((await connect('ONEM2M.JSON')).protocol).toBe('ONEM2M.JSON');
  });

  it('applies the server preference, not the client order', async () => {
    ({ cse } = await startFakeCse());
    expect((await connect(['oneM2M.cbor', 'oneM2M.json'])).protocol).toBe('oneM2M.json');
    await cse.close();
    ({ cse } = await startFakeCse({ serializations: ['cbor', 'json'] }));
    expect((await connect(['oneM2M.json', 'oneM2M.R2.0.cbor'])).protocol).toBe('oneM2M.R2.0.cbor');
  });

  it('ignores unknown names offered alongside a known one', async () => {
    ({ cse } = await startFakeCse());
    expect((await connect(['chat', 'oneM2M.R2.0.json'])).protocol).toBe('oneM2M.R2.0.json');
  });

  it('refuses with HTTP 400 and a reason when no subprotocol is offered', async () => {
    ({ cse } = await startFakeCse());
    const r = await refusal(cse.url, undefined);
    expect(r.status).toBe(400);
    expect(r.reason).toMatch(/missing subprotocol/i);
    expect(r.body).toMatch(/oneM2M\.json/);
  });

  it('refuses with HTTP 400 and a reason when nothing offered is acceptable', async () => {
    ({ cse } = await startFakeCse({ serializations: ['json'] }));
    const r = await refusal(cse.url, ['oneM2M.cbor', 'mqtt']);
    expect(r.status).toBe(400);
    expect(r.reason).toMatch(/no acceptable subprotocol/i);
    expect(r.body).toContain('oneM2M.cbor, mqtt');
  });

  it('answers a plain HTTP request with 426 instead of hanging', async () => {
    ({ cse } = await startFakeCse());
    const res = await fetch(cse.url.replace('ws://', 'http://'));
    expect(res.status).toBe(426);
    expect(await res.text()).toMatch(/oneM2M WebSocket endpoint/);
  });
});

describe('opening handshake: permessage-deflate (TS-0020 6.2.3.6)', () => {
  it('accepts the extension when enabled', async () => {
    ({ cse } = await startFakeCse({ perMessageDeflate: true }));
    const c = await connect('oneM2M.json', undefined, { perMessageDeflate: true });
    expect(c.ws.extensions).toMatch(/permessage-deflate/);
  });

  it('declines it (no Sec-WebSocket-Extensions) when disabled', async () => {
    ({ cse } = await startFakeCse({ perMessageDeflate: false }));
    const c = await connect('oneM2M.json', undefined, { perMessageDeflate: true });
    expect(c.ws.extensions).toBe('');
  });

  it('carries compressed primitives end to end', async () => {
    ({ cse } = await startFakeCse({ perMessageDeflate: true }));
    const c = await connect('oneM2M.json', undefined, { perMessageDeflate: { threshold: 0 } });
    const response = await c.request({
      op: 1,
      to: 'cse-in',
      rqi: 'z1',
      rvi: '3',
      ty: 2,
      pc: { 'm2m:ae': { rn: 'x'.repeat(2000), api: 'N', rr: true, srv: ['3'] } },
    });
    expect(response.rsc).toBe(2001);
  });
});

/** RSV1 (the "compressed" bit of RFC 7692) of each frame the server sent after its 101 response. */
function compressedBits(wire: Buffer): boolean[] {
  let at = wire.indexOf('\r\n\r\n') + 4;
  const bits: boolean[] = [];
  while (at < wire.length) {
    bits.push((wire[at]! & 0x40) !== 0);
    const len = wire[at + 1]! & 0x7f; // server frames are never masked
    const header = len === 126 ? 4 : len === 127 ? 10 : 2;
    const payload =
      len === 126 ? wire.readUInt16BE(at + 2) : len === 127 ? Number(wire.readBigUInt64BE(at + 2)) : len;
    at += header + payload;
  }
  return bits;
}

describe('permessage-deflate without context takeover', () => {
  it('sends small primitives uncompressed and large ones compressed', async () => {
    ({ cse } = await startFakeCse({ perMessageDeflate: true }));
    const wire: Buffer[] = [];
    const relay = await startTcpRelay(cse.url, { onServerData: (chunk) => wire.push(chunk) });
    const c = await openRaw(relay.url, 'oneM2M.json', { perMessageDeflate: true });
    try {
      expect(c.ws.extensions).toBe('permessage-deflate');
      const create = (rqi: string, rn: string) =>
        c.request({
          op: 1,
          to: 'cse-in',
          rqi,
          rvi: '3',
          ty: 2,
          pc: { 'm2m:ae': { rn, api: 'N', rr: true, srv: ['3'] } },
        });
      expect((await create('small', 'tiny')).rsc).toBe(2001);
      expect((await create('large', 'x'.repeat(2000))).rsc).toBe(2001);
      const received = Buffer.concat(wire);
      const handshake = received.subarray(0, received.indexOf('\r\n\r\n')).toString('latin1');
      expect(handshake).toMatch(
        /^sec-websocket-extensions: permessage-deflate;.*server_no_context_takeover/im,
      );
      expect(handshake).toMatch(/^sec-websocket-extensions: .*client_no_context_takeover/im);
      expect(compressedBits(received)).toEqual([false, true]);
    } finally {
      await c.close();
      await relay.close();
    }
  });
});

describe('opening handshake: X-M2M-Origin', () => {
  it('binds the connection so a registered originator may send without registering on it', async () => {
    const started = await startFakeCse();
    cse = started.cse;
    const engine = started.engine;
    engine.registered.add('Cbound');
    const c = await connect('oneM2M.json', { 'X-M2M-Origin': 'Cbound' });
    const response = await c.request({ op: 2, to: 'cse-in', rqi: 'b1', rvi: '3' });
    expect(response.rsc).toBe(2000);
    // The binding filled in the missing fr from the handshake header.
    expect(engine.seen.at(-1)?.request.fr).toBe('Cbound');
    expect(engine.seen.at(-1)?.context.boundOriginator).toBe('Cbound');
    expect(response.to).toBe('Cbound');
  });

  it('replaces an older connection of the same originator, closing it with 1000 and a reason', async () => {
    ({ cse } = await startFakeCse());
    const first = await connect('oneM2M.json', { 'X-M2M-Origin': '/id-in/Creplaced' });
    const second = await connect('oneM2M.json', { 'X-M2M-Origin': 'Creplaced' });
    const closed = await first.closed;
    expect(closed.code).toBe(1000);
    expect(closed.reason).toMatch(/Creplaced/);
    expect(second.ws.readyState).toBe(second.ws.OPEN);
  });

  it('treats X-M2M-Origin "C" as a request for a CSE-assigned ID, not a binding', async () => {
    ({ cse } = await startFakeCse());
    const a = await connect('oneM2M.json', { 'X-M2M-Origin': 'C' });
    const b = await connect('oneM2M.json', { 'X-M2M-Origin': 'C' });
    const reg = await b.request({
      op: 1,
      to: 'cse-in',
      fr: 'C',
      rqi: 'c1',
      rvi: '3',
      ty: 2,
      pc: { 'm2m:ae': { api: 'N', rr: true, srv: ['3'] } },
    });
    expect(reg.rsc).toBe(2001);
    expect(reg.to).toBe(reg.pc['m2m:ae'].aei);
    expect(a.ws.readyState).toBe(a.ws.OPEN);
  });

  it('speaks for the registered AE when the header named an ID that was not registered', async () => {
    const started = await startFakeCse();
    cse = started.cse;
    const c = await connect('oneM2M.json', { 'X-M2M-Origin': 'Cwished' });
    const reg = await c.request({
      op: 1,
      to: 'cse-in',
      rqi: 'w1',
      rvi: '3',
      ty: 2,
      pc: { 'm2m:ae': { api: 'N', rr: true, srv: ['3'] } },
    });
    expect(reg.rsc).toBe(2001);
    const aei = reg.pc['m2m:ae'].aei as string;
    expect(aei).not.toBe('Cwished');
    const retrieve = await c.request({ op: 2, to: 'cse-in', rqi: 'w2', rvi: '3' });
    expect(retrieve.rsc).toBe(2000);
    expect(started.engine.seen.at(-1)?.request.fr).toBe(aei);
  });

  it('refuses an unusable X-M2M-Origin with 400', async () => {
    ({ cse } = await startFakeCse());
    const r = await refusal(cse.url, ['oneM2M.json'], { headers: { 'X-M2M-Origin': 'Ca, Cb' } });
    expect(r.status).toBe(400);
    expect(r.reason).toMatch(/X-M2M-Origin/);
  });
});

describe('connection limit', () => {
  it('refuses handshakes beyond maxConnections with 503 and accepts again after one closes', async () => {
    ({ cse } = await startFakeCse({ maxConnections: 2 }));
    const a = await connect('oneM2M.json');
    await connect('oneM2M.json');
    const r = await refusal(cse.url, ['oneM2M.json']);
    expect(r.status).toBe(503);
    expect(r.reason).toMatch(/too many connections/i);
    await a.close();
    // The server sees the close a moment after the client; poll until a slot is free.
    let accepted: RawConnection | undefined;
    for (let i = 0; i < 50 && !accepted; i++) {
      accepted = await openRaw(cse.url, 'oneM2M.json').catch(() => undefined);
      if (!accepted) await new Promise((r) => setTimeout(r, 20));
    }
    expect(accepted).toBeDefined();
    open.push(accepted!);
  });
});
