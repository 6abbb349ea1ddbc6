import { describe, expect, it } from 'vitest';
import { formatTimestamp } from '../../src/engine/time.js';
import { rscOf, sdkWorld } from './world.js';

describe('conformance through the SDK: addressing', () => {
  it('resolves CSE-relative, SP-relative and absolute, structured and unstructured IDs and -', async () => {
    const { registerAe } = await sdkWorld();
    const { client } = await registerAe('Caddr', 'addr');
    const cnt = await client.create('-/addr', { 'm2m:cnt': { rn: 'data' } });
    const ri = cnt.content!.ri as string;
    for (const to of [
      'cse-in/addr/data',
      '-/addr/data',
      ri,
      'Caddr/data',
      '/id-in/cse-in/addr/data',
      '/id-in/-/addr/data',
      `/id-in/${ri}`,
      '//sp.example.com/id-in/cse-in/addr/data',
      `//sp.example.com/id-in/${ri}`,
    ]) {
      const got = await client.retrieve(to);
      expect(got.content?.ri, to).toBe(ri);
    }
    for (const to of ['cse-in', '-', 'id-in', '/id-in/cse-in', '//sp/id-in/cse-in']) {
      expect((await client.retrieve(to)).content, to).toMatchObject({ ty: 5, ri: 'id-in', rn: 'cse-in' });
    }
    expect((await client.retrieve('Caddr')).content).toMatchObject({ aei: 'Caddr', rn: 'addr' });
    expect(await rscOf(client.retrieve('cse-in/addr/nope'))).toBe(4004);
    expect(await rscOf(client.retrieve('cse-in//addr'))).toBe(4000);
    expect(await rscOf(client.retrieve('/other-cse/cse-in'))).toBe(5103);
  });

  it('takes the originator in SP-relative form', async () => {
    const { registerAe } = await sdkWorld();
    const { client } = await registerAe('Cspr', 'spr');
    expect((await client.retrieve('cse-in/spr', { fr: '/id-in/Cspr' })).content?.aei).toBe('Cspr');
  });
});

describe('conformance through the SDK: retrieve with rcn', () => {
  async function tree() {
    const world = await sdkWorld();
    const { client } = await world.registerAe('Crcn', 'rcn');
    await client.create('-/rcn', { 'm2m:cnt': { rn: 'data', lbl: ['a'] } });
    for (const con of ['1', '2']) await client.create('-/rcn/data', { 'm2m:cin': { con } });
    await client.create('-/rcn/data', { 'm2m:cnt': { rn: 'nested' } });
    await client.create('-/rcn/data/nested', { 'm2m:cin': { con: 'deep' } });
    return client;
  }

  it('rcn 1 returns the attributes, rcn 4 attributes and nested children (fc.lvl limits)', async () => {
    const client = await tree();
    const one = await client.retrieve<Record<string, any>>('-/rcn/data', { rcn: 1 });
    expect(one.content).toMatchObject({ rn: 'data', lbl: ['a'] });
    expect(one.content?.['m2m:cin']).toBeUndefined();
    expect((await client.retrieve('-/rcn/data')).content).toEqual(one.content);
    const four = await client.retrieve<Record<string, any>>('-/rcn/data', { rcn: 4 });
    expect(four.content?.rn).toBe('data');
    expect(four.content?.['m2m:cin'].map((c: { con: string }) => c.con)).toEqual(['1', '2']);
    expect(four.content?.['m2m:cnt'][0]['m2m:cin'][0].con).toBe('deep');
    const shallow = await client.retrieve<Record<string, any>>('-/rcn/data', { rcn: 4, fc: { lvl: 1 } });
    expect(shallow.content?.['m2m:cnt'][0]['m2m:cin']).toBeUndefined();
  });

  it('rcn 5 lists child references in ch, rcn 6 answers m2m:rrl, rcn 8 only the children', async () => {
    const client = await tree();
    const five = await client.retrieve<Record<string, any>>('-/rcn/data', { rcn: 5 });
    expect(five.content?.rn).toBe('data');
    expect(five.content?.ch).toHaveLength(3);
    expect(five.content?.ch[2]).toEqual({ nm: 'nested', typ: 3, val: 'cse-in/rcn/data/nested' });
    const six = await client.retrieve<{ rrf: { nm: string; typ: number; val: string }[] }>('-/rcn/data', {
      rcn: 6,
    });
    expect(six.contentType).toBe('m2m:rrl');
    expect(six.content?.rrf.map((r) => r.typ)).toEqual([4, 4, 3]);
    expect(six.content?.rrf[2]).toEqual({ nm: 'nested', typ: 3, val: 'cse-in/rcn/data/nested' });
    const unstructured = await client.retrieve<{ rrf: { val: string }[] }>('-/rcn', { rcn: 6, drt: 2 });
    const data = await client.retrieve('-/rcn/data');
    expect(unstructured.content?.rrf).toEqual([{ nm: 'data', typ: 3, val: data.content?.ri }]);
    const eight = await client.retrieve<Record<string, any>>('-/rcn/data', { rcn: 8 });
    expect(eight.content?.rn).toBeUndefined();
    expect(eight.content?.['m2m:cin']).toHaveLength(2);
    expect(await rscOf(client.retrieve('-/rcn/data', { rcn: 2 }))).toBe(4000);
  });
});

