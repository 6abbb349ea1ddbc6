import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ALLOWED_RESULT_CONTENT } from '../src/constants.js';
import { ProtocolError } from '../src/errors.js';
import type { RequestPrimitive } from '../src/primitive.js';
import { toTimestamp } from '../src/timestamp.js';
import {
  parseIncomingRequest,
  parseIncomingResponse,
  validateRequest,
  validateRequestParameters,
  validateResource,
  validateResponse,
} from '../src/validate.js';

type Req = Record<string, any>;

function fieldOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ProtocolError);
    const err = e as ProtocolError;
    expect(err.code).toBe('INVALID_PRIMITIVE');
    if (err.field) expect(err.message).toContain(err.field);
    return err.field ?? '';
  }
  return undefined;
}

// ---- generators of valid requests -------------------------------------------------------------

const rvi = fc.constantFrom('2', '2a', '3', '4', '5');
const name = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._-]{0,11}$/);
const id = fc.stringMatching(/^C[A-Za-z0-9]{1,10}$/);
const labels = fc.array(fc.stringMatching(/^[a-z]{1,6}(:[a-z0-9]{1,4})?$/), { maxLength: 3 });
const ts = fc
  .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T23:59:59Z'), noInvalidDate: true })
  .map((d) => toTimestamp(d));

/** A valid resource for CREATE, keyed by ty. */
const createContent: fc.Arbitrary<[number, string, Req]> = fc.oneof(
  fc
    .record(
      {
        rn: name,
        api: fc.constantFrom('Nmyapp', 'Ra01.com.example.app'),
        rr: fc.boolean(),
        srv: fc.constant(['3']),
        poa: fc.constant(['ws://default']),
      },
      { requiredKeys: ['api', 'rr', 'srv'] },
    )
    .map((r) => [2, 'm2m:ae', r] as [number, string, Req]),
  fc
    .record(
      { rn: name, mni: fc.nat(1000), mbs: fc.nat(), lbl: labels, cr: fc.constant(null) },
      { requiredKeys: [] },
    )
    .map((r) => [3, 'm2m:cnt', r] as [number, string, Req]),
  fc
    .record(
      {
        cnf: fc.constant('text/plain:0'),
        con: fc.oneof(fc.string(), fc.integer(), fc.dictionary(fc.string(), fc.string())),
      },
      { requiredKeys: ['con'] },
    )
    .map((r) => [4, 'm2m:cin', r] as [number, string, Req]),
  fc
    .record(
      {
        rn: name,
        nu: fc.array(id, { minLength: 1, maxLength: 2 }),
        enc: fc.record({ net: fc.array(fc.integer({ min: 1, max: 8 }), { maxLength: 5 }) }),
        nct: fc.integer({ min: 1, max: 5 }),
        bn: fc.record({ num: fc.integer({ min: 1, max: 10 }), dur: fc.constant('PT10S') }),
      },
      { requiredKeys: ['nu'] },
    )
    .map((r) => [23, 'm2m:sub', r] as [number, string, Req]),
  fc
    .record({ acor: fc.array(id, { minLength: 1 }), acop: fc.integer({ min: 1, max: 63 }) })
    .map((acr) => [1, 'm2m:acp', { pv: { acr: [acr] }, pvs: { acr: [acr] } }] as [number, string, Req]),
  fc
    .record(
      { mnm: fc.integer({ min: 1, max: 10 }), mid: fc.array(id, { maxLength: 3 }), mt: fc.constant(3) },
      { requiredKeys: ['mnm', 'mid'] },
    )
    .map((r) => [9, 'm2m:grp', r] as [number, string, Req]),
  fc
    .record({ cnd: fc.constant('org.onem2m.common.moduleclass.temperature'), curT0: fc.integer() })
    .map((r) => [28, 'cod:tempe', r] as [number, string, Req]),
  fc
    .record({ rn: name, pei: fc.nat(), mdd: fc.boolean() }, { requiredKeys: [] })
    .map((r) => [29, 'm2m:ts', r] as [number, string, Req]),
  fc
    .record({ dgt: ts, con: fc.string(), snr: fc.nat() }, { requiredKeys: ['dgt', 'con'] })
    .map((r) => [30, 'm2m:tsi', r] as [number, string, Req]),
  fc.record({ rn: name }, { requiredKeys: [] }).map((r) => [15, 'm2m:pch', r] as [number, string, Req]),
);

const common = fc.record(
  {
    rqi: fc.stringMatching(/^[a-z0-9-]{1,12}$/),
    rvi,
    to: fc.constantFrom('cse-in', 'cse-in/myAE', '/id-in/cse-in/x', '-/a'),
    ot: ts,
    rqet: fc.oneof(fc.nat(100000), ts),
  },
  { requiredKeys: ['rqi', 'rvi', 'to'] },
);

