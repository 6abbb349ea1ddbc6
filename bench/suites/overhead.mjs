/**
 * The client's own cost per request, without network: the SDK over an in-process echo adapter
 * (lib/loopback.mjs) against the raw client logic over the same peer, 256 in flight. Unlike the
 * socket suites this is hardly disturbed by other load (one thread, no syscalls), so it is the
 * figure to watch when optimising the request path.
 */
import { ms } from '../lib/config.mjs';
import { closedLoop } from '../lib/drive.mjs';
import { ORIGINATOR, RETRIEVE_TARGET } from '../lib/fixtures.mjs';
import { loopbackAdapter, loopbackWs } from '../lib/loopback.mjs';
import { RawClient } from '../lib/raw-client.mjs';
import { loadClient, tryLoad } from '../lib/sdk.mjs';
import { sdkClientOptions } from '../lib/sdk-options.mjs';
import { suiteMain } from '../lib/suite.mjs';
import { receiveValidationOptions } from '../lib/validation.mjs';

const ROUNDS = 3;
const IN_FLIGHT = 256;
/** `BENCH_ONLY=sdk|raw` runs one side only (bench/profile.mjs uses it). */
const ONLY = process.env.BENCH_ONLY;

suiteMain(async () => {
  const { module: sdk, error: sdkError } = await tryLoad(loadClient);
  const contenders = {
    raw: async () => {
      const raw = new RawClient(loopbackWs());
      const primitive = { op: 2, to: RETRIEVE_TARGET, fr: ORIGINATOR, rvi: '3' };
      return { send: () => raw.request(primitive), close: async () => {} };
    },
    sdk: async (validated = false) => {
      const extra = {
        webSocket: loopbackAdapter(),
        ...(validated ? receiveValidationOptions(sdk) : {}),
      };
      const client = sdk.createClient(sdkClientOptions('ws://loopback.invalid', extra));
      await client.connect();
      return { send: () => client.retrieve(RETRIEVE_TARGET), close: () => client.close() };
    },
    sdkValidated: () => contenders.sdk(true),
  };
  const best = {};
  for (let round = 0; round < ROUNDS; round++) {
    for (const who of ['raw', 'sdk', 'sdkValidated']) {
      if (who !== 'raw' && !sdk) continue;
      if (ONLY && !who.startsWith(ONLY)) continue;
      const c = await contenders[who]();
      try {
        await closedLoop(c.send, { inFlight: IN_FLIGHT, ms: ms(150) });
        const cpu0 = process.cpuUsage();
        const r = await closedLoop(c.send, { inFlight: IN_FLIGHT, ms: ms(400) });
        const cpu = process.cpuUsage(cpu0);
        r.cpuUsPerRequest = (cpu.user + cpu.system) / r.requests;
        if (!best[who] || r.perSecond > best[who].perSecond) best[who] = r;
      } finally {
        await c.close();
      }
    }
  }
  return { inFlight: IN_FLIGHT, ...best, sdkError };
});