describe('conformance through the SDK: discovery', () => {
  const start = Date.UTC(2025, 0, 1, 12, 0, 0);

  /** A CSE on a clock the test moves, so that ct / lt differ by known amounts. */
  async function discoveryWorld() {
    let clock = start;
    const world = await sdkWorld({ now: () => clock });
    const ae = await world.registerAe('Cdisc', 'disc');
    const { client } = ae;
    await client.create('-/disc', { 'm2m:cnt': { rn: 'kitchen', lbl: ['room:kitchen'] } });
    clock += 10_000;
    await client.create('-/disc', { 'm2m:cnt': { rn: 'hall', lbl: ['room:hall'], cr: null } });
    clock += 10_000;
    await client.create('-/disc/kitchen', { 'm2m:cin': { rn: 'c1', con: 'x' } });
    await client.create('-/disc/kitchen', { 'm2m:cin': { rn: 'c2', con: 'yyyyyy', lbl: ['room:kitchen'] } });
    return client;
  }

  it('finds all descendants by default and filters by ty, lbl and flat attribute keys', async () => {
    const client = await discoveryWorld();
    expect((await client.discover('-/disc')).uris).toEqual([
      'cse-in/disc/kitchen',
      'cse-in/disc/kitchen/c1',
      'cse-in/disc/kitchen/c2',
      'cse-in/disc/hall',
    ]);
    expect((await client.discover('-/disc', { ty: [4] })).uris).toEqual([
      'cse-in/disc/kitchen/c1',
      'cse-in/disc/kitchen/c2',
    ]);
    expect((await client.discover('-/disc', { labels: ['room:kitchen'] })).uris).toEqual([
      'cse-in/disc/kitchen',
      'cse-in/disc/kitchen/c2',
    ]);
    expect((await client.discover('-/disc', { cr: 'Cdisc' })).uris).toEqual(['cse-in/disc/hall']);
    expect((await client.discover('-/disc', { rn: 'c*' })).uris).toEqual([
      'cse-in/disc/kitchen/c1',
      'cse-in/disc/kitchen/c2',
    ]);
    expect(await rscOf(client.discover('-/disc', { nosuch: 1 }))).toBe(4000);
  });

  it('filters by cra / crb, ms / us and sts / stb', async () => {
    const client = await discoveryWorld();
    const at = (s: number) => formatTimestamp(start + s * 1000);
    expect((await client.discover('-/disc', { cra: at(5), ty: [3] })).uris).toEqual(['cse-in/disc/hall']);
    expect((await client.discover('-/disc', { crb: at(5) })).uris).toEqual(['cse-in/disc/kitchen']);
    // Only the instances were created after 15 s (adding them changes the container's st, not its lt).
    expect((await client.discover('-/disc', { ms: at(15) })).uris).toEqual([
      'cse-in/disc/kitchen/c1',
      'cse-in/disc/kitchen/c2',
    ]);
    expect((await client.discover('-/disc', { us: at(15) })).uris).toEqual([
      'cse-in/disc/kitchen',
      'cse-in/disc/hall',
    ]);
    expect((await client.discover('-/disc', { stb: 2 })).uris).toEqual([
      'cse-in/disc/kitchen',
      'cse-in/disc/kitchen/c2',
    ]);
    expect((await client.discover('-/disc', { sts: 1, ty: [3] })).uris).toEqual(['cse-in/disc/hall']);
  });

  it('pages with lim / ofst (cnst, cnot), limits depth with lvl, and honours drt 1 / 2 and rcn 6', async () => {
    const client = await discoveryWorld();
    const first = await client.discover('-/disc', { lim: 2 });
    expect(first).toMatchObject({
      uris: ['cse-in/disc/kitchen', 'cse-in/disc/kitchen/c1'],
      partial: true,
      nextOffset: 3,
    });
    const rest = await client.discover('-/disc', { lim: 2, ofst: 3 });
    expect(rest).toMatchObject({ uris: ['cse-in/disc/kitchen/c2', 'cse-in/disc/hall'], partial: false });
    expect((await client.discover('-/disc', { lvl: 1 })).uris).toEqual([
      'cse-in/disc/kitchen',
      'cse-in/disc/hall',
    ]);
    const structured = await client.discover('-/disc', { ty: [3] }, { drt: 1 });
    expect(structured.uris).toEqual(['cse-in/disc/kitchen', 'cse-in/disc/hall']);
    const unstructured = await client.discover('-/disc', { ty: [3] }, { drt: 2 });
    const kitchen = await client.retrieve('-/disc/kitchen');
    const hall = await client.retrieve('-/disc/hall');
    expect(unstructured.uris).toEqual([kitchen.content?.ri, hall.content?.ri]);
    const refs = await client.retrieve<{ rrf: unknown[] }>('-/disc', { fc: { fu: 1, lvl: 1 }, rcn: 6 });
    expect(refs.content?.rrf).toEqual([
      { nm: 'kitchen', typ: 3, val: 'cse-in/disc/kitchen' },
      { nm: 'hall', typ: 3, val: 'cse-in/disc/hall' },
    ]);
  });

  it('pages through everything with discoverAll', async () => {
    const client = await discoveryWorld();
    for (let i = 0; i < 5; i++) await client.create('-/disc/kitchen', { 'm2m:cin': { con: String(i) } });
    const all: string[] = [];
    for await (const uri of client.discoverAll('-/disc', { ty: [4] }, { pageSize: 2 })) all.push(uri);
    expect(all).toHaveLength(7);
    expect(new Set(all).size).toBe(7);
    expect(all.slice(0, 2)).toEqual(['cse-in/disc/kitchen/c1', 'cse-in/disc/kitchen/c2']);
    expect(all).toEqual((await client.discover('-/disc', { ty: [4] })).uris);
  });
});
