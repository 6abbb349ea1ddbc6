import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as zodEntry from '../src/entries/schemas.js';
import {
  aeSchema,
  CONTENT_NAMES,
  containerSchema,
  contentInstanceSchema,
  contentSchemaOf,
  filterCriteriaSchema,
  flexContainerSchema,
  notificationSchema,
  requestPrimitiveSchema,
  responsePrimitiveSchema,
  subscriptionSchema,
} from '../src/entries/schemas.js';
import {
  type AE,
  CONTENT_SPECS,
  type Container,
  checkerOf,
  type Notification,
  rulesOf,
  type Subscription,
} from '../src/index.js';
import { QUALIFIED_NAMES } from '../src/names/tables.js';

/** Representations as a CSE returns them (ACME style: fractional timestamps, extra members). */
const examples: Record<string, unknown> = {
  'm2m:ae': {
    rn: 'myAE',
    ty: 2,
    ri: 'Cabc',
    pi: 'id-in',
    ct: '20250101T120000,123456',
    lt: '20250101T120000',
    et: '20260101T120000',
    aei: 'Cabc',
    api: 'Nmyapp',
    rr: true,
    srv: ['3', '4'],
    poa: ['ws://default'],
    csz: ['json'],
    acpi: ['id-in/acp1'],
  },
  'm2m:cnt': {
    rn: 'data',
    ty: 3,
    ri: 'cnt1',
    pi: 'Cabc',
    st: 0,
    cni: 0,
    cbs: 0,
    mni: 100,
    mbs: 10000,
    mia: 3600,
    cr: 'Cabc',
    lbl: ['a', 'k:v'],
  },
  'm2m:cin': { rn: 'cin_1', ty: 4, ri: 'cin1', pi: 'cnt1', cs: 4, st: 1, cnf: 'text/plain:0', con: '21.5' },
  'm2m:sub': {
    rn: 'sub1',
    ty: 23,
    ri: 'sub1',
    nu: ['Cabc'],
    enc: { net: [1, 3], om: [{ ops: 1, or: 'C1' }], atr: ['con'], chty: [4] },
    nct: 1,
    bn: { num: 2, dur: 'PT10S' },
    rl: { mnn: 5, tww: 'PT1M' },
    ln: false,
    su: 'Cabc',
    exc: 10,
  },
  'm2m:acp': {
    rn: 'acp1',
    ty: 1,
    pv: {
      acr: [
        { acor: ['Cabc', 'all'], acop: 63, acco: [{ actw: ['* * * * * *'], acip: { ipv4: ['127.0.0.1'] } }] },
      ],
    },
    pvs: { acr: [{ acor: ['CAdmin'], acop: 63 }] },
  },
  'm2m:grp': {
    rn: 'g',
    ty: 9,
    mt: 3,
    cnm: 2,
    mnm: 10,
    mid: ['cnt1', 'cnt2'],
    mtv: true,
    csy: 1,
    nar: { num: 3 },
  },
  'm2m:cb': {
    rn: 'cse-in',
    ty: 5,
    ri: 'id-in',
    pi: '',
    cst: 1,
    csi: '/id-in',
    srt: [1, 2, 3, 4, 5, 9, 23],
    poa: ['http://127.0.0.1:8080'],
    srv: ['2a', '3', '4', '5'],
    ctm: '20250101T120000,000000',
  },
  'm2m:csr': {
    rn: 'mn',
    ty: 16,
    cst: 2,
    cb: '/mn-cse/cse-mn',
    csi: '/mn-cse',
    rr: true,
    srv: ['3'],
    poa: ['ws://mn:8180'],
    dcse: [],
  },
  'm2m:pch': { rn: 'pch', ty: 15, ri: 'pch1', pi: 'Cabc', rqag: false },
  'm2m:fcnt': {
    rn: 'f',
    ty: 28,
    cnd: 'org.onem2m.common.moduleclass.temperature',
    cs: 10,
    st: 0,
    curT0: 21.5,
    unit: 1,
  },
  'm2m:ts': {
    rn: 'ts',
    ty: 29,
    pei: 1000,
    peid: 100,
    mdd: true,
    mdn: 10,
    mdlt: ['20250101T000000'],
    mdc: 1,
    mdt: 2000,
    cni: 0,
    cbs: 0,
  },
  'm2m:tsi': { rn: 'tsi1', ty: 30, dgt: '20250101T120000', con: 21.5, snr: 1, cs: 4 },
  'm2m:req': {
    rn: 'req1',
    ty: 17,
    op: 1,
    tg: 'cse-in/x',
    org: 'Cabc',
    rid: 'r1',
    mi: { ty: 3, ot: '20250101T000000' },
    rs: 1,
    ors: { rsc: 2001, rqi: 'r1' },
  },
  'm2m:crs': {
    rn: 'crs',
    ty: 48,
    rrat: ['cnt1', 'cnt2'],
    twt: 1,
    tws: 'PT10S',
    nu: ['Cabc'],
    encs: { encn: [{ net: [3] }, { net: [3] }] },
  },
  'm2m:nod': { rn: 'node1', ty: 14, ni: 'node-1', hcl: 'mn-cse', hael: ['Cabc'], rms: false },
  'm2m:sgn': {
    nev: { rep: { 'm2m:cin': { con: 'x' } }, net: 3, om: { op: 1, or: 'Cabc' } },
    sur: '/id-in/sub1',
    cr: 'Cabc',
    rvi: '2a',
  },
  'm2m:agn': {
    'm2m:sgn': [
      { sur: 's', vrq: true },
      { sur: 's', sud: true },
    ],
  },
  'm2m:rrl': {
    rrf: [
      { nm: 'data', typ: 3, val: 'cse-in/myAE/data' },
      { nm: 'f', typ: 28, val: 'x', spty: 'cod:tempe' },
    ],
  },
  'm2m:agr': {
    'm2m:rsp': [
      { rsc: 2000, rqi: 'a', pc: { 'm2m:cnt': {} } },
      { rsc: 4004, rqi: 'b' },
    ],
  },
  'm2m:rce': { uri: 'cse-in/myAE/data', 'm2m:cnt': { rn: 'data' } },
  'm2m:tsn': { mdlt: ['20250101T000000'], mdc: 1 },
  'm2m:uri': 'cse-in/myAE',
  'm2m:uril': ['cse-in/a', 'cse-in/b'],
  'm2m:dbg': 'resource does not exist',
  'm2m:atrl': ['rn', 'lbl'],
  'm2m:qres': 'SELECT ...',
  'm2m:rqp': { op: 2, to: 'cse-in/x', fr: 'Cabc', rqi: 'p1', rvi: '3' },
  'm2m:rsp': { rsc: 2001, rqi: 'r1', rvi: '3', pc: { 'm2m:cnt': {} } },
};

