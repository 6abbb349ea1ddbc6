#!/usr/bin/env node
/**
 * Evidence for the CSE latency finding of bench/findings.md (after `pnpm build`): the embedded
 * CSE accepts permessage-deflate by default and `ws` clients offer it by default. With context
 * takeover negotiated, `ws` compresses every frame whatever its size (its 1 KB `threshold`
 * only applies under `*_no_context_takeover`), so each small primitive takes a trip through the
 * zlib thread pool on both sides. One raw `ws` client, 1 request in flight, with and without
 * offering the extension, against the same CSE (child process).
 *
 *   node bench/experiments/cse-deflate.mjs
 */
import WebSocket from 'ws';
import { startCseHost, stop } from '../lib/child.mjs';
import { sampleLatency } from '../lib/drive.mjs';
import { RawClient } from '../lib/raw-client.mjs';
import { quantile } from '../lib/stats.mjs';

const host = await startCseHost();
let unique = 0;

async function device(perMessageDeflate) {
  const ws = new WebSocket(host.url, ['oneM2M.json'], { perMessageDeflate });
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  const raw = new RawClient(ws);
  const rn = `deflate${++unique}`;
  const fr = `C${rn}`;
  const ae = { rn, api: 'Nbench', rr: false, srv: ['3'] };
  await raw.request({ op: 1, to: 'cse-in', fr, rvi: '3', ty: 2, pc: { 'm2m:ae': ae } });
  await raw.request({
    op: 1,
    to: `cse-in/${rn}`,
    fr,
    rvi: '3',
    ty: 3,
    pc: { 'm2m:cnt': { rn: 'data', mni: 10 } },
  });
  const requests = {
    'create cin': { op: 1, to: `cse-in/${rn}/data`, fr, rvi: '3', ty: 4, pc: { 'm2m:cin': { con: '21.5' } } },
    'retrieve cnt': { op: 2, to: `cse-in/${rn}/data`, fr, rvi: '3' },
  };
  for (const [name, primitive] of Object.entries(requests)) {
    await sampleLatency(() => raw.request(primitive), { ms: 300 });
    const samples = (await sampleLatency(() => raw.request(primitive), { ms: 1000 })).sort((a, b) => a - b);
    console.log(
      `extensions "${ws.extensions}": ${name.padEnd(12)} p50 ${quantile(samples, 0.5).toFixed(3)} ms  p99 ${quantile(samples, 0.99).toFixed(3)} ms  (${samples.length} requests)`,
    );
  }
  await raw.close();
}

try {
  await device(true);
  await device(false);
} finally {
  await stop(host.child);
}
process.exit(0);
