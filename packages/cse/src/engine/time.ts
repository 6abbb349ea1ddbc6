import { parseTimestamp as parseProtocolTimestamp, toTimestamp } from '@onem2m-ws/protocol';

/**
 * oneM2M time values: m2m:timestamp (`YYYYMMDDTHHMMSS[,ffffff]`, UTC), m2m:absRelTimestamp
 * (a timestamp or relative milliseconds) and xs:duration (`PT10S`).
 */

const DURATION =
  /^P(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/**
 * Lifetime of a resource created without `et`: TS-0004 has the hosting CSE assign a default
 * expirationTime; like ACME, this CSE uses one year.
 */
export const DEFAULT_LIFETIME_MS = 365 * 24 * 3600 * 1000;

/** Format epoch ms as an m2m:timestamp without fraction (what Mobius4 accepts back). */
export function formatTimestamp(ms: number): string {
  return toTimestamp(new Date(ms));
}

/** Parse an m2m:timestamp to epoch ms, or `undefined` when it is not one (or an impossible date). */
export function parseTimestamp(value: unknown): number | undefined {
  return typeof value === 'string' ? parseProtocolTimestamp(value)?.getTime() : undefined;
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
