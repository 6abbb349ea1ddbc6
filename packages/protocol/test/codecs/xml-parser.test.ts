import { describe, expect, it } from 'vitest';
import { parseXml, type XmlElement } from '../../src/codecs/xml-parser.js';
import { codeOf } from '../fixtures/protocol-error.js';

const root = (text: string) => parseXml(text).find((n): n is XmlElement => typeof n !== 'string')!;

describe('parseXml', () => {
  it('reads elements, attributes in both quotes, text and empty-element tags', () => {
    const doc = root(`<?xml version="1.0"?>\n<a x="1" y = 'two words' ><b/><c>t</c ></a>`);
    expect(doc.tagName).toBe('a');
    expect({ ...doc.attributes }).toEqual({ x: '1', y: 'two words' });
    expect(doc.children).toHaveLength(2);
    const [b, c] = doc.children as XmlElement[];
    expect(b!.selfClosed).toBe(true);
    expect(c!.children).toEqual(['t']);
  });

  it('decodes the predefined entities and character references in text and attributes', () => {
    const doc = root('<a v="&quot;&amp;&#65;&#x1F600;">&lt;&gt;&apos;&#233;</a>');
    expect(doc.attributes.v).toBe('"&A😀');
    expect(doc.children).toEqual(["<>'é"]);
  });

  it('keeps CDATA as it is, skips comments and processing instructions', () => {
    const doc = root('<a><!-- <b> --><![CDATA[x & <y>]]><?pi data?>z</a>');
    expect(doc.children).toEqual(['x & <y>', 'z']);
  });

  it('keeps a __proto__ attribute as data', () => {
    const doc = root('<a __proto__="x"/>');
    expect(Object.entries(doc.attributes)).toEqual([['__proto__', 'x']]);
    expect(Object.getPrototypeOf(doc.attributes)).toBeNull();
  });

  it('builds deep trees without recursion', () => {
    const depth = 200_000;
    const doc = root(`${'<x>'.repeat(depth)}${'</x>'.repeat(depth)}`);
    let d = 1;
    for (let n = doc; n.children.length > 0; n = n.children[0] as XmlElement) d++;
    expect(d).toBe(depth);
  });

  it.each([
    ['a mismatched end tag', '<a><b></a></b>'],
    ['an end tag without a start tag', '</a>'],
    ['an element left open', '<a><b></b>'],
    ['a start tag cut short', '<a x="1'],
    ['an unquoted attribute', '<a x=1/>'],
    ['an attribute without a value', '<a x/>'],
    ['a repeated attribute', '<a x="1" x="2"/>'],
    ['an empty tag name', '< a/>'],
    ['an undefined entity', '<a>&nbsp;</a>'],
    ['a bare ampersand', '<a>a & b</a>'],
    ['a bare ampersand in an attribute', '<a v="a & b"/>'],
    ['a reference to a character XML forbids', '<a>&#0;&#1;</a>'],
    ['a reference to a surrogate', '<a>&#xD800;</a>'],
    ['a reference beyond Unicode', '<a>&#x110000;</a>'],
    ['an unterminated comment', '<a><!-- x</a>'],
    ['an unterminated CDATA section', '<a><![CDATA[x</a>'],
  ])('refuses %s with MALFORMED', (_, text) => {
    expect(codeOf(() => parseXml(text))).toBe('MALFORMED');
  });
});