describe('content schemas', () => {
  it('has a schema for every pc member the issue lists', () => {
    for (const key of Object.keys(examples)) expect(contentSchemaOf(key), key).toBeDefined();
  });

  it('names every schema key in the qualified name table', () => {
    for (const key of CONTENT_NAMES) expect(key.slice(4) in QUALIFIED_NAMES, key).toBe(true);
    expect(contentSchemaOf('__proto__')).toBeUndefined();
    expect(contentSchemaOf('m2m:unknown')).toBeUndefined();
  });

  it.each(Object.entries(examples))('accepts a %s representation', (key, value) => {
    const r = contentSchemaOf(key)!.safeParse(value);
    expect(r.success, JSON.stringify(r.error?.issues)).toBe(true);
  });

  it.each([
    ['m2m:ae', { rr: 'true' }, ['rr']],
    ['m2m:ae', { srv: '3' }, ['srv']],
    ['m2m:cnt', { mni: 1.5 }, ['mni']],
    ['m2m:cnt', { ct: '2025-01-01' }, ['ct']],
    ['m2m:cin', { cs: -1 }, ['cs']],
    ['m2m:sub', { nu: [1] }, ['nu', 0]],
    ['m2m:sub', { enc: { om: { ops: 1 } } }, ['enc', 'om']],
    ['m2m:sub', { bn: { dur: 10 } }, ['bn', 'dur']],
    ['m2m:acp', { pv: { acr: [{ acop: 1 }] } }, ['pv', 'acr', 0, 'acor']],
    ['m2m:grp', { mnm: 0 }, ['mnm']],
    ['m2m:ts', { mdd: 'yes' }, ['mdd']],
    ['m2m:tsi', { dgt: 'now' }, ['dgt']],
    ['m2m:sgn', { nev: { net: '3' } }, ['nev', 'net']],
    ['m2m:rrl', { rrf: [{ nm: 'a', typ: 3 }] }, ['rrf', 0, 'val']],
    ['m2m:uril', ['a', 2], [1]],
    ['m2m:rsp', { rqi: 'a' }, ['rsc']],
    ['m2m:agn', { 'm2m:sgn': [{ vrq: 1 }] }, ['m2m:sgn', 0, 'vrq']],
  ])('rejects a wrong type in %s', (key, value, path) => {
    const r = contentSchemaOf(key)!.safeParse(value);
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.path).toEqual(path);
  });

  it('keeps unknown members (later releases, custom flexContainer attributes)', () => {
    const r = flexContainerSchema.safeParse({ cnd: 'x', curT0: 20, nested: { a: 1 } });
    expect(r.success && r.data).toMatchObject({ curT0: 20, nested: { a: 1 } });
    const n = notificationSchema.safeParse({ sur: 's', rvi: '2a', vendor: true });
    expect(n.success && n.data).toMatchObject({ rvi: '2a', vendor: true });
  });

  it('accepts any content in a contentInstance', () => {
    for (const con of ['x', 1, false, null, [1, 'a'], { deep: { x: [1] } }, new Uint8Array(2)]) {
      expect(contentInstanceSchema.safeParse({ con }).success).toBe(true);
    }
  });
});

