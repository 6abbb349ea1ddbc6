/** Load drivers shared by the request suites: the same loop drives the SDK and the baseline. */
import { nowMs } from './stats.mjs';

/**
 * Keep `inFlight` calls of `send` outstanding for `ms`, then let the outstanding ones finish.
 * Returns completed requests per second over the whole span (tail included).
 */
export async function closedLoop(send, { inFlight, ms }) {
  let stop = false;
  let done = 0;
  const worker = async () => {
    while (!stop) {
      await send();
      done++;
    }
  };
  const start = nowMs();
  const timer = setTimeout(() => {
    stop = true;
  }, ms);
  try {
    await Promise.all(Array.from({ length: inFlight }, worker));
  } finally {
    clearTimeout(timer);
    stop = true;
  }
  const elapsedMs = nowMs() - start;
  return { requests: done, elapsedMs, perSecond: (done * 1000) / elapsedMs };
}

/** One request at a time for `ms` (at most `max` samples); returns each round trip in ms. */
export async function sampleLatency(send, { ms, max = 50_000 }) {
  const samples = [];
  const end = nowMs() + ms;
  while (samples.length < max) {
    const t0 = nowMs();
    await send();
    const t1 = nowMs();
    samples.push(t1 - t0);
    if (t1 >= end) break;
  }
  return samples;
}
