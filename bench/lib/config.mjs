/**
 * Durations of every measured phase. `BENCH_SCALE` (default 1) shortens or stretches them all,
 * e.g. `BENCH_SCALE=0.2 node bench/run.mjs` for a quick smoke run while developing.
 */
const scale = Number(process.env.BENCH_SCALE ?? '1');

/** Scale a duration in ms, never below 50 ms. */
export function ms(base) {
  return Math.max(50, Math.round(base * (Number.isFinite(scale) && scale > 0 ? scale : 1)));
}

/** True when running with a non-default scale (noted in the report). */
export const scaled = scale !== 1;
export const SCALE = scale;
