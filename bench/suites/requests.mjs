/**
 * Suites 1 and 2: request throughput on one connection at 1, 16 and 256 in flight, and
 * round-trip latency at 1 in flight. SDK client vs the raw `ws` baseline, both against the same
 * echo responder running in a child process. Rounds alternate the order to cancel drift.
 */
import { childCpuMs, ownCpuMs, startResponder, stop } from '../lib/child.mjs';
import { ms } from '../lib/config.mjs';
import { closedLoop, sampleLatency } from '../lib/drive.mjs';
import { ORIGINATOR, RETRIEVE_TARGET } from '../lib/fixtures.mjs';
import { RawClient } from '../lib/raw-client.mjs';
import { loadClient } from '../lib/sdk.mjs';
import { sdkClientOptions } from '../lib/sdk-options.mjs';
import { quantile } from '../lib/stats.mjs';
import { suiteMain } from '../lib/suite.mjs';
import { validatingCodec } from '../lib/validation.mjs';

const LEVELS = [1, 16, 256];
const ROUNDS = 3;
/** `BENCH_ONLY=sdk|raw` runs one side only (bench/profile.mjs uses it). */
const ONLY = process.env.BENCH_ONLY;

async function rawContender(url) {
  const raw = await RawClient.connect(url);
  const primitive = { op: 2, to: RETRIEVE_TARGET, fr: ORIGINATOR, rvi: '3' };
  return { send: () => raw.request(primitive), close: () => raw.close() };
}

/**
 * `sdk`: the client as configured by default (the codec's structural checks only);
 * `sdkValidated`: the same with receive-side schema validation of every response (the issue's
 * target configuration), switched on through the public `codecs` option.
 */
async function sdkContender(url, sdk, validated) {
  const extra = validated ? { codecs: [validatingCodec(sdk.jsonCodec, sdk)] } : {};
  const client = sdk.createClient(sdkClientOptions(url, extra));
  await client.connect();
  return { send: () => client.retrieve(RETRIEVE_TARGET), close: () => client.close() };
}

suiteMain(async () => {
  const responder = await startResponder('echo');
  let sdk;
  let sdkError;
  try {
    sdk = await loadClient();
  } catch (error) {
    sdkError = String(error.message ?? error);
  }
  const best = { raw: {}, sdk: {}, sdkValidated: {} };
  const latency = { raw: [], sdk: [], sdkValidated: [] };
  try {
    // A correctness probe first: a bench of a client that returns wrong data is worthless.
    if (sdk) {
      const probe = await sdkContender(responder.url, sdk, true);
      const content = await probe.send();
      await probe.close();
      const cin = content?.['m2m:cin'] ?? content?.content?.['m2m:cin'] ?? content;
      if (cin?.con !== '21.5' && JSON.stringify(content).indexOf('21.5') < 0) {
        throw new Error(`SDK retrieve returned unexpected content: ${JSON.stringify(content).slice(0, 200)}`);
      }
    }
    for (let round = 0; round < ROUNDS; round++) {
      const order = round % 2 === 0 ? ['raw', 'sdk', 'sdkValidated'] : ['sdkValidated', 'sdk', 'raw'];
      for (const who of order) {
        if (who !== 'raw' && !sdk) continue;
        if (ONLY && who !== ONLY) continue;
        const contender =
          who === 'raw' ? await rawContender(responder.url) : await sdkContender(responder.url, sdk);
        try {
          for (const inFlight of LEVELS) {
            await closedLoop(contender.send, { inFlight, ms: ms(100) });
            const cpu0 = [ownCpuMs(), await childCpuMs(responder.child)];
            const r = await closedLoop(contender.send, { inFlight, ms: ms(500) });
            const cpu1 = [ownCpuMs(), await childCpuMs(responder.child)];
            // Busy share of one core: shows which side limits the rate (the client should).
            r.clientCpu = (cpu1[0] - cpu0[0]) / r.elapsedMs;
            r.responderCpu = (cpu1[1] - cpu0[1]) / r.elapsedMs;
            // CPU time per request: less sensitive than rates to other load on the machine.
            r.clientCpuUsPerRequest = ((cpu1[0] - cpu0[0]) * 1000) / r.requests;
            const kept = best[who][inFlight];
            if (!kept || r.perSecond > kept.perSecond) {
              best[who][inFlight] = {
                ...r,
                minCpuUsPerRequest: Math.min(r.clientCpuUsPerRequest, kept?.minCpuUsPerRequest ?? Infinity),
              };
            } else {
              kept.minCpuUsPerRequest = Math.min(kept.minCpuUsPerRequest, r.clientCpuUsPerRequest);
            }
          }
          await sampleLatency(contender.send, { ms: ms(100) });
          latency[who].push(...(await sampleLatency(contender.send, { ms: ms(400) })));
        } finally {
          await contender.close();
        }
      }
    }
  } finally {
    await stop(responder.child);
  }
  const summarize = (samples) => {
    const sorted = samples.slice().sort((a, b) => a - b);
    return { samples: sorted.length, p50Ms: quantile(sorted, 0.5), p99Ms: quantile(sorted, 0.99) };
  };
  return {
    throughput: LEVELS.map((inFlight) => ({
      inFlight,
      raw: best.raw[inFlight],
      sdk: best.sdk[inFlight],
      sdkValidated: best.sdkValidated[inFlight],
    })),
    latency: {
      raw: summarize(latency.raw),
      sdk: sdk ? summarize(latency.sdk) : undefined,
      sdkValidated: sdk ? summarize(latency.sdkValidated) : undefined,
    },
    sdkError,
  };
});