const createReq = fc
  .tuple(
    common,
    createContent,
    fc.option(fc.constantFrom(...ALLOWED_RESULT_CONTENT.create), { nil: undefined }),
    id,
  )
  .map(([c, [ty, key, res], rcn, fr]) => {
    const r: Req = { ...c, op: 1, fr, ty, pc: { [key]: res } };
    if (rcn !== undefined) r.rcn = rcn;
    return r;
  });

const retrieveReq = fc
  .tuple(
    common,
    id,
    fc.boolean(),
    fc.record(
      { ty: fc.array(fc.constantFrom(2, 3, 4), { maxLength: 2 }), lbl: labels, lim: fc.nat(100), cra: ts },
      { requiredKeys: [] },
    ),
  )
  .chain(([c, fr, discovery, crit]) => {
    const set = discovery ? ALLOWED_RESULT_CONTENT.discovery : ALLOWED_RESULT_CONTENT.retrieve;
    return fc.option(fc.constantFrom(...set), { nil: undefined }).map((rcn) => {
      const r: Req = { ...c, op: 2, fr, fc: { ...crit, fu: discovery ? 1 : 2 } };
      if (rcn !== undefined) r.rcn = rcn;
      if (discovery) r.drt = 1;
      return r;
    });
  });

const updateReq = fc
  .tuple(
    common,
    id,
    fc.oneof(
      fc
        .record({ lbl: fc.oneof(labels, fc.constant(null)), mni: fc.nat(50) }, { requiredKeys: [] })
        .map((v) => ({ 'm2m:cnt': v })),
      fc
        .record({ poa: fc.constant(['ws://default']), lbl: labels }, { requiredKeys: [] })
        .map((v) => ({ 'm2m:ae': v })),
    ),
  )
  .map(([c, fr, pc]) => ({ ...c, op: 3, fr, pc }) as Req);

const deleteReq = fc
  .tuple(common, id, fc.option(fc.constantFrom(...ALLOWED_RESULT_CONTENT.delete), { nil: undefined }))
  .map(([c, fr, rcn]) => {
    const r: Req = { ...c, op: 4, fr };
    if (rcn !== undefined) r.rcn = rcn;
    return r;
  });

const notifyReq = fc
  .tuple(
    common,
    fc.oneof(
      fc.record({
        nev: fc.record({
          rep: fc.constant({ 'm2m:cin': { con: '1' } }),
          net: fc.integer({ min: 1, max: 4 }),
        }),
        sur: fc.constant('/id-in/sub1'),
      }),
      fc.constant({ vrq: true, sur: '/id-in/sub1', cr: 'Cx' }),
      fc.constant({ sud: true, sur: '/id-in/sub1' }),
    ),
  )
  .map(([c, sgn]) => ({ ...c, op: 5, fr: '/id-in', pc: { 'm2m:sgn': sgn } }) as Req);

const anyReq = fc.oneof(createReq, retrieveReq, updateReq, deleteReq, notifyReq);

// ---- tests ----------------------------------------------------------------------------------

