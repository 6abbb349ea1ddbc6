/**
 * The XML codec types values back from its own table of value kinds (xml-value-kinds.ts), the
 * validation specs from theirs (schemas/specs.ts). This checks that the two agree: every simple
 * attribute of every resource the specs know is written as a typed element (not the JSON-text
 * fallback) and read back with its JSON type, so a name missing from the XML table cannot go
 * unnoticed.
 */
import { describe, expect, it } from 'vitest';
import { decodeXml, encodeXml } from '../../src/codecs/xml.js';
import type { ResponsePrimitive } from '../../src/primitive.js';
import { CONTENT_SPECS } from '../../src/schemas/specs.js';

/** A sample value per simple type code; unions, `*`, `o` and nested specs have no single XML form. */
const SAMPLES: Readonly<Record<string, unknown>> = {
  s: 'text',
  e: 'text',
  b: true,
  i: 3,
  n: 3,
  p: 3,
  op: 3,
  m: 3,
  t: '20261125T101500',
  S: ['one', 'two'],
  I: [1, 2],
};

const cases: [string, string, unknown][] = [];
for (const [resource, spec] of Object.entries(CONTENT_SPECS)) {
  if (typeof spec !== 'object' || Array.isArray(spec) || !resource.startsWith('m2m:')) continue;
  for (const [key, code] of Object.entries(spec)) {
    const name = key.replace('!', '');
    // `m2m:sgn` and the other qualified members carry nested primitives checked elsewhere.
    if (typeof code !== 'string' || !(code in SAMPLES) || name.includes(':')) continue;
    cases.push([resource, name, SAMPLES[code]]);
  }
}

describe('XML value kinds agree with the validation specs', () => {
  it('covers the resources', () => {
    expect(cases.length).toBeGreaterThan(200);
  });

  it.each(cases)('%s %s round-trips with its type', (resource, name, value) => {
    const response: ResponsePrimitive = {
      rsc: 2000,
      rqi: 'kinds',
      rvi: '3',
      pc: { [resource]: { [name]: value } },
    };
    const xml = encodeXml(response);
    // A value that does not fit the XML table's kind would still round-trip, as JSON text: the
    // wire form a CSE expects is the typed element, and a CSE's typed element is what we read.
    expect(xml).not.toContain('type="json"');
    expect(decodeXml(xml).primitive).toEqual(response);
  });
});

describe('XML of nested criteria', () => {
  it('types the encn items of a crossResourceSubscription like enc', () => {
    const response: ResponsePrimitive = {
      rsc: 2000,
      rqi: 'encn',
      rvi: '3',
      pc: { 'm2m:crs': { encs: { encn: [{ net: [1, 3], atr: ['lbl', 'con'], om: [{ ops: 1 }] }] } } },
    };
    const xml = encodeXml(response);
    expect(xml).toContain('<net>1 3</net>');
    expect(xml).not.toContain('type="json"');
    expect(decodeXml(xml).primitive).toEqual(response);
  });
});
