/**
 * Suite 5: heap bytes per pending request with 10,000 requests pending, against a peer that
 * never answers. Needs `--expose-gc` (run.mjs passes it). The promises are held by the caller in
 * both cases; the difference is what each client keeps per request until it settles.
 */
import { startResponder, stop } from '../lib/child.mjs';
import { ORIGINATOR, RETRIEVE_TARGET } from '../lib/fixtures.mjs';
import { RawClient } from '../lib/raw-client.mjs';
import { loadClient, tryLoad } from '../lib/sdk.mjs';
import { sdkClientOptions } from '../lib/sdk-options.mjs';
import { suiteMain } from '../lib/suite.mjs';

const PENDING = 10_000;
const ROUNDS = 1;
/** `BENCH_ONLY=sdk|raw` runs one side only (bench/profile.mjs uses it). */
const ONLY = process.env.BENCH_ONLY;

function settle() {
  return new Promise((resolve) => setTimeout(resolve, 50));
}

async function heapAfterGc() {
  for (let i = 0; i < 3; i++) {
    globalThis.gc();
    await settle();
  }
  return process.memoryUsage();
}

async function rawContender(url) {
  const raw = await RawClient.connect(url);
  const primitive = { op: 2, to: RETRIEVE_TARGET, fr: ORIGINATOR, rvi: '3' };
  return { send: () => raw.request(primitive), close: () => raw.close() };
}

async function sdkContender(url, sdk) {
  const client = sdk.createClient(sdkClientOptions(url, { requestTimeout: 600_000 }));
  await client.connect();
  return { send: () => client.retrieve(RETRIEVE_TARGET), close: () => client.close() };
}

/** Heap growth per request while `PENDING` requests wait for an answer that never comes. */
async function measurePending(contender) {
  // A few requests first, so lazily created structures do not count as per-request cost.
  const warm = Array.from({ length: 100 }, () => contender.send().catch(() => {}));
  const before = await heapAfterGc();
  const held = new Array(PENDING);
  for (let i = 0; i < PENDING; i++) {
    held[i] = contender.send();
    held[i].catch(() => {});
  }
  const after = await heapAfterGc();
  const result = {
    pending: PENDING,
    heapBytesPerRequest: (after.heapUsed - before.heapUsed) / PENDING,
    externalBytesPerRequest:
      (after.external + after.arrayBuffers - before.external - before.arrayBuffers) / PENDING,
  };
  await contender.close();
  await Promise.allSettled([...held, ...warm]);
  return result;
}

suiteMain(async () => {
  if (typeof globalThis.gc !== 'function') throw new Error('run with node --expose-gc');
  const blackhole = await startResponder('blackhole');
  const { module: sdk, error: sdkError } = await tryLoad(loadClient);
  const best = {};
  try {
    for (let round = 0; round < ROUNDS; round++) {
      for (const who of ['raw', 'sdk']) {
        if (who === 'sdk' && !sdk) continue;
        if (ONLY && who !== ONLY) continue;
        const contender =
          who === 'raw' ? await rawContender(blackhole.url) : await sdkContender(blackhole.url, sdk);
        const r = await measurePending(contender);
        if (!best[who] || r.heapBytesPerRequest < best[who].heapBytesPerRequest) best[who] = r;
      }
    }
  } finally {
    await stop(blackhole.child);
  }
  return { raw: best.raw, sdk: best.sdk, sdkError };
});