describe('validateRequest accepts valid requests', () => {
  it('accepts the digest Appendix C walk-through', () => {
    const requests: Req[] = [
      {
        op: 1,
        to: 'cse-in',
        fr: 'C',
        rqi: 'r1',
        rvi: '3',
        ty: 2,
        pc: { 'm2m:ae': { rn: 'myAE', api: 'Nmyapp', rr: true, srv: ['3'], poa: ['ws://default'] } },
      },
      {
        op: 1,
        to: 'cse-in/myAE',
        fr: 'Cabc',
        rqi: 'r2',
        rvi: '3',
        ty: 3,
        pc: { 'm2m:cnt': { rn: 'data', mni: 100 } },
      },
      {
        op: 1,
        to: 'cse-in/myAE/data',
        fr: 'Cabc',
        rqi: 'r3',
        rvi: '3',
        ty: 4,
        pc: { 'm2m:cin': { cnf: 'text/plain:0', con: '21.5' } },
      },
      {
        op: 1,
        to: 'cse-in/myAE/data',
        fr: 'Cabc',
        rqi: 'r4',
        rvi: '3',
        ty: 23,
        pc: { 'm2m:sub': { rn: 'sub1', nu: ['Cabc'], enc: { net: [3] }, nct: 1 } },
      },
      { op: 2, to: 'cse-in/myAE', fr: 'Cabc', rqi: 'r5', rvi: '3', fc: { fu: 1, ty: [4], lim: 5 } },
      { op: 4, to: 'cse-in/myAE', fr: 'Cabc', rqi: 'r6', rvi: '3' },
      {
        op: 5,
        to: 'Cabc',
        fr: '/id-in',
        rqi: 'n77',
        rvi: '5',
        ot: '20250101T120000',
        pc: { 'm2m:sgn': { nev: { rep: { 'm2m:cin': { con: '1' } }, net: 3 }, sur: '/id-in/sub9876' } },
      },
      { op: 2, to: 'cse-in/myAE', fr: 'Cabc', rqi: 'r7', rvi: '3', fc: { cr: 'CAdmin', lbl: ['a'] } },
      { op: 2, to: 'cse-in/x', fr: 'Cabc', rqi: 'r8', rvi: '3', pc: { 'm2m:atrl': ['rn', 'lbl'] } },
      {
        op: 1,
        to: 'cse-in',
        fr: 'Cabc',
        rqi: 'r9',
        rvi: '3',
        ty: 1,
        rcn: 3,
        rt: { rtv: 2, nu: [] },
        pc: {
          'm2m:acp': {
            pv: { acr: [{ acor: ['Cabc'], acop: 63 }] },
            pvs: { acr: [{ acor: ['Cabc'], acop: 63 }] },
          },
        },
      },
      {
        op: 5,
        to: 'Cabc',
        fr: '/id-in',
        rqi: 'n78',
        rvi: '3',
        pc: {
          'm2m:agn': {
            'm2m:sgn': [
              { sur: 's', nev: { net: 1 } },
              { sur: 's', sud: true },
            ],
          },
        },
      },
      {
        op: 5,
        to: 'Cabc',
        fr: '/id-in',
        rqi: 'n79',
        rvi: '3',
        pc: { 'm2m:rsp': { rsc: 2001, rqi: 'r1', rvi: '3', pc: { 'm2m:cnt': {} } } },
      },
    ];
    for (const r of requests) expect(validateRequest(r)).toBe(r);
  });

  it('lets an AE CREATE omit fr or send an empty one', () => {
    const ae = {
      op: 1,
      to: 'cse-in',
      rqi: 'r1',
      rvi: '3',
      ty: 2,
      pc: { 'm2m:ae': { api: 'Nx', rr: false, srv: ['3'] } },
    };
    expect(() => validateRequest(ae)).not.toThrow();
    expect(() => validateRequest({ ...ae, fr: '' })).not.toThrow();
  });

  it('accepts every generated valid request', () => {
    fc.assert(
      fc.property(anyReq, (r) => {
        expect(fieldOf(() => validateRequest(r))).toBeUndefined();
      }),
      { numRuns: 500 },
    );
  });
});

/** One send-side rule: which requests it applies to, how to break one, and the field it names. */
interface Rule {
  name: string;
  arb: fc.Arbitrary<Req>;
  mutate: (r: Req) => void;
  field: string | ((r: Req) => string);
}

const pcKey = (r: Req) => Object.keys(r.pc)[0]!;

