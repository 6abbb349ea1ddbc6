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

/** CPU time (user + system, all threads of this process) in ms. */
function cpuMs() {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/**
 * Run `fn` in batches for `ms` of wall time (after `warmupMs` unmeasured) and return operations
 * per CPU-second of this process: time the process spends descheduled because other work shares
 * the machine does not count, so the rate stays comparable between SDK and baseline under load.
 * Batching keeps the clock reads out of the measured cost.
 */
export function opsPerSecond(fn, { ms = 500, warmupMs = 150, batch = 64 } = {}) {
  let end = nowMs() + warmupMs;
  while (nowMs() < end) for (let i = 0; i < batch; i++) fn();
  let ops = 0;
  const cpu0 = cpuMs();
  end = nowMs() + ms;
  while (nowMs() < end) {
    for (let i = 0; i < batch; i++) fn();
    ops += batch;
  }
  return (ops * 1000) / (cpuMs() - cpu0);
}

/** Round to `digits` significant figures for tables. */
export function sig(value, digits = 3) {
  if (!Number.isFinite(value)) return value;
  if (value === 0) return 0;
  return Number(value.toPrecision(digits));
}
