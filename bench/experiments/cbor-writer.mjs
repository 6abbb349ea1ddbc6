#!/usr/bin/env node
/**
 * Evidence for finding 6 of bench/findings.md: the protocol's CBOR writer as it is, against the
 * same source with the changes of the finding applied (cbor-writer-patch.mjs: a reused scratch
 * buffer, `encodeInto` for long strings, an ASCII copy loop instead of a regular expression, no
 * filtered key array). Output must be byte-identical; rates are ops per CPU-second.
 *
 *   node --import ./bench/lib/source-register.mjs bench/experiments/cbor-writer.mjs
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { discoveryResponse100, retrieveResponse1KB } from '../lib/fixtures.mjs';
import { loadCborX } from '../lib/sdk.mjs';
import { opsPerSecond } from '../lib/stats.mjs';
import { PATCHES } from './cbor-writer-patch.mjs';

const sourcePath = fileURLToPath(
  new URL('../../packages/protocol/src/codecs/cbor-writer.ts', import.meta.url),
);
const errorsUrl = pathToFileURL(
  fileURLToPath(new URL('../../packages/protocol/src/errors.ts', import.meta.url)),
).href;
const source = readFileSync(sourcePath, 'utf8').replace("'../errors.js'", `'${errorsUrl}'`);
let patched = source;
for (const { from, to } of PATCHES) {
  if (!patched.includes(from)) {
    console.log('cbor-writer.ts no longer has the code this experiment replaces: nothing to compare');
    process.exit(0);
  }
  patched = patched.replace(from, to);
}
const dir = mkdtempSync(`${tmpdir()}/onem2m-cbor-`);
writeFileSync(`${dir}/current.ts`, source);
writeFileSync(`${dir}/patched.ts`, patched);
const current = await import(pathToFileURL(`${dir}/current.ts`).href);
const fast = await import(pathToFileURL(`${dir}/patched.ts`).href);
const cborX = await loadCborX();
const bare = new cborX.Encoder({ useRecords: false, mapsAsObjects: true });

for (const [name, primitive] of [
  ['1 KB retrieve response', retrieveResponse1KB],
  ['100-entry discovery', discoveryResponse100],
]) {
  if (!Buffer.from(current.writeCbor(primitive)).equals(Buffer.from(fast.writeCbor(primitive)))) {
    throw new Error(`${name}: the patched writer's output differs`);
  }
  for (let round = 0; round < 2; round++) {
    const rate = (fn) => Math.round(opsPerSecond(fn, { ms: 300 })).toLocaleString('en-US');
    console.log(
      `${name}: current ${rate(() => current.writeCbor(primitive))}  patched ${rate(() => fast.writeCbor(primitive))}  cbor-x ${rate(() => bare.encode(primitive))} ops/CPU-s`,
    );
  }
}