const requestRules: Rule[] = [
  {
    name: 'numeric rvi',
    arb: anyReq,
    mutate: (r) => {
      r.rvi = 3;
    },
    field: 'rvi',
  },
  {
    name: 'missing rvi',
    arb: anyReq,
    mutate: (r) => {
      delete r.rvi;
    },
    field: 'rvi',
  },
  {
    name: 'malformed rvi',
    arb: anyReq,
    mutate: (r) => {
      r.rvi = 'three';
    },
    field: 'rvi',
  },
  {
    name: 'op out of range',
    arb: anyReq,
    mutate: (r) => {
      r.op = 6;
    },
    field: 'op',
  },
  {
    name: 'op not an integer',
    arb: anyReq,
    mutate: (r) => {
      r.op = '1';
    },
    field: 'op',
  },
  {
    name: 'missing to',
    arb: anyReq,
    mutate: (r) => {
      delete r.to;
    },
    field: 'to',
  },
  {
    name: 'empty to',
    arb: anyReq,
    mutate: (r) => {
      r.to = '';
    },
    field: 'to',
  },
  {
    name: 'missing rqi',
    arb: anyReq,
    mutate: (r) => {
      delete r.rqi;
    },
    field: 'rqi',
  },
  {
    name: 'numeric rqi',
    arb: anyReq,
    mutate: (r) => {
      r.rqi = 17;
    },
    field: 'rqi',
  },
  {
    name: 'unknown parameter',
    arb: anyReq,
    mutate: (r) => {
      r.resultContnt = 1;
    },
    field: 'resultContnt',
  },
  {
    name: 'malformed ot',
    arb: anyReq,
    mutate: (r) => {
      r.ot = '2025-01-01T00:00:00Z';
    },
    field: 'ot',
  },
  {
    name: 'malformed rqet',
    arb: anyReq,
    mutate: (r) => {
      r.rqet = 'tomorrow';
    },
    field: 'rqet',
  },
  {
    name: 'invalid ec',
    arb: anyReq,
    mutate: (r) => {
      r.ec = 50;
    },
    field: 'ec',
  },
  {
    name: 'rt.nu with rtv ≠ 2',
    arb: anyReq,
    mutate: (r) => {
      r.rt = { rtv: 3, nu: ['Cx'] };
    },
    field: 'rt.nu',
  },
  {
    name: 'rt.rtv out of range',
    arb: anyReq,
    mutate: (r) => {
      r.rt = { rtv: 9 };
    },
    field: 'rt.rtv',
  },
  {
    name: 'rt not an object',
    arb: anyReq,
    mutate: (r) => {
      r.rt = 2;
    },
    field: 'rt',
  },
  {
    name: 'fr missing outside AE CREATE',
    arb: fc.oneof(retrieveReq, updateReq, deleteReq, notifyReq),
    mutate: (r) => {
      delete r.fr;
    },
    field: 'fr',
  },
  {
    name: 'fc on CREATE',
    arb: createReq,
    mutate: (r) => {
      r.fc = { lbl: ['a'] };
    },
    field: 'fc',
  },
  {
    name: 'fc on NOTIFY',
    arb: notifyReq,
    mutate: (r) => {
      r.fc = { lbl: ['a'] };
    },
    field: 'fc',
  },
  {
    name: 'ty missing on CREATE',
    arb: createReq,
    mutate: (r) => {
      delete r.ty;
    },
    field: 'ty',
  },
  {
    name: 'ty on a non-CREATE',
    arb: fc.oneof(retrieveReq, updateReq, deleteReq, notifyReq),
    mutate: (r) => {
      r.ty = 3;
    },
    field: 'ty',
  },
  {
    name: 'ty not matching pc',
    arb: createReq,
    mutate: (r) => {
      r.ty = r.ty === 3 ? 4 : 3;
    },
    field: 'ty',
  },
  {
    name: 'pc missing on CREATE/UPDATE/NOTIFY',
    arb: fc.oneof(createReq, updateReq, notifyReq),
    mutate: (r) => {
      delete r.pc;
    },
    field: 'pc',
  },
  {
    name: 'pc with two members',
    arb: fc.oneof(createReq, updateReq, notifyReq),
    mutate: (r) => {
      r.pc['m2m:other'] = {};
    },
    field: 'pc',
  },
  {
    name: 'pc with no member',
    arb: fc.oneof(createReq, updateReq, notifyReq),
    mutate: (r) => {
      r.pc = {};
    },
    field: 'pc',
  },
  {
    name: 'pc not an object',
    arb: fc.oneof(createReq, updateReq, notifyReq),
    mutate: (r) => {
      r.pc = 'x';
    },
    field: 'pc',
  },
  {
    name: 'pc on DELETE',
    arb: deleteReq,
    mutate: (r) => {
      r.pc = { 'm2m:cnt': {} };
    },
    field: 'pc',
  },
  {
    name: 'resource pc on RETRIEVE',
    arb: retrieveReq,
    mutate: (r) => {
      r.pc = { 'm2m:cnt': {} };
    },
    field: 'pc',
  },
  {
    name: 'notification as CREATE content',
    arb: createReq,
    mutate: (r) => {
      r.pc = { 'm2m:sgn': { sur: 'x' } };
    },
    field: 'pc',
  },
  {
    name: 'non-notification pc on NOTIFY',
    arb: notifyReq,
    mutate: (r) => {
      r.pc = { 'm2m:cnt': {} };
    },
    field: 'pc',
  },
  {
    name: 'non-null cr on CREATE',
    arb: createReq,
    mutate: (r) => {
      r.pc[pcKey(r)].cr = 'Cme';
    },
    field: (r) => `pc.${pcKey(r)}.cr`,
  },
  {
    name: 'null attribute on CREATE',
    arb: createReq,
    mutate: (r) => {
      r.pc[pcKey(r)].lbl = null;
    },
    field: (r) => `pc.${pcKey(r)}.lbl`,
  },
  {
    name: 'read-only ri on CREATE',
    arb: createReq,
    mutate: (r) => {
      r.pc[pcKey(r)].ri = 'x1';
    },
    field: (r) => `pc.${pcKey(r)}.ri`,
  },
  {
    name: 'labels not a list',
    arb: fc.oneof(createReq, updateReq),
    mutate: (r) => {
      r.pc[pcKey(r)].lbl = 'a b';
    },
    field: (r) => `pc.${pcKey(r)}.lbl`,
  },
  {
    name: 'rn on UPDATE',
    arb: updateReq,
    mutate: (r) => {
      r.pc[pcKey(r)].rn = 'new';
    },
    field: (r) => `pc.${pcKey(r)}.rn`,
  },
  {
    name: 'UPDATE of a contentInstance',
    arb: updateReq,
    mutate: (r) => {
      r.pc = { 'm2m:cin': { lbl: ['a'] } };
    },
    field: 'pc.m2m:cin',
  },
  {
    name: 'rcn on NOTIFY',
    arb: notifyReq,
    mutate: (r) => {
      r.rcn = 1;
    },
    field: 'rcn',
  },
  {
    name: 'rcn invalid for the operation',
    arb: fc.oneof(createReq, retrieveReq, updateReq, deleteReq),
    mutate: (r) => {
      const sets = [
        ALLOWED_RESULT_CONTENT.create,
        r.fc?.fu === 1 ? ALLOWED_RESULT_CONTENT.discovery : ALLOWED_RESULT_CONTENT.retrieve,
        ALLOWED_RESULT_CONTENT.update,
        ALLOWED_RESULT_CONTENT.delete,
      ];
      r.rcn = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].find((v) => !sets[r.op - 1]!.includes(v));
    },
    field: 'rcn',
  },
  {
    name: 'drt outside RETRIEVE',
    arb: fc.oneof(createReq, updateReq, deleteReq, notifyReq),
    mutate: (r) => {
      r.drt = 1;
    },
    field: 'drt',
  },
  {
    name: 'sqi outside RETRIEVE',
    arb: fc.oneof(createReq, updateReq, deleteReq, notifyReq),
    mutate: (r) => {
      r.sqi = false;
    },
    field: 'sqi',
  },
  {
    name: 'fc.fu out of range',
    arb: retrieveReq,
    mutate: (r) => {
      r.fc.fu = 7;
    },
    field: 'fc.fu',
  },
  {
    name: 'fc.ty not a list',
    arb: retrieveReq,
    mutate: (r) => {
      r.fc.ty = 3;
    },
    field: 'fc.ty',
  },
  {
    name: 'fc.cra malformed',
    arb: retrieveReq,
    mutate: (r) => {
      r.fc.cra = 'yesterday';
    },
    field: 'fc.cra',
  },
  {
    name: 'rp on NOTIFY',
    arb: notifyReq,
    mutate: (r) => {
      r.rp = 1000;
    },
    field: 'rp',
  },
  {
    name: 'notification without sur',
    arb: notifyReq,
    mutate: (r) => {
      delete r.pc['m2m:sgn'].sur;
    },
    field: 'pc.m2m:sgn.sur',
  },
  {
    name: 'notification vrq not boolean',
    arb: notifyReq,
    mutate: (r) => {
      r.pc['m2m:sgn'].vrq = 'true';
    },
    field: 'pc.m2m:sgn.vrq',
  },
];