describe('primitive schemas', () => {
  it('types rvi as a string and rt as {rtv, nu}', () => {
    expect(requestPrimitiveSchema.safeParse({ op: 2, to: 'x', rqi: 'r', rvi: 3 }).success).toBe(false);
    expect(
      requestPrimitiveSchema.safeParse({ op: 2, to: 'x', rqi: 'r', rt: { rtv: 2, nu: ['C'] } }).success,
    ).toBe(true);
    expect(requestPrimitiveSchema.safeParse({ op: 2, to: 'x', rqi: 'r', rt: { nu: ['C'] } }).success).toBe(
      false,
    );
  });

  it('accepts every absRel form in the expiration parameters', () => {
    for (const rqet of [5000, '5000', '-100', '20250101T000000', '20250101T000000,5']) {
      expect(requestPrimitiveSchema.safeParse({ op: 2, to: 'x', rqi: 'r', rqet }).success, String(rqet)).toBe(
        true,
      );
    }
    for (const rqet of [1.5, 'PT5S', '', true]) {
      expect(requestPrimitiveSchema.safeParse({ op: 2, to: 'x', rqi: 'r', rqet }).success, String(rqet)).toBe(
        false,
      );
    }
  });

  it('accepts filter criteria with flat attribute keys and the spec atr form', () => {
    expect(filterCriteriaSchema.safeParse({ cr: 'CAdmin', rn: 'x*' }).success).toBe(true);
    expect(filterCriteriaSchema.safeParse({ atr: [{ nm: 'cr', val: 'CAdmin' }] }).success).toBe(true);
    expect(filterCriteriaSchema.safeParse({ atr: [{ val: 'CAdmin' }] }).success).toBe(false);
    expect(filterCriteriaSchema.safeParse({ lim: -1 }).success).toBe(false);
    expect(filterCriteriaSchema.safeParse({ lvl: 0 }).success).toBe(false);
  });

  it('lets responses carry members the spec does not list', () => {
    expect(responsePrimitiveSchema.safeParse({ rsc: 2000, rcn: 1, drt: 1 }).success).toBe(true);
  });
});

/** Paths of zod issues, including those nested inside union alternatives. */
function issuePaths(
  issues: readonly { path: PropertyKey[]; code: string; errors?: unknown }[],
  prefix: PropertyKey[] = [],
): string[] {
  return issues.flatMap((i) => {
    const path = [...prefix, ...i.path];
    const nested =
      i.code === 'invalid_union' ? (i.errors as (typeof issues)[]).flatMap((e) => issuePaths(e, path)) : [];
    return [path.join('.'), ...nested];
  });
}

