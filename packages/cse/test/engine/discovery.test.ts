import { describe, expect, it } from 'vitest';
import { formatTimestamp } from '../../src/engine/time.js';
import { setup } from './harness.js';

async function world() {
  let clock = Date.UTC(2025, 0, 1, 12, 0, 0);
  const t = setup({ now: () => clock });
  const tick = (s: number) => {
    clock += s * 1000;
  };
  const ae = await t.register('app');
  const mk = (to: string, ty: number, rep: Record<string, unknown>) =>
    t.send({
      op: 1,
      to,
      fr: ae,
      ty,
      pc: { [ty === 3 ? 'm2m:cnt' : ty === 4 ? 'm2m:cin' : 'm2m:fcnt']: rep },
    });
  await mk('-/app', 3, { rn: 'kitchen', lbl: ['room:kitchen'] });
  tick(10);
  await mk('-/app', 3, { rn: 'hall', lbl: ['room:hall'], cr: null });
  tick(10);
  await mk('-/app/kitchen', 4, { rn: 'c1', con: 'x' });
  await mk('-/app/kitchen', 4, { rn: 'c2', con: 'yyyyyy', lbl: ['room:kitchen'] });
  const discover = (fc: Record<string, unknown>, extra: Record<string, unknown> = {}, to = '-/app') =>
    t.send({ op: 2, to, fr: ae, fc: { fu: 1, ...fc }, ...extra });
  const uril = async (fc: Record<string, unknown>, extra: Record<string, unknown> = {}, to = '-/app') =>
    (await discover(fc, extra, to)).pc!['m2m:uril'] as string[];
  return { ...t, ae, discover, uril, tick, start: Date.UTC(2025, 0, 1, 12, 0, 0) };
}

describe('discovery (fc.fu = 1)', () => {
  it('returns m2m:uril of all descendants by default, structured or unstructured (drt)', async () => {
    const { uril, discover } = await world();
    expect(await uril({})).toEqual([
      'cse-in/app/kitchen',
      'cse-in/app/kitchen/c1',
      'cse-in/app/kitchen/c2',
      'cse-in/app/hall',
    ]);
    const un = (await discover({}, { drt: 2 })).pc!['m2m:uril'] as string[];
    expect(un[0]).toMatch(/^cnt/);
  });

  it('filters by ty, lbl, and by flat attribute keys and atr', async () => {
    const { uril, ae } = await world();
    expect(await uril({ ty: [4] })).toEqual(['cse-in/app/kitchen/c1', 'cse-in/app/kitchen/c2']);
    expect(await uril({ lbl: ['room:kitchen'] })).toEqual(['cse-in/app/kitchen', 'cse-in/app/kitchen/c2']);
    expect(await uril({ lbl: ['room:kitchen', 'room:hall'], ty: [3] })).toEqual([
      'cse-in/app/kitchen',
      'cse-in/app/hall',
    ]);
    expect(await uril({ cr: ae })).toEqual(['cse-in/app/hall']);
    expect(await uril({ rn: 'c*' })).toEqual(['cse-in/app/kitchen/c1', 'cse-in/app/kitchen/c2']);
    expect(await uril({ atr: [{ nm: 'rn', val: 'hall' }] })).toEqual(['cse-in/app/hall']);
  });

  it('filters by creation / modification time, state tag and size', async () => {
    const { uril, start } = await world();
    expect(await uril({ cra: formatTimestamp(start + 5000), ty: [3] })).toEqual(['cse-in/app/hall']);
    expect(await uril({ crb: formatTimestamp(start + 5000) })).toEqual(['cse-in/app/kitchen']);
    expect(await uril({ ms: formatTimestamp(start + 20000) })).toEqual([
      'cse-in/app/kitchen/c1',
      'cse-in/app/kitchen/c2',
    ]);
    expect(await uril({ us: formatTimestamp(start + 20000) })).toEqual([
      'cse-in/app/kitchen',
      'cse-in/app/hall',
    ]);
    expect(await uril({ stb: 2 })).toEqual(['cse-in/app/kitchen', 'cse-in/app/kitchen/c2']);
    expect(await uril({ sts: 1, ty: [3] })).toEqual(['cse-in/app/hall']);
    expect(await uril({ sza: 2 })).toEqual(['cse-in/app/kitchen/c2']);
    expect(await uril({ szb: 2 })).toEqual(['cse-in/app/kitchen/c1']);
  });

  it('combines criteria with fo = 2 (OR)', async () => {
    const { uril } = await world();
    expect(await uril({ fo: 2, rn: 'hall', ty: [4] })).toEqual([
      'cse-in/app/kitchen/c1',
      'cse-in/app/kitchen/c2',
      'cse-in/app/hall',
    ]);
  });

  it('pages with lim / ofst and reports cnst / cnot when truncated', async () => {
    const { discover } = await world();
    const first = await discover({ lim: 2 });
    expect(first.pc!['m2m:uril']).toEqual(['cse-in/app/kitchen', 'cse-in/app/kitchen/c1']);
    expect(first).toMatchObject({ cnst: 1, cnot: 3 });
    const rest = await discover({ lim: 2, ofst: 3 });
    expect(rest.pc!['m2m:uril']).toEqual(['cse-in/app/kitchen/c2', 'cse-in/app/hall']);
    expect(rest.cnst).toBeUndefined();
  });

  it('limits depth with lvl and answers rcn 6 as m2m:rrl', async () => {
    const { uril, discover } = await world();
    expect(await uril({ lvl: 1 })).toEqual(['cse-in/app/kitchen', 'cse-in/app/hall']);
    const rrl = await discover({ lvl: 1 }, { rcn: 6 });
    expect(rrl.pc).toEqual({
      'm2m:rrl': {
        rrf: [
          { nm: 'kitchen', typ: 3, val: 'cse-in/app/kitchen' },
          { nm: 'hall', typ: 3, val: 'cse-in/app/hall' },
        ],
      },
    });
  });

  it('rejects invalid rcn, unknown attributes and malformed criteria; 5001 for unsupported ones', async () => {
    const { discover } = await world();
    expect((await discover({}, { rcn: 1 })).rsc).toBe(4000);
    expect((await discover({ nosuchattr: 1 })).rsc).toBe(4000);
    expect((await discover({ cra: 'yesterday' })).rsc).toBe(4000);
    expect((await discover({ lim: -1 })).rsc).toBe(4000);
    expect((await discover({ smf: ['SELECT'] })).rsc).toBe(5001);
  });

  it('only finds what the originator may discover', async () => {
    const { register, send } = await world();
    const other = await register('other');
    const rsp = await send({ op: 2, to: 'cse-in', fr: other, fc: { fu: 1, ty: [3] } });
    expect(rsp.pc!['m2m:uril']).toEqual([]);
    expect((await send({ op: 2, to: '-/app', fr: other, fc: { fu: 1 } })).rsc).toBe(4103);
  });
});