describe('validateRequest rejects what the spec forbids, naming the field', () => {
  for (const rule of requestRules) {
    it(rule.name, () => {
      fc.assert(
        fc.property(rule.arb, (valid) => {
          const r = structuredClone(valid);
          rule.mutate(r);
          const expected = typeof rule.field === 'string' ? rule.field : rule.field(r);
          expect(fieldOf(() => validateRequest(r))).toBe(expected);
        }),
        { numRuns: 60 },
      );
    });
  }

  it.each([
    ['AE api missing', { 'm2m:ae': { rr: true, srv: ['3'] } }, 2, 'pc.m2m:ae.api'],
    ['AE srv missing', { 'm2m:ae': { api: 'Nx', rr: true } }, 2, 'pc.m2m:ae.srv'],
    ['AE aei on CREATE', { 'm2m:ae': { api: 'Nx', rr: true, srv: ['3'], aei: 'C1' } }, 2, 'pc.m2m:ae.aei'],
    ['cin without con', { 'm2m:cin': { cnf: 'text/plain:0' } }, 4, 'pc.m2m:cin.con'],
    ['sub without nu', { 'm2m:sub': { enc: { net: [1] } } }, 23, 'pc.m2m:sub.nu'],
    ['sub nu not a list', { 'm2m:sub': { nu: 'Cabc' } }, 23, 'pc.m2m:sub.nu'],
    [
      'sub with six event types',
      { 'm2m:sub': { nu: ['C'], enc: { net: [1, 2, 3, 4, 5, 6] } } },
      23,
      'pc.m2m:sub.enc.net',
    ],
    ['sub bn.num zero', { 'm2m:sub': { nu: ['C'], bn: { num: 0 } } }, 23, 'pc.m2m:sub.bn.num'],
    ['acp empty pvs', { 'm2m:acp': { pv: { acr: [] }, pvs: { acr: [] } } }, 1, 'pc.m2m:acp.pvs.acr'],
    [
      'acp acop above 63',
      { 'm2m:acp': { pv: { acr: [] }, pvs: { acr: [{ acor: ['C'], acop: 64 }] } } },
      1,
      'pc.m2m:acp.pvs.acr.0.acop',
    ],
    ['grp without mid', { 'm2m:grp': { mnm: 3 } }, 9, 'pc.m2m:grp.mid'],
    ['fcnt without cnd', { 'cod:tempe': { curT0: 1 } }, 28, 'pc.cod:tempe.cnd'],
    ['specialization with another ty', { 'cod:tempe': { cnd: 'x' } }, 3, 'ty'],
    ['tsi without dgt', { 'm2m:tsi': { con: '1' } }, 30, 'pc.m2m:tsi.dgt'],
    ['request resource', { 'm2m:req': {} }, 17, 'pc.m2m:req'],
    ['cnt mni negative', { 'm2m:cnt': { mni: -1 } }, 3, 'pc.m2m:cnt.mni'],
    ['cnt with a fraction', { 'm2m:cnt': { mbs: 1.5 } }, 3, 'pc.m2m:cnt.mbs'],
    ['resource not an object', { 'm2m:cnt': 'x' }, 3, 'pc.m2m:cnt'],
  ])('CREATE: %s', (_name, pc, ty, field) => {
    const r = { op: 1, to: 'cse-in', fr: 'Cabc', rqi: 'r', rvi: '3', ty, pc };
    expect(fieldOf(() => validateRequest(r))).toBe(field);
  });

  it.each([
    ['more than two leading slashes', '///sp/id-in/cse-in', 'to'],
    ['a trailing slash', 'cse-in/myAE/', 'to'],
    ['a trailing slash before an attribute', 'cse-in/myAE/#lbl', 'to'],
    ['an empty attribute name', 'cse-in/myAE#', 'to'],
    ['an absolute ID', '//acme.example.com/id-in/cse-in/myAE', undefined],
    ['an attribute target', 'cse-in/myAE#lbl', undefined],
    ['the dash shortcut', '-/myAE', undefined],
    ['a URL target with a trailing slash', 'http://127.0.0.1:9999/', undefined],
  ])('checks to with %s', (_name, to, field) => {
    expect(fieldOf(() => validateRequest({ op: 2, to, fr: 'C1', rqi: 'r', rvi: '3' }))).toBe(field);
  });

  it.each([
    ['rn with a space', { 'm2m:cnt': { rn: 'my data' } }, 3, 'pc.m2m:cnt.rn'],
    ['rn starting with a dot', { 'm2m:cnt': { rn: '.x' } }, 3, 'pc.m2m:cnt.rn'],
    [
      'App-ID not starting with R or N',
      { 'm2m:ae': { api: 'myapp', rr: true, srv: ['3'] } },
      2,
      'pc.m2m:ae.api',
    ],
    ['valid names', { 'm2m:cnt': { rn: 'Data_1.v-2' } }, 3, undefined],
    [
      'tolerated lower-case r App-ID',
      { 'm2m:ae': { api: 'ra01.com.x', rr: true, srv: ['3'] } },
      2,
      undefined,
    ],
  ])('checks %s on CREATE', (_name, pc, ty, field) => {
    expect(
      fieldOf(() => validateRequest({ op: 1, to: 'cse-in', fr: 'C1', rqi: 'r', rvi: '3', ty, pc })),
    ).toBe(field);
  });

  it('rejects fc.fo outside 1..3', () => {
    const r = { op: 2, to: 'x', fr: 'C1', rqi: 'r', rvi: '3', fc: { fo: 4 } };
    expect(fieldOf(() => validateRequest(r))).toBe('fc.fo');
    expect(fieldOf(() => validateRequest({ ...r, fc: { fo: 2 } }))).toBeUndefined();
  });

  it('requires rcn 10 with sqi', () => {
    const r = { op: 2, to: 'x', fr: 'C1', rqi: 'r', rvi: '3', sqi: true, rcn: 1 };
    expect(fieldOf(() => validateRequest(r))).toBe('rcn');
    expect(fieldOf(() => validateRequest({ ...r, rcn: 10 }))).toBeUndefined();
  });

  it('rejects a fc.cfs without cfq and incomplete geo queries', () => {
    const base = { op: 2, to: 'x', fr: 'C1', rqi: 'r', rvi: '3' };
    expect(fieldOf(() => validateRequest({ ...base, fc: { cfs: 1 } }))).toBe('fc.cfq');
    expect(fieldOf(() => validateRequest({ ...base, fc: { gmty: 1, gsf: 1 } }))).toBe('fc.gmty');
    expect(
      fieldOf(() => validateRequest({ ...base, fc: { gmty: 1, gsf: 1, geom: '[1,2]' } })),
    ).toBeUndefined();
  });

  it('treats __proto__ and constructor members as plain data', () => {
    const r = JSON.parse(
      '{"op":3,"to":"x","fr":"C1","rqi":"r","rvi":"3","pc":{"m2m:cnt":{"__proto__":{"mni":"x"},"constructor":1,"lbl":null}}}',
    );
    expect(fieldOf(() => validateRequest(r))).toBeUndefined();
    expect(({} as Record<string, unknown>).mni).toBeUndefined();
    const bad = JSON.parse('{"op":2,"to":"x","fr":"C1","rqi":"r","rvi":"3","__proto__":{"op":1}}');
    expect(fieldOf(() => validateRequest(bad))).toBe('__proto__');
  });

  it('rejects non-objects without crashing', () => {
    for (const bad of [null, undefined, 1, 'op', [], [{ op: 1 }], true]) {
      expect(fieldOf(() => validateRequest(bad))).toBe('');
    }
  });

  it('never throws anything but a ProtocolError on arbitrary input', () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        try {
          validateRequest(value);
        } catch (e) {
          expect(e).toBeInstanceOf(ProtocolError);
        }
        try {
          validateResponse(value);
        } catch (e) {
          expect(e).toBeInstanceOf(ProtocolError);
        }
      }),
    );
  });
});

