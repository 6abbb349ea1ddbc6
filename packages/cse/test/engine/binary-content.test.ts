import { describe, expect, it } from 'vitest';
import { body, setup } from './harness.js';

describe('non-JSON attribute values', () => {
  it('keeps a binary con (as CBOR decodes it) intact through create, retrieve and notification', async () => {
    const { send, register, sink } = setup();
    const ae = await register('app');
    await send({ op: 1, to: '-/app', fr: ae, ty: 3, pc: { 'm2m:cnt': { rn: 'data' } } });
    await send({
      op: 1,
      to: '-/app/data',
      fr: ae,
      ty: 23,
      pc: { 'm2m:sub': { nu: [ae], enc: { net: [3] } } },
    });
    const bytes = new Uint8Array([1, 2, 3, 250]);
    const created = body(
      await send({ op: 1, to: '-/app/data', fr: ae, ty: 4, pc: { 'm2m:cin': { con: bytes } } }),
    );
    expect(created.con).toBeInstanceOf(Uint8Array);
    expect(created.cs).toBe(4);
    const latest = body(await send({ op: 2, to: '-/app/data/la', fr: ae }));
    expect([...(latest.con as Uint8Array)]).toEqual([1, 2, 3, 250]);
    // A copy: changing what a client got does not change the stored resource.
    (latest.con as Uint8Array)[0] = 9;
    expect([...(body(await send({ op: 2, to: '-/app/data/la', fr: ae })).con as Uint8Array)]).toEqual([
      1, 2, 3, 250,
    ]);
    expect(sink.events(ae)[0]!.nev.rep['m2m:cin'].con).toBeInstanceOf(Uint8Array);
  });
});
