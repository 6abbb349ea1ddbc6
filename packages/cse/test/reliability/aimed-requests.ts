import fc from 'fast-check';
import { primitiveContent } from '../../../protocol/test/fixtures/arbitraries.js';
import { defineOwn, PARAMETERS, wrongValue } from '../../../protocol/test/fuzz/hostile.js';

/**
 * Requests aimed at a registered AE's own tree, so that fuzzing reaches the engine's resource logic
 * instead of stopping at the registration gate: real operations, real targets, the right `fr`,
 * then wrong values in resource attributes and in one primitive parameter.
 */

const TYPES: Record<string, number> = {
  'm2m:ae': 2,
  'm2m:cnt': 3,
  'm2m:cin': 4,
  'm2m:sub': 23,
  'm2m:acp': 1,
  'm2m:grp': 9,
  'm2m:fcnt': 28,
  'm2m:ts': 29,
  'm2m:tsi': 30,
  'm2m:pch': 15,
};
const ATTRIBUTES = [
  'rn', 'con', 'cnf', 'nu', 'enc', 'net', 'mni', 'mbs', 'mia', 'lbl', 'cr', 'et', 'api', 'rr', 'srv', 'mid',
  'mnm', 'cnd', 'pv', 'pvs', 'acpi', 'bn', 'nct', 'exc', 'ln', 'pi', 'ri', 'ty', 'dgt', 'pei', 'mdn',
]; // biome-ignore format: compact list

/** A target below the AE `app` (or the CSEBase itself). */
function targets(ae: string): fc.Arbitrary<string> {
  return fc.constantFrom(
    'cse-in',
    '-',
    `cse-in/${ae}`,
    `-/${ae}`,
    `cse-in/${ae}/data`,
    `cse-in/${ae}/data/la`,
    `cse-in/${ae}/data/ol`,
    `cse-in/${ae}/data/s`,
    `/id-in/cse-in/${ae}`,
    `//x/id-in/cse-in/${ae}/data`,
    `cse-in/${ae}/data/nope`,
    `cse-in/${ae}/g/fopt`,
  );
}

/** A request from AE `ae` (AE-ID `aei`) with hostile attribute values and one wrong parameter. */
export function aimedRequest(ae: string, aei: string): fc.Arbitrary<Record<string, unknown>> {
  return fc
    .record({
      op: fc.constantFrom(1, 2, 3, 4, 5),
      to: targets(ae),
      type: fc.constantFrom(...Object.keys(TYPES)),
      attributes: fc.dictionary(
        fc.constantFrom(...ATTRIBUTES),
        fc.oneof(wrongValue, fc.jsonValue({ maxDepth: 2 })),
        {
          maxKeys: 4,
        },
      ),
      realistic: primitiveContent,
      useRealistic: fc.boolean(),
      wrong: fc.option(fc.record({ key: fc.constantFrom(...PARAMETERS), value: wrongValue }), {
        nil: undefined,
      }),
      rcn: fc.option(fc.integer({ min: -1, max: 13 }), { nil: undefined }),
      rqi: fc.string({ minLength: 1, maxLength: 12 }),
    })
    .map(({ op, to, type, attributes, realistic, useRealistic, wrong, rcn, rqi }) => {
      const request: Record<string, unknown> = { op, to, fr: aei, rqi, rvi: '3' };
      if (op === 1) request.ty = TYPES[type];
      if (op === 1 || op === 3 || op === 5) request.pc = useRealistic ? realistic : { [type]: attributes };
      if (rcn !== undefined) request.rcn = rcn;
      if (wrong) defineOwn(request, wrong.key, wrong.value);
      return request;
    });
}
