#!/usr/bin/env node
/**
 * Evidence for the main finding of bench/findings.md, reproducible after `pnpm build`:
 *
 * 1. V8 (Node 20) gives every object built as `{ ...source, newKey: value }` a map of its own
 *    once the site is optimised, when `newKey` is not already a member of `source`. Every
 *    inline cache those objects reach goes megamorphic. The client's `#submit` validates each
 *    request as `{ ...primitive, fr: originator }` (fr is filled in at send time).
 * 2. A/B over the echo responder: the built client as is, and the same file with that one
 *    expression replaced by a copy whose `fr` is assigned after the spread.
 *
 *   node --allow-natives-syntax bench/experiments/submit-spread.mjs
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { pathToFileURL } from 'node:url';
import { startResponder, stop } from '../lib/child.mjs';
import { closedLoop, sampleLatency } from '../lib/drive.mjs';
import { RETRIEVE_TARGET } from '../lib/fixtures.mjs';
import { RawClient } from '../lib/raw-client.mjs';
import { distPath } from '../lib/sdk.mjs';
import { sdkClientOptions } from '../lib/sdk-options.mjs';
import { quantile } from '../lib/stats.mjs';

/** How many of 20,000 consecutive objects from `make` have a different map than the previous one. */
function mapChanges(make) {
  // %HaveSameMap needs --allow-natives-syntax; built with Function so the file parses without it.
  const same = new Function('a', 'b', 'return %HaveSameMap(a, b)');
  let last;
  let changes = 0;
  for (let i = 0; i < 20_000; i++) {
    const x = make(i);
    if (last && !same(last, x)) changes++;
    last = x;
  }
  return changes;
}

if (process.execArgv.includes('--allow-natives-syntax')) {
  const primitive = (i) => {
    const p = { op: 2, to: 'cse-in/a', rqi: '' };
    p.rqi = `r${i}`;
    p.rvi = '3';
    return p;
  };
  console.log('map changes in 20,000 objects:');
  console.log(`  { ...p, fr }            ${mapChanges((i) => ({ ...primitive(i), fr: 'C' }))}`);
  console.log(`  { ...p }                ${mapChanges((i) => ({ ...primitive(i) }))}`);
  console.log(
    `  c = { ...p }; c.fr = x  ${mapChanges((i) => {
      const c = { ...primitive(i) };
      c.fr = 'C';
      return c;
    })}`,
  );
  console.log(
    `  c = Object.assign({}, p); c.fr = x  ${mapChanges((i) => {
      const c = Object.assign({}, primitive(i));
      c.fr = 'C';
      return c;
    })}`,
  );
  console.log(
    `  Object.assign({}, p, { fr })  ${mapChanges((i) => Object.assign({}, primitive(i), { fr: 'C' }))}`,
  );
} else {
  console.log('(run with --allow-natives-syntax to also count map changes)');
}

// Patched copies of the built client: imports rewritten to absolute URLs so they load from tmp.
const source = readFileSync(distPath('client', 'index.js'), 'utf8');
const SPREAD = '{ ...primitive, fr: this.originator ?? VALIDATION_ORIGINATOR }';
if (!source.includes(SPREAD)) {
  console.log('the built client no longer validates through `{ ...primitive, fr }`: nothing to compare');
  process.exit(0);
}
const absolute = (code) =>
  code
    .replaceAll(
      "from '@onem2m-ws/protocol'",
      `from '${pathToFileURL(distPath('protocol', 'index.js')).href}'`,
    )
    .replaceAll(
      "from 'isomorphic-ws'",
      `from '${pathToFileURL(`${distPath('client', '../node_modules/isomorphic-ws/node.js')}`).href}'`,
    );
const write = (name, code) => {
  const file = `${tmpdir()}/onem2m-bench-${process.pid}-${name}.js`;
  writeFileSync(file, code);
  return pathToFileURL(file).href;
};
const variants = {
  built: await import(write('built', absolute(source))),
  fixed: await import(
    write(
      'fixed',
      absolute(source).replace(
        SPREAD,
        'Object.assign({}, primitive, { fr: this.originator ?? VALIDATION_ORIGINATOR })',
      ),
    )
  ),
};

// The core client validates only when given a validator; the umbrella `onem2m-ws` entry that
// users import passes protocol's validateRequest, so the comparison does too.
const { validateRequest } = await import(pathToFileURL(distPath('protocol', 'index.js')).href);
const responder = await startResponder('echo');
const contenders = {
  raw: async () => {
    const raw = await RawClient.connect(responder.url);
    const p = { op: 2, to: RETRIEVE_TARGET, fr: 'Cbench', rvi: '3' };
    return { send: () => raw.request(p), close: () => raw.close() };
  },
  ...Object.fromEntries(
    Object.entries(variants).map(([name, mod]) => [
      name,
      async () => {
        const client = mod.createClient(sdkClientOptions(responder.url, { validateRequest }));
        await client.connect();
        return { send: () => client.retrieve(RETRIEVE_TARGET), close: () => client.close() };
      },
    ]),
  ),
};
const rows = {};
for (let round = 0; round < 3; round++) {
  for (const [name, make] of Object.entries(contenders)) {
    const c = await make();
    await closedLoop(c.send, { inFlight: 256, ms: 200 });
    const cpu0 = process.cpuUsage();
    const r = await closedLoop(c.send, { inFlight: 256, ms: 700 });
    const cpu = process.cpuUsage(cpu0);
    await sampleLatency(c.send, { ms: 100 });
    const samples = (await sampleLatency(c.send, { ms: 500 })).sort((a, b) => a - b);
    rows[name] ??= [];
    rows[name].push({
      perSecond: r.perSecond,
      cpuUs: (cpu.user + cpu.system) / r.requests,
      p50Us: quantile(samples, 0.5) * 1000,
    });
    await c.close();
  }
}
await stop(responder.child);
console.log(
  '\nEcho responder, 3 rounds each: req/s and client CPU µs per request at 256 in flight; p50 round trip at 1 in flight',
);
for (const [name, list] of Object.entries(rows)) {
  console.log(
    `  ${name.padEnd(6)} ${list.map((x) => `${Math.round(x.perSecond)}/s ${x.cpuUs.toFixed(1)} µs p50 ${x.p50Us.toFixed(0)} µs`).join('   ')}`,
  );
}
process.exit(0);