describe('validateRequestParameters checks the parameters, not the resource inside pc', () => {
  for (const rule of requestRules) {
    it(rule.name, () => {
      fc.assert(
        fc.property(rule.arb, (valid) => {
          const r = structuredClone(valid);
          rule.mutate(r);
          const expected = typeof rule.field === 'string' ? rule.field : rule.field(r);
          // A fault inside the resource or notification (pc.m2m:cnt.mni) is validateRequest's alone.
          const inContent = expected.startsWith('pc.') && !expected.startsWith('pc.m2m:atrl');
          expect(fieldOf(() => validateRequestParameters(r))).toBe(inContent ? undefined : expected);
        }),
        { numRuns: 30 },
      );
    });
  }

  it('accepts every generated valid request', () => {
    fc.assert(
      fc.property(anyReq, (r) => {
        expect(fieldOf(() => validateRequestParameters(r))).toBeUndefined();
      }),
      { numRuns: 200 },
    );
  });
});

describe('validateResponse', () => {
  const ok = { rsc: 2000, rqi: 'n77', rvi: '5', to: '/id-in', fr: 'Cabc' };

  it('accepts a notification answer and a resource response', () => {
    expect(validateResponse(ok)).toBe(ok);
    const created = {
      rsc: 2001,
      rqi: 'r1',
      rvi: '3',
      ot: '20250101T000000',
      pc: {
        'm2m:ae': {
          rn: 'a',
          ri: 'Cabc',
          aei: 'Cabc',
          api: 'Nx',
          rr: true,
          srv: ['3'],
          ct: '20250101T000000,123456',
        },
      },
    };
    expect(() => validateResponse(created)).not.toThrow();
    expect(() =>
      validateResponse({ rsc: 4004, rqi: 'r', rvi: '3', pc: { 'm2m:dbg': 'not found' } }),
    ).not.toThrow();
    expect(() =>
      validateResponse({ rsc: 2000, rqi: 'r', rvi: '3', pc: { 'm2m:uril': ['a/b'] }, cnst: 1, cnot: 3 }),
    ).not.toThrow();
    expect(() => validateResponse({ rsc: 4999, rqi: 'r', rvi: '4' })).not.toThrow();
  });

  it.each([
    ['numeric rvi', { ...ok, rvi: 5 }, 'rvi'],
    ['missing rvi', { rsc: 2000, rqi: 'r' }, 'rvi'],
    ['missing rqi', { rsc: 2000, rvi: '3' }, 'rqi'],
    ['missing rsc', { rqi: 'r', rvi: '3' }, 'rsc'],
    ['fractional rsc', { ...ok, rsc: 2000.5 }, 'rsc'],
    ['rsc out of range', { ...ok, rsc: 200 }, 'rsc'],
    ['unknown parameter', { ...ok, rcn: 1 }, 'rcn'],
    ['pc with two members', { ...ok, pc: { 'm2m:cnt': {}, 'm2m:cin': {} } }, 'pc'],
    ['empty pc', { ...ok, pc: {} }, 'pc'],
    ['wrong attribute type', { ...ok, pc: { 'm2m:cnt': { mni: '5' } } }, 'pc.m2m:cnt.mni'],
    ['dbg not a string', { ...ok, pc: { 'm2m:dbg': { text: 'x' } } }, 'pc.m2m:dbg'],
    ['malformed ot', { ...ok, ot: '20250101' }, 'ot'],
    ['invalid cnst', { ...ok, cnst: 3 }, 'cnst'],
  ])('rejects %s', (_name, rsp, field) => {
    expect(fieldOf(() => validateResponse(rsp))).toBe(field);
  });
});

