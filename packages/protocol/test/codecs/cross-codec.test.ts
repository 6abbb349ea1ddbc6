import { describe, expect, it } from 'vitest';
import { decodeCbor, encodeCbor } from '../../src/codecs/cbor.js';
import { decodeJson, encodeJson } from '../../src/codecs/json.js';
import { decodeXml, encodeXml } from '../../src/codecs/xml.js';
import { corpus } from '../fixtures/corpus.js';

const RESOURCE_TYPES = [
  'ae',
  'cnt',
  'cin',
  'sub',
  'acp',
  'grp',
  'cb',
  'csr',
  'pch',
  'fcnt',
  'ts',
  'tsi',
  'req',
];

describe('cross-codec agreement over the corpus', () => {
  it('has at least 50 primitives covering every resource type and primitive kind', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(50);
    const text = corpus.map((e) => JSON.stringify(e.primitive)).join('\n');
    for (const ty of RESOURCE_TYPES) expect(text).toContain(`"m2m:${ty}":`);
    for (const member of [
      'm2m:sgn',
      'm2m:agn',
      '"vrq":true',
      '"sud":true',
      'm2m:uril',
      'm2m:rrl',
      'm2m:dbg',
    ]) {
      expect(text).toContain(member);
    }
    for (const member of ['"m2m:rqp":', '"m2m:rsp":', 'm2m:agr', 'm2m:rce']) expect(text).toContain(member);
  });

  it.each(corpus.map((e) => [e.name, e.primitive]))('%s: XML and CBOR agree with JSON', (_, primitive) => {
    const viaJson = decodeJson(encodeJson(primitive));
    expect(viaJson.primitive).toEqual(JSON.parse(JSON.stringify(primitive)));
    expect(decodeXml(encodeXml(primitive))).toEqual(viaJson);
    expect(decodeCbor(encodeCbor(primitive))).toEqual(viaJson);
  });
});
