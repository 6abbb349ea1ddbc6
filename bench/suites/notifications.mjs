/**
 * Suite 4: notification ingest. A raw `ws` peer in a child process pushes notify requests (op 5,
 * `m2m:sgn` carrying a contentInstance) with a fixed window in flight; the client under test
 * delivers each to a listener and answers it. Rate = answered notifications per second, counted
 * by the pusher. Baseline: a raw `ws` loop that parses, calls the listener and replies 2000.
 */
import { nextMessage, ownCpuMs, startResponder, stop } from '../lib/child.mjs';
import { ms } from '../lib/config.mjs';
import { ORIGINATOR } from '../lib/fixtures.mjs';
import { RawClient } from '../lib/raw-client.mjs';
import { loadClient, tryLoad } from '../lib/sdk.mjs';
import { sdkClientOptions } from '../lib/sdk-options.mjs';
import { tick } from '../lib/stats.mjs';
import { suiteMain } from '../lib/suite.mjs';

const WINDOW = 32;
const ROUNDS = 3;
/** `BENCH_ONLY=sdk|raw` runs one side only (bench/profile.mjs uses it). */
const ONLY = process.env.BENCH_ONLY;

async function rawContender(url, counter) {
  const raw = await RawClient.connect(url);
  raw.onRequest = (request) => {
    if (request.op === 5 && request.pc?.['m2m:sgn']) counter.delivered++;
    raw.respond({ rsc: 2000, rqi: request.rqi, rvi: '3' });
  };
  return () => raw.close();
}

async function sdkContender(url, sdk, counter) {
  const client = sdk.createClient(sdkClientOptions(url));
  client.on('notification', () => {
    counter.delivered++;
  });
  await client.connect();
  return () => client.close();
}

suiteMain(async () => {
  const pusher = await startResponder('notify');
  const { module: sdk, error: sdkError } = await tryLoad(loadClient);
  const best = {};
  try {
    for (let round = 0; round < ROUNDS; round++) {
      const order = round % 2 === 0 ? ['raw', 'sdk'] : ['sdk', 'raw'];
      for (const who of order) {
        if (who === 'sdk' && !sdk) continue;
        if (ONLY && who !== ONLY) continue;
        const counter = { delivered: 0 };
        const close =
          who === 'raw'
            ? await rawContender(pusher.url, counter)
            : await sdkContender(pusher.url, sdk, counter);
        try {
          await tick();
          pusher.child.send({ type: 'push', window: WINDOW, ms: ms(200) });
          await nextMessage(pusher.child, 'pushed', ms(200) + 10_000);
          counter.delivered = 0;
          const cpu0 = ownCpuMs();
          pusher.child.send({ type: 'push', window: WINDOW, ms: ms(600) });
          const r = await nextMessage(pusher.child, 'pushed', ms(600) + 10_000);
          const cpuMs = ownCpuMs() - cpu0;
          if (r.error) throw new Error(`pusher: ${r.error}`);
          const result = {
            answered: r.answered,
            rejected: r.rejected,
            delivered: counter.delivered,
            elapsedMs: r.elapsedMs,
            perSecond: (r.answered * 1000) / r.elapsedMs,
            cpuUsPerNotification: (cpuMs * 1000) / Math.max(1, r.answered),
          };
          const kept = best[who];
          if (!kept || result.perSecond > kept.perSecond) {
            best[who] = {
              ...result,
              minCpuUsPerNotification: Math.min(
                result.cpuUsPerNotification,
                kept?.minCpuUsPerNotification ?? Infinity,
              ),
            };
          } else {
            kept.minCpuUsPerNotification = Math.min(
              kept.minCpuUsPerNotification,
              result.cpuUsPerNotification,
            );
          }
        } finally {
          await close();
          pusher.child.send({ type: 'close-clients' });
          await nextMessage(pusher.child, 'closed');
        }
      }
    }
  } finally {
    await stop(pusher.child);
  }
  return { window: WINDOW, originator: ORIGINATOR, raw: best.raw, sdk: best.sdk, sdkError };
});