describe('receive side is tolerant', () => {
  it('accepts ACME responses echoing rcn and drt, with fractional ot', () => {
    const rsp = {
      rsc: 2000,
      rqi: 'r5',
      rvi: '3',
      ot: '20250101T120000,123456',
      rcn: 1,
      drt: 1,
      to: 'Cabc',
      fr: '/id-in',
      pc: { 'm2m:uril': [] },
    };
    expect(parseIncomingResponse(rsp)).toBe(rsp);
  });

  it('accepts a Mobius DELETE answer with empty pc and no rvi, and an error without rqi', () => {
    expect(() => parseIncomingResponse({ rsc: 2002, rqi: 'r', rvi: '2a', pc: {} })).not.toThrow();
    expect(() => parseIncomingResponse({ rsc: 4000, pc: { 'm2m:dbg': 'bad' } })).not.toThrow();
  });

  it('accepts a Mobius notification with rvi inside m2m:sgn and none outside', () => {
    const n = {
      op: 5,
      rqi: 'x',
      to: 'ws://host',
      fr: '/Mobius',
      pc: {
        'm2m:sgn': { rvi: '2a', nev: { rep: { 'm2m:cin': { con: 'x' } }, net: 3 }, sur: 'Mobius/ae/sub' },
      },
    };
    expect(parseIncomingRequest(n)).toBe(n);
  });

  it('accepts unknown members and R4/R5 values', () => {
    expect(() =>
      parseIncomingRequest({
        op: 2,
        to: 'x',
        rqi: 'r',
        rvi: '5',
        vendorThing: { a: 1 },
        rcn: 12,
        fc: { fu: 4, cr: 'C' },
      }),
    ).not.toThrow();
  });

  it.each([
    ['non-integer op', { op: '1', to: 'x', rqi: 'r' }, 'op'],
    ['missing to', { op: 1, rqi: 'r' }, 'to'],
    ['numeric rvi', { op: 1, to: 'x', rqi: 'r', rvi: 3 }, 'rvi'],
    ['sgn not an object', { op: 5, to: 'x', rqi: 'r', pc: { 'm2m:sgn': 'x' } }, 'pc.m2m:sgn'],
    ['sgn.vrq not boolean', { op: 5, to: 'x', rqi: 'r', pc: { 'm2m:sgn': { vrq: 1 } } }, 'pc.m2m:sgn.vrq'],
    [
      'agn items not objects',
      { op: 5, to: 'x', rqi: 'r', pc: { 'm2m:agn': { 'm2m:sgn': [1] } } },
      'pc.m2m:agn.m2m:sgn.0',
    ],
  ])('still rejects %s', (_name, p, field) => {
    expect(fieldOf(() => parseIncomingRequest(p))).toBe(field);
  });

  it('rejects responses with wrong types and non-objects', () => {
    expect(fieldOf(() => parseIncomingResponse({ rsc: '2000' }))).toBe('rsc');
    expect(fieldOf(() => parseIncomingResponse({ rsc: 2000, rqi: 5 }))).toBe('rqi');
    expect(fieldOf(() => parseIncomingResponse('x'))).toBe('');
  });
});