describe('zod schemas and the zod-free checker agree', () => {
  // Values shaped like the specs, with random wrong types mixed in at every level.
  const leaf = fc.oneof(
    fc.string({ maxLength: 4 }),
    fc.constantFrom('20250101T000000', '20250101T000000,5', '5000', '', 'PT5S', 'x'),
    fc.integer({ min: -3, max: 70 }),
    fc.double({ noNaN: true }),
    fc.boolean(),
    fc.constant(null),
    fc.constant(undefined),
  );
  function shaped(spec: unknown, depth: number): fc.Arbitrary<unknown> {
    if (depth > 3) return leaf;
    if (typeof spec === 'string') {
      const right: Record<string, fc.Arbitrary<unknown>> = {
        S: fc.array(fc.oneof(fc.string({ maxLength: 3 }), leaf), { maxLength: 3 }),
        I: fc.array(fc.oneof(fc.integer(), leaf), { maxLength: 3 }),
        A: fc.array(leaf, { maxLength: 2 }),
        o: fc.dictionary(fc.string({ maxLength: 3 }), leaf, { maxKeys: 2 }),
        ois: fc.oneof(fc.dictionary(fc.string({ maxLength: 3 }), leaf, { maxKeys: 2 }), leaf),
        sA: fc.oneof(fc.array(leaf, { maxLength: 2 }), leaf),
      };
      return right[spec] ?? leaf;
    }
    if (Array.isArray(spec)) {
      return fc.oneof(
        fc.array(shaped(spec[0], depth + 1), { maxLength: spec[1] === undefined ? 3 : spec[1] + 2 }),
        leaf,
      );
    }
    const members: Record<string, fc.Arbitrary<unknown>> = {};
    for (const [key, member] of Object.entries(spec as object))
      members[key.replace('!', '')] = shaped(member, depth + 1);
    return fc.oneof(
      { weight: 5, arbitrary: fc.record(members, { requiredKeys: [] }) },
      { weight: 1, arbitrary: leaf },
      { weight: 1, arbitrary: fc.array(leaf, { maxLength: 1 }) },
    );
  }

  it.each(Object.keys(CONTENT_SPECS))('%s', (key) => {
    const spec = CONTENT_SPECS[key as keyof typeof CONTENT_SPECS];
    const schema = contentSchemaOf(key)!;
    const checker = checkerOf(spec);
    fc.assert(
      fc.property(shaped(spec, 0), (value) => {
        const z = schema.safeParse(value);
        const mine = checker(value);
        expect(mine === undefined, JSON.stringify({ mine, zod: z.error?.issues[0] })).toBe(z.success);
        // zod reports every issue; the checker stops at the first one it meets, which zod lists too.
        if (mine && !z.success) expect(issuePaths(z.error.issues)).toContain(mine.path);
      }),
      { numRuns: 150 },
    );
  });
});

describe('entry points', () => {
  it('keeps zod out of the package root and puts the schemas in ./schemas', async () => {
    const root = await import('../src/index.js');
    expect('aeSchema' in root).toBe(false);
    expect('toZod' in root).toBe(false);
    expect(typeof root.validateRequest).toBe('function');
    expect(typeof zodEntry.aeSchema.safeParse).toBe('function');
    expect(typeof zodEntry.toZod).toBe('function');
  });
});

describe('resource rules', () => {
  it('lists the mandatory create attributes of the AE types', () => {
    expect(rulesOf('m2m:ae').mandatory).toEqual(['api', 'rr', 'srv']);
    expect(rulesOf('m2m:sub').mandatory).toEqual(['nu']);
    expect(rulesOf('cod:tempe').mandatory).toEqual(['cnd']);
    expect(rulesOf('m2m:cin').immutable).toBe(true);
    expect(rulesOf('m2m:unknown').mandatory).toEqual([]);
    expect(rulesOf('m2m:cnt').notOnUpdate).toContain('rn');
  });
});

describe('inferred types', () => {
  it('type the known attributes and allow extra members', () => {
    const ae: AE = aeSchema.parse(examples['m2m:ae']);
    const cnt: Container = containerSchema.parse(examples['m2m:cnt']);
    const sub: Subscription = subscriptionSchema.parse(examples['m2m:sub']);
    const sgn: Notification = notificationSchema.parse(examples['m2m:sgn']);
    const api: string | undefined = ae.api;
    const mni: number | undefined = cnt.mni;
    const nu: string[] | undefined = sub.nu;
    const net: number | undefined = sgn.nev?.net;
    expect([api, mni, nu, net]).toEqual(['Nmyapp', 100, ['Cabc'], 3]);
  });
});
