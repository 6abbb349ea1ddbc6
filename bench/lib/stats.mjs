/** Small numeric helpers shared by the suites. */

/** Value at quantile `q` (0..1) of an ascending-sorted array (nearest rank). */
export function quantile(sorted, q) {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank];
}

/** Monotonic clock in milliseconds with sub-microsecond resolution. */
export function nowMs() {
  return Number(process.hrtime.bigint()) / 1e6;
}

/** Resolve on the next macrotask, letting queued I/O callbacks run. */
export function tick() {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Run `fn` in batches until `ms` of measured time has elapsed (after `warmupMs` unmeasured) and
 * return operations per second. Batching keeps the clock reads out of the measured cost.
 */
export function opsPerSecond(fn, { ms = 500, warmupMs = 150, batch = 64 } = {}) {
  let end = nowMs() + warmupMs;
  while (nowMs() < end) for (let i = 0; i < batch; i++) fn();
  let ops = 0;
  const start = nowMs();
  end = start + ms;
  let t = start;
  while (t < end) {
    for (let i = 0; i < batch; i++) fn();
    ops += batch;
    t = nowMs();
  }
  return (ops * 1000) / (t - start);
}

/** Round to `digits` significant figures for tables. */
export function sig(value, digits = 3) {
  if (!Number.isFinite(value)) return value;
  if (value === 0) return 0;
  return Number(value.toPrecision(digits));
}
