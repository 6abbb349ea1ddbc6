import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import * as cborEntry from '../../src/entries/cbor.js';
import * as jsonEntry from '../../src/entries/json.js';
import * as xmlEntry from '../../src/entries/xml.js';

const entry = (name: string) => fileURLToPath(new URL(`../../src/entries/${name}.ts`, import.meta.url));

/** Bundle one subpath entry for the browser and list the package sources it pulled in. */
async function bundledInputs(name: string): Promise<string[]> {
  const result = await build({
    entryPoints: [entry(name)],
    bundle: true,
    write: false,
    metafile: true,
    platform: 'browser',
    format: 'esm',
    logLevel: 'silent',
  });
  return Object.keys(result.metafile.inputs);
}

describe('subpath entries', () => {
  it('export only their codec', () => {
    expect(Object.keys(jsonEntry).sort()).toEqual(['decodeJson', 'encodeJson', 'jsonCodec']);
    expect(Object.keys(xmlEntry).sort()).toEqual(['decodeXml', 'encodeXml', 'xmlCodec']);
    expect(Object.keys(cborEntry).sort()).toEqual(['cborCodec', 'decodeCbor', 'encodeCbor']);
  });

  it('the JSON entry pulls in neither CBOR nor XML code, and every entry bundles for the browser', async () => {
    const json = await bundledInputs('json');
    expect(json.some((p) => p.includes('cbor') || p.includes('txml') || p.includes('xml-'))).toBe(false);
    const xml = await bundledInputs('xml');
    expect(xml.some((p) => p.endsWith('codecs/xml-parser.ts'))).toBe(true);
    expect(xml.some((p) => p.includes('cbor'))).toBe(false);
    const cbor = await bundledInputs('cbor');
    expect(cbor.some((p) => p.endsWith('codecs/cbor-reader.ts'))).toBe(true);
    // Our own readers and writers: no general-purpose CBOR or XML library in the bundles.
    for (const inputs of [json, xml, cbor])
      expect(inputs.some((p) => p.includes('node_modules'))).toBe(false);
    expect(cbor.some((p) => p.includes('xml-'))).toBe(false);
    for (const inputs of [json, xml, cbor]) expect(inputs.some((p) => p.startsWith('node:'))).toBe(false);
  });
});
