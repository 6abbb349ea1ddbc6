import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { setup } from './harness.js';

const json = fc.jsonValue({ maxDepth: 3 });
const targets = fc.oneof(
  fc.constantFrom(
    'cse-in',
    '-',
    'id-in',
    '-/app',
    '-/app/data',
    '-/app/data/la',
    '-/app/data/ol',
    '-/app/g/fopt',
    '-/app/g/fopt/la',
    '/id-in/cse-in/app',
    '//sp/id-in/-/app/data',
    '-/app/data#rn',
    '#',
    '/',
    '//',
    '///x',
    '-/app/pch',
  ),
  fc.string(),
);
const qualified = fc.constantFrom(
  'm2m:ae',
  'm2m:cnt',
  'm2m:cin',
  'm2m:sub',
  'm2m:acp',
  'm2m:grp',
  'm2m:fcnt',
  'm2m:ts',
  'm2m:tsi',
  'm2m:atrl',
  'cod:x',
  'm2m:rsp',
);
const request = fc.record(
  {
    op: fc.oneof(fc.integer({ min: 1, max: 5 }), json),
    to: fc.oneof(targets, json),
    fr: fc.oneof(fc.constantFrom('Capp', '/id-in/Capp', 'C', '', 'S', 'Cnobody', '/id-in'), json),
    rqi: fc.oneof(fc.string({ minLength: 1 }), json),
    rvi: fc.oneof(fc.constantFrom('3', '2a', '4', '1'), json),
    ty: fc.oneof(fc.integer({ min: 0, max: 31 }), json),
    pc: fc.oneof(
      fc.dictionary(
        qualified,
        fc.oneof(
          fc.dictionary(
            fc.constantFrom(
              'rn',
              'con',
              'nu',
              'enc',
              'mni',
              'lbl',
              'cr',
              'et',
              'api',
              'rr',
              'srv',
              'mid',
              'mnm',
              'cnd',
              'dgt',
              'pv',
              'pvs',
              'acpi',
              'bn',
              'nct',
              'exc',
            ),
            json,
          ),
          json,
        ),
        { maxKeys: 2 },
      ),
      json,
    ),
    rcn: fc.oneof(fc.integer({ min: 0, max: 12 }), json),
    drt: fc.oneof(fc.integer({ min: 0, max: 3 }), json),
    fc: fc.oneof(
      fc.dictionary(
        fc.constantFrom('fu', 'ty', 'lbl', 'lim', 'ofst', 'lvl', 'cra', 'rn', 'atr', 'fo', 'bogus'),
        json,
      ),
      json,
    ),
    rt: fc.oneof(
      fc.record(
        { rtv: fc.integer({ min: 0, max: 6 }), nu: fc.array(fc.string()) },
        { requiredKeys: ['rtv'] },
      ),
      json,
    ),
    rqet: fc.oneof(fc.constant(-1), json),
  },
  { requiredKeys: [] },
);

describe('robustness', () => {
  it('answers every request shape with a response status, never throwing', async () => {
    const { engine, send, register } = setup();
    const ae = await register('app', 'Capp');
    await send({ op: 1, to: '-/app', fr: ae, ty: 3, pc: { 'm2m:cnt': { rn: 'data' } } });
    await send({ op: 1, to: '-/app/data', fr: ae, ty: 4, pc: { 'm2m:cin': { con: 'x' } } });
    await send({
      op: 1,
      to: '-/app',
      fr: ae,
      ty: 9,
      pc: { 'm2m:grp': { rn: 'g', mnm: 2, mid: ['-/app/data'] } },
    });
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        // Polling a channel would legitimately wait; everything else must answer at once.
        if (typeof r.to === 'string' && r.to.includes('pcu')) return;
        const rsp = await engine.handle(r as never, {});
        expect(Number.isInteger(rsp.rsc)).toBe(true);
        expect(rsp.rsc).toBeGreaterThanOrEqual(1000);
        if (rsp.rsc >= 4000) expect(typeof rsp.pc?.['m2m:dbg']).toBe('string');
        if (typeof r.rqi === 'string') expect(rsp.rqi).toBe(r.rqi);
        expect(rsp.rsc).not.toBe(5000);
      }),
      { numRuns: 1500, seed: 42 },
    );
  });
});
