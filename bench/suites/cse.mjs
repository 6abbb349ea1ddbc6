/**
 * Suite 6: create-contentInstance requests per second through the SDK against the embedded CSE
 * (child process), with 1 and 16 clients, each keeping one request in flight (a device loop).
 * Baseline: the same number of raw `ws` clients sending the same Create primitives to the same
 * CSE. Each client registers its own AE and creates one container (`mni` 10, so the CSE's
 * memory stays bounded and eviction is part of the work).
 */
import { childCpuMs, ownCpuMs, startCseHost, stop } from '../lib/child.mjs';
import { ms } from '../lib/config.mjs';
import { closedLoop } from '../lib/drive.mjs';
import { RawClient } from '../lib/raw-client.mjs';
import { loadClient, tryLoad } from '../lib/sdk.mjs';
import { sdkClientOptions } from '../lib/sdk-options.mjs';
import { suiteMain } from '../lib/suite.mjs';

const CSE_NAME = 'cse-in';
const CLIENT_COUNTS = [1, 16];
const ROUNDS = 2;
/** `BENCH_ONLY=sdk|raw` runs one side only (bench/profile.mjs uses it). */
const ONLY = process.env.BENCH_ONLY;
const AE = (rn) => ({ rn, api: 'Nbench', rr: false, srv: ['3'] });
const CNT = { 'm2m:cnt': { rn: 'data', mni: 10 } };
const CIN = { 'm2m:cin': { cnf: 'text/plain:0', con: '21.5' } };

let unique = 0;

async function rawDevice(url) {
  const raw = await RawClient.connect(url);
  const rn = `rawAE${++unique}`;
  const originator = `C${rn}`;
  const expect = async (primitive, key) => {
    const pc = await raw.request(primitive);
    if (!pc?.[key]) throw new Error(`raw: expected ${key}, got ${JSON.stringify(pc).slice(0, 200)}`);
    return pc[key];
  };
  const ae = await expect(
    { op: 1, to: CSE_NAME, fr: originator, rvi: '3', ty: 2, pc: { 'm2m:ae': AE(rn) } },
    'm2m:ae',
  );
  const fr = ae.aei ?? originator;
  await expect({ op: 1, to: `${CSE_NAME}/${rn}`, fr, rvi: '3', ty: 3, pc: CNT }, 'm2m:cnt');
  const create = { op: 1, to: `${CSE_NAME}/${rn}/data`, fr, rvi: '3', ty: 4, pc: CIN };
  return { send: () => raw.request(create), close: () => raw.close() };
}

async function sdkDevice(url, sdk) {
  const rn = `sdkAE${++unique}`;
  const client = sdk.createClient(sdkClientOptions(url, { originator: `C${rn}` }));
  await client.register(AE(rn), { to: CSE_NAME });
  await client.create(`${CSE_NAME}/${rn}`, CNT);
  const target = `${CSE_NAME}/${rn}/data`;
  return { send: () => client.create(target, CIN), close: () => client.close() };
}

async function runDevices(devices, duration) {
  const runs = await Promise.all(devices.map((d) => closedLoop(d.send, { inFlight: 1, ms: duration })));
  const requests = runs.reduce((sum, r) => sum + r.requests, 0);
  const elapsedMs = Math.max(...runs.map((r) => r.elapsedMs));
  return { requests, elapsedMs, perSecond: (requests * 1000) / elapsedMs };
}

suiteMain(async () => {
  const { module: sdk, error: sdkError } = await tryLoad(loadClient);
  let host;
  try {
    host = await startCseHost();
  } catch (error) {
    return { error: `embedded CSE unavailable: ${String(error.message ?? error).split('\n')[0]}`, sdkError };
  }
  const best = { raw: {}, sdk: {} };
  try {
    for (let round = 0; round < ROUNDS; round++) {
      const order = round % 2 === 0 ? ['raw', 'sdk'] : ['sdk', 'raw'];
      for (const who of order) {
        if (who === 'sdk' && !sdk) continue;
        if (ONLY && who !== ONLY) continue;
        for (const count of CLIENT_COUNTS) {
          const devices = [];
          try {
            for (let i = 0; i < count; i++) {
              devices.push(who === 'raw' ? await rawDevice(host.url) : await sdkDevice(host.url, sdk));
            }
            await runDevices(devices, ms(200));
            const cpu0 = [ownCpuMs(), await childCpuMs(host.child)];
            const r = await runDevices(devices, ms(800));
            const cpu1 = [ownCpuMs(), await childCpuMs(host.child)];
            r.clientCpu = (cpu1[0] - cpu0[0]) / r.elapsedMs;
            r.cseCpu = (cpu1[1] - cpu0[1]) / r.elapsedMs;
            if (!best[who][count] || r.perSecond > best[who][count].perSecond) best[who][count] = r;
          } finally {
            await Promise.allSettled(devices.map((d) => d.close()));
          }
        }
      }
    }
  } finally {
    await stop(host.child);
  }
  return {
    clients: CLIENT_COUNTS.map((count) => ({ count, raw: best.raw[count], sdk: best.sdk[count] })),
    sdkError,
  };
});