describe('validateResource', () => {
  it('type-checks known attributes and keeps unknown ones', () => {
    const cnt = validateResource('m2m:cnt', { rn: 'a', mni: 5, vendorX: { y: 1 } });
    expect(cnt.mni).toBe(5);
    expect(fieldOf(() => validateResource('m2m:cnt', { mni: 'five' }))).toBe('m2m:cnt.mni');
    expect(fieldOf(() => validateResource('m2m:ae', { rr: 'yes' }))).toBe('m2m:ae.rr');
    expect(fieldOf(() => validateResource('m2m:sub', { nu: ['a'], enc: { net: ['1'] } }))).toBe(
      'm2m:sub.enc.net.0',
    );
  });

  it('accepts any value as contentInstance content, including binary data', () => {
    for (const con of ['x', 5, true, null, { a: [1] }, new Uint8Array([1])]) {
      expect(() => validateResource('m2m:cin', { con })).not.toThrow();
    }
  });

  it('applies create and update rules on request', () => {
    expect(fieldOf(() => validateResource('m2m:ae', { rn: 'x' }, 'create'))).toBe('m2m:ae.api');
    expect(fieldOf(() => validateResource('m2m:cnt', { rn: 'x' }, 'update'))).toBe('m2m:cnt.rn');
    expect(fieldOf(() => validateResource('m2m:cnt', { lbl: null, mni: null }, 'update'))).toBeUndefined();
    expect(fieldOf(() => validateResource('m2m:sgn', { sur: 'x' }, 'create'))).toBe('m2m:sgn');
  });

  it('validates flexContainer specializations and unknown m2m resources generically', () => {
    expect(() => validateResource('cod:tempe', { cnd: 'x', curT0: 21.5 })).not.toThrow();
    expect(fieldOf(() => validateResource('cod:tempe', { cnd: 5 }))).toBe('cod:tempe.cnd');
    expect(fieldOf(() => validateResource('m2m:fooBar', { lbl: 'x' }))).toBe('m2m:fooBar.lbl');
  });

  it('validates non-resource members', () => {
    expect(() => validateResource('m2m:rrl', { rrf: [{ nm: 'c', typ: 3, val: 'cse-in/c' }] })).not.toThrow();
    expect(fieldOf(() => validateResource('m2m:rrl', { rrf: [{ nm: 'c', typ: '3', val: 'x' }] }))).toBe(
      'm2m:rrl.rrf.0.typ',
    );
    expect(fieldOf(() => validateResource('m2m:uril', 'a'))).toBe('m2m:uril');
    expect(() => validateResource('m2m:agr', { 'm2m:rsp': [{ rsc: 2000, rqi: 'a' }] })).not.toThrow();
    expect(() => validateResource('m2m:rce', { uri: 'cse-in/a', 'm2m:cnt': {} })).not.toThrow();
  });
});

describe('typed result', () => {
  it('returns the same object typed as a RequestPrimitive', () => {
    const r: RequestPrimitive = validateRequest({ op: 4, to: 'x', fr: 'C1', rqi: 'r', rvi: '3' });
    expect(r.op).toBe(4);
  });
});
