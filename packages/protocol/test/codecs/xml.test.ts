import { describe, expect, it } from 'vitest';
import { decodeJson } from '../../src/codecs/json.js';
import { decodeXml, encodeXml, xmlCodec } from '../../src/codecs/xml.js';
import { codeOf } from '../fixtures/protocol-error.js';
import { specExamples } from '../fixtures/spec-examples.js';

const NS = 'xmlns:m2m="http://www.onem2m.org/xml/protocols"';

describe('xmlCodec', () => {
  it('is a text codec', () => {
    expect(xmlCodec.serialization).toBe('xml');
    expect(xmlCodec.frameType).toBe('text');
  });

  it.each(specExamples.map((e) => [e.source, e.json]))('%s round-trips value-identically', (_, json) => {
    const expected = decodeJson(json);
    expect(decodeXml(encodeXml(expected.primitive))).toEqual(expected);
  });

  it('writes the TS-0004 §8.3 form: root, namespace, short names, rn attribute, lists', () => {
    const xml = encodeXml({
      op: 1,
      to: '//example.net/myCSE/-/Cont1',
      fr: '/myCSE/C2345',
      rqi: '0002bf63',
      rvi: '3',
      ty: 3,
      pc: { 'm2m:cnt': { rn: 'cont1', lbl: ['label1', 'label2'], mni: 5 } },
    });
    expect(xml).toBe(
      `<m2m:rqp ${NS}><op>1</op><to>//example.net/myCSE/-/Cont1</to><fr>/myCSE/C2345</fr><rqi>0002bf63</rqi>` +
        '<rvi>3</rvi><ty>3</ty><pc><m2m:cnt rn="cont1"><lbl>label1 label2</lbl><mni>5</mni></m2m:cnt></pc></m2m:rqp>',
    );
  });

  it('reads the TS-0004 §8.3.2 example (no rvi, base64 con) and foreign layouts', () => {
    const example =
      `<m2m:rqp ${NS}><op>1</op><to>//example.net/myCSE/-/Cont1</to><fr>/myCSE/C2345</fr><rqi>0002bf63</rqi>` +
      '<ty>4</ty><pc><m2m:cin><cnf>application/xml:1</cnf><con>PHRpbWU+MTc4ODkzMDk8L3RpbWU+</con></m2m:cin></pc></m2m:rqp>';
    expect(decodeXml(example)).toEqual({
      kind: 'request',
      primitive: {
        op: 1,
        to: '//example.net/myCSE/-/Cont1',
        fr: '/myCSE/C2345',
        rqi: '0002bf63',
        ty: 4,
        pc: { 'm2m:cin': { cnf: 'application/xml:1', con: 'PHRpbWU+MTc4ODkzMDk8L3RpbWU+' } },
      },
    });
    expect(decodeXml(`\uFEFF<m2m:rsp ${NS}><rsc>2000</rsc></m2m:rsp>`).kind).toBe('response');
    const pretty = `<?xml version="1.0" encoding="UTF-8"?>
<!-- a response as Mobius would write it -->
<m2m:rsp ${NS}>
  <rsc>2000</rsc>
  <rqi>r5</rqi>
  <rvi>2a</rvi>
  <pc>
    <m2m:cnt rn="data">
      <ty>3</ty>
      <lbl>
        a
        b
      </lbl>
      <acpi/>
      <mni> 10 </mni>
      <disr>1</disr>
      <ch nm="c1" typ="4">cse/data/c1</ch>
      <con><![CDATA[<raw> & text]]></con>
      <cr/>
    </m2m:cnt>
  </pc>
</m2m:rsp>
`;
    expect(decodeXml(pretty).primitive).toEqual({
      rsc: 2000,
      rqi: 'r5',
      rvi: '2a',
      pc: {
        'm2m:cnt': {
          rn: 'data',
          ty: 3,
          lbl: ['a', 'b'],
          acpi: [],
          mni: 10,
          disr: true,
          ch: [{ nm: 'c1', typ: 4, val: 'cse/data/c1' }],
          con: '<raw> & text',
          cr: null,
        },
      },
    });
  });

  it('types single occurrences of repeated elements as arrays and NULL as an empty element', () => {
    const xml = `<m2m:rqp ${NS}><op>3</op><to>x</to><rqi>a</rqi><pc><m2m:acp><pv><acr><acor>all</acor><acop>2</acop></acr></pv><et/><lbl xsi:nil="true"/></m2m:acp></pc></m2m:rqp>`;
    expect(decodeXml(xml).primitive.pc).toEqual({
      'm2m:acp': { pv: { acr: [{ acor: ['all'], acop: 2 }] }, et: '', lbl: null },
    });
    expect(encodeXml({ op: 3, to: 'x', rqi: 'a', pc: { 'm2m:cnt': { mni: null, cr: null } } })).toContain(
      '<mni/><cr/>',
    );
  });

  it('escapes markup and quotes, and keeps every character', () => {
    const nasty = `a & b < c > d " e ' f ]]> g\r\n\t h 🌡️`;
    const p = {
      rsc: 2000,
      rqi: nasty,
      pc: { 'm2m:rrl': { rrf: [{ nm: nasty, typ: 3, val: nasty, spty: nasty }] } },
    };
    const xml = encodeXml(p);
    expect(xml).not.toContain('a & b');
    expect(xml).not.toContain('< c');
    expect(xml).not.toContain('\r'); // escaped as &#13; so other parsers' newline normalization keeps it
    expect(decodeXml(xml).primitive).toEqual(p);
  });

  it('unwraps nothing but classifies by root, and refuses a root that disagrees with the content', () => {
    expect(decodeXml(`<m2m:rsp ${NS}><rsc>2000</rsc><rqi>a</rqi></m2m:rsp>`).kind).toBe('response');
    expect(codeOf(() => decodeXml(`<m2m:rqp ${NS}><rsc>2000</rsc><rqi>a</rqi></m2m:rqp>`))).toBe(
      'NOT_A_PRIMITIVE',
    );
    expect(codeOf(() => decodeXml(`<m2m:rsp ${NS}><op>2</op><to>x</to><rqi>a</rqi></m2m:rsp>`))).toBe(
      'NOT_A_PRIMITIVE',
    );
  });

  it('refuses a binary frame with WRONG_FRAME_TYPE', () => {
    expect(
      codeOf(() => decodeXml(new TextEncoder().encode(`<m2m:rsp ${NS}><rsc>2000</rsc></m2m:rsp>`))),
    ).toBe('WRONG_FRAME_TYPE');
  });

  const ok = `<m2m:rsp ${NS}><rsc>2000</rsc><rqi>a</rqi><pc><m2m:dbg>x</m2m:dbg></pc></m2m:rsp>`;
  it.each([
    ['DOCTYPE', `<!DOCTYPE m2m:rsp [<!ENTITY x "y">]>${ok}`, 'FORBIDDEN_CONSTRUCT'],
    ['lower-case doctype', `<!doctype html>${ok}`, 'FORBIDDEN_CONSTRUCT'],
    ['entity declaration', `<!ENTITY lol "lol">${ok}`, 'FORBIDDEN_CONSTRUCT'],
    [
      'billion laughs',
      '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]><m2m:rsp><rsc>2000</rsc><rqi>&lol2;</rqi></m2m:rsp>',
      'FORBIDDEN_CONSTRUCT',
    ],
    ['undefined entity', `<m2m:rsp ${NS}><rsc>2000</rsc><rqi>&xxe;</rqi></m2m:rsp>`, 'MALFORMED'],
    ['bare ampersand', `<m2m:rsp ${NS}><rsc>2000</rsc><rqi>a & b</rqi></m2m:rsp>`, 'MALFORMED'],
    ['truncated', ok.slice(0, ok.length - 12), 'MALFORMED'],
    ['truncated mid-tag', ok.slice(0, 40), 'MALFORMED'],
    ['mismatched close tag', `<m2m:rsp ${NS}><rsc>2000</rqi></m2m:rsp>`, 'MALFORMED'],
    [
      'unclosed element swallowed by a close tag containing its name',
      `<m2m:rsp ${NS}><rsc>2000</rsc><m>a</m2m:rsp>`,
      'MALFORMED',
    ],
    [
      'unclosed inner element',
      `<m2m:rsp ${NS}><rsc>2000</rsc><rqi>a</rqi><pc><m2m:dbg>x</m2m:rsp>`,
      'MALFORMED',
    ],
    ['empty', '', 'MALFORMED'],
    ['plain text', 'hello', 'MALFORMED'],
    ['JSON', '{"rsc":2000,"rqi":"a"}', 'MALFORMED'],
    ['byte soup', '\u0000\u0001\u00ff<\u0002>', 'MALFORMED'],
    ['two roots', `${ok}${ok}`, 'MALFORMED'],
    ['text after root', `${ok}trailing`, 'MALFORMED'],
    ['wrong root', `<m2m:cin ${NS}><rsc>2000</rsc></m2m:cin>`, 'NOT_A_PRIMITIVE'],
    ['wrong root (html)', '<html><body>hi</body></html>', 'NOT_A_PRIMITIVE'],
    ['no op nor rsc', `<m2m:rsp ${NS}><rqi>a</rqi></m2m:rsp>`, 'NOT_A_PRIMITIVE'],
    ['op out of range', `<m2m:rqp ${NS}><op>9</op><to>x</to><rqi>a</rqi></m2m:rqp>`, 'INVALID_PRIMITIVE'],
    [
      'op not a number',
      `<m2m:rqp ${NS}><op>create</op><to>x</to><rqi>a</rqi></m2m:rqp>`,
      'INVALID_PRIMITIVE',
    ],
    [
      'rsc repeated',
      `<m2m:rsp ${NS}><rsc>2000</rsc><rsc>2001</rsc><rqi>a</rqi></m2m:rsp>`,
      'INVALID_PRIMITIVE',
    ],
    ['pc as text', `<m2m:rsp ${NS}><rsc>2000</rsc><rqi>a</rqi><pc>oops</pc></m2m:rsp>`, 'INVALID_PRIMITIVE'],
    ['mixed content', `<m2m:rsp ${NS}><rsc>2000</rsc>text<rqi>a</rqi></m2m:rsp>`, 'INVALID_PRIMITIVE'],
    [
      'element inside a leaf',
      `<m2m:rsp ${NS}><rsc>2000</rsc><rqi>a<b/></rqi></m2m:rsp>`,
      'INVALID_PRIMITIVE',
    ],
    [
      '__proto__ element',
      `<m2m:rsp ${NS}><rsc>2000</rsc><rqi>a</rqi><pc><__proto__><polluted>1</polluted></__proto__></pc></m2m:rsp>`,
      'INVALID_PRIMITIVE',
    ],
    [
      'constructor element',
      `<m2m:rsp ${NS}><rsc>2000</rsc><rqi>a</rqi><constructor><prototype/></constructor></m2m:rsp>`,
      'INVALID_PRIMITIVE',
    ],
    [
      '__proto__ in JSON text',
      `<m2m:rsp ${NS}><rsc>2000</rsc><rqi>a</rqi><pc><m2m:cin><con type="json">{"__proto__":{"polluted":1}}</con></m2m:cin></pc></m2m:rsp>`,
      'INVALID_PRIMITIVE',
    ],
    [
      'broken JSON text',
      `<m2m:rsp ${NS}><rsc>2000</rsc><rqi>a</rqi><pc><m2m:cin><con type="json">{nope</con></m2m:cin></pc></m2m:rsp>`,
      'MALFORMED',
    ],
  ])('refuses %s', (_, frame, code) => {
    expect(codeOf(() => decodeXml(frame))).toBe(code);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses deep nesting without overflowing the stack', () => {
    const deep = `<m2m:rsp ${NS}><rsc>2000</rsc><rqi>a</rqi><pc>${'<x>'.repeat(50_000)}${'</x>'.repeat(50_000)}</pc></m2m:rsp>`;
    expect(['MALFORMED', 'INVALID_PRIMITIVE']).toContain(codeOf(() => decodeXml(deep)));
    const seventy = `<m2m:rsp ${NS}><rsc>2000</rsc><rqi>a</rqi><pc>${'<x>'.repeat(70)}1${'</x>'.repeat(70)}</pc></m2m:rsp>`;
    expect(codeOf(() => decodeXml(seventy))).toBe('INVALID_PRIMITIVE');
  });

  it('handles huge strings', () => {
    const huge = 'z'.repeat(3_000_000);
    const p = { rsc: 2000, rqi: 'a', pc: { 'm2m:dbg': huge } };
    expect(decodeXml(encodeXml(p)).primitive).toEqual(p);
  });

  it('encode refuses what XML cannot carry with UNENCODABLE', () => {
    const cyclic: Record<string, unknown> = { rsc: 2000, rqi: 'a' };
    cyclic.pc = { 'm2m:x': cyclic };
    expect(codeOf(() => encodeXml(cyclic as never))).toBe('UNENCODABLE');
    expect(codeOf(() => encodeXml({ rsc: 2000, rqi: 'a', pc: { 'm2m:cnt': { mni: Number.NaN } } }))).toBe(
      'UNENCODABLE',
    );
    expect(codeOf(() => encodeXml({ rsc: 2000, rqi: 'a', pc: { 'm2m:cin': { con: 1n } } }))).toBe(
      'UNENCODABLE',
    );
    expect(codeOf(() => encodeXml({ rqi: 'a' } as never))).toBe('UNENCODABLE');
    expect(codeOf(() => encodeXml({ rsc: 2000, 'bad name': 1 } as never))).toBe('UNENCODABLE');
  });
});
