/**
 * oneM2M time values: m2m:timestamp (`YYYYMMDDTHHMMSS[,ffffff]`, UTC), m2m:absRelTimestamp
 * (a timestamp or relative milliseconds) and xs:duration (`PT10S`).
 */

const TIMESTAMP = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(?:,(\d{1,6}))?$/;
const DURATION =
  /^P(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/** Format epoch ms as an m2m:timestamp without fraction (what Mobius4 accepts back). */
export function formatTimestamp(ms: number): string {
  const d = new Date(ms);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${p(d.getUTCFullYear(), 4)}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}T${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}`;
}

/** Parse an m2m:timestamp to epoch ms, or `undefined` when it is not one. */
export function parseTimestamp(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const m = TIMESTAMP.exec(value);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, frac] = m;
  const ms = frac ? Math.floor(Number(`0.${frac}`) * 1000) : 0;
  const t = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), ms);
  return Number.isNaN(t) ? undefined : t;
}

/**
 * Parse an m2m:absRelTimestamp relative to `now`: a timestamp string is absolute, a number (or a
 * string of digits) is milliseconds from now. `undefined` when it is neither.
 */
export function parseAbsRel(value: unknown, now: number): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return now + value;
  if (typeof value === 'string' && /^-?\d+$/.test(value)) return now + Number(value);
  return parseTimestamp(value);
}

/** Parse an xs:duration such as `PT10S` or `PT0.5S` to ms; a plain number is taken as ms. */
export function parseDuration(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value) && value >= 0) return value;
  if (typeof value !== 'string') return undefined;
  const m = DURATION.exec(value);
  if (!m || value === 'P' || value.endsWith('T')) return undefined;
  const [, d, h, mi, s] = m;
  return ((Number(d ?? 0) * 24 + Number(h ?? 0)) * 60 + Number(mi ?? 0)) * 60_000 + Number(s ?? 0) * 1000;
}