describe('discovery with applyRelativePath (arp)', () => {
  it('replaces each match by the resource at the relative path, dropping misses and duplicates', async () => {
    const { uril, discover } = await world();
    expect(await uril({ ty: [3], arp: 'la' })).toEqual(['cse-in/app/kitchen/c2']);
    expect(await uril({ ty: [4], arp: '..' })).toEqual(['cse-in/app/kitchen']);
    expect(await uril({ rn: 'kitchen', arp: '../hall' })).toEqual(['cse-in/app/hall']);
    expect((await discover({ arp: '/abs' })).rsc).toBe(4000);
  });
});

describe('discovery with labelsQuery (lbq)', () => {
  it('evaluates key, NT, EQ / key:value, NE, IN and NI expressions', async () => {
    const { uril, discover } = await world();
    expect(await uril({ lbq: 'room' })).toEqual([
      'cse-in/app/kitchen',
      'cse-in/app/kitchen/c2',
      'cse-in/app/hall',
    ]);
    expect(await uril({ lbq: 'NT room', ty: [3] })).toEqual([]);
    expect(await uril({ lbq: 'room EQ hall' })).toEqual(['cse-in/app/hall']);
    expect(await uril({ lbq: 'room:hall' })).toEqual(['cse-in/app/hall']);
    expect(await uril({ lbq: 'room NE hall', ty: [3] })).toEqual(['cse-in/app/kitchen']);
    expect(await uril({ lbq: 'room IN (hall, attic)' })).toEqual(['cse-in/app/hall']);
    expect(await uril({ lbq: 'room NI (hall)', ty: [3] })).toEqual(['cse-in/app/kitchen']);
    expect((await discover({ lbq: 'room EQ' })).rsc).toBe(4000);
  });
});
