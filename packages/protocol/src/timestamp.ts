/**
 * m2m:timestamp (`YYYYMMDDTHHMMSS[,ffffff]`, always UTC) and m2m:absRelTimestamp (a timestamp,
 * or a number of milliseconds relative to now). We emit timestamps without the fraction because
 * Mobius4 rejects it; we accept 1–6 fraction digits because ACME sends them.
 */

import type { AbsRelTimestamp } from './primitive.js';

/** Matches an m2m:timestamp; groups: year, month, day, hour, minute, second, fraction. */
export const TIMESTAMP_PATTERN = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(?:,(\d{1,6}))?$/;

/** Matches a relative absRel value sent as a string of digits (ACME accepts `"5000"`). */
const RELATIVE_STRING = /^-?\d+$/;

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/**
 * Format a date as an m2m:timestamp in UTC, without fraction: `20250101T120000`.
 *
 * @throws {RangeError} for an invalid date or a year outside 0–9999 (not representable).
 */
export function toTimestamp(date: Date = new Date()): string {
  const t = date.getTime();
  if (Number.isNaN(t)) throw new RangeError('invalid date');
  const y = date.getUTCFullYear();
  if (y < 0 || y > 9999) throw new RangeError(`year ${y} is outside the m2m:timestamp range`);
  return (
    pad(y, 4) +
    pad(date.getUTCMonth() + 1, 2) +
    pad(date.getUTCDate(), 2) +
    'T' +
    pad(date.getUTCHours(), 2) +
    pad(date.getUTCMinutes(), 2) +
    pad(date.getUTCSeconds(), 2)
  );
}

/**
 * Parse an m2m:timestamp (`YYYYMMDDTHHMMSS` with an optional `,ffffff`) as UTC. Returns
 * `undefined` when the text is not a timestamp or names an impossible date (month 13, Feb 30).
 * Fractions below a millisecond are truncated.
 */
export function parseTimestamp(text: string): Date | undefined {
  const m = TIMESTAMP_PATTERN.exec(text);
  if (!m) return undefined;
  const [, ys, mos, ds, hs, mis, ss, frac] = m;
  const y = Number(ys);
  const mo = Number(mos);
  const d = Number(ds);
  const h = Number(hs);
  const mi = Number(mis);
  const s = Number(ss);
  const ms = frac ? Number(frac.padEnd(3, '0').slice(0, 3)) : 0;
  const date = new Date(0);
  date.setUTCFullYear(y, mo - 1, d);
  date.setUTCHours(h, mi, s, ms);
  // Date rolls over out-of-range fields; a round trip through the fields rejects them.
  if (
    date.getUTCFullYear() !== y ||
    date.getUTCMonth() !== mo - 1 ||
    date.getUTCDate() !== d ||
    date.getUTCHours() !== h ||
    date.getUTCMinutes() !== mi ||
    date.getUTCSeconds() !== s
  ) {
    return undefined;
  }
  return date;
}

/** True when `text` is a well-formed m2m:timestamp naming a real date. */
export function isTimestamp(text: string): boolean {
  return parseTimestamp(text) !== undefined;
}

/**
 * Resolve an m2m:absRelTimestamp to an absolute date: a timestamp string is parsed, a number
 * (or a string of digits) is milliseconds after `now`. Returns `undefined` for anything else.
 */
export function resolveAbsRel(value: AbsRelTimestamp, now: Date = new Date()): Date | undefined {
  if (typeof value === 'number') {
    return Number.isFinite(value) ? new Date(now.getTime() + Math.trunc(value)) : undefined;
  }
  if (typeof value !== 'string') return undefined;
  if (RELATIVE_STRING.test(value)) return new Date(now.getTime() + Number(value));
  return parseTimestamp(value);
}

/**
 * Build an absolute absRel value: `ms` milliseconds after `now`, formatted as a timestamp.
 * Timestamps have one-second resolution, so the result is rounded up to the next full second.
 */
export function absoluteIn(ms: number, now: Date = new Date()): string {
  return toTimestamp(new Date(Math.ceil((now.getTime() + ms) / 1000) * 1000));
}

/** True when `value` is a valid m2m:absRelTimestamp: a timestamp, an integer, or a string of digits. */
export function isAbsRelTimestamp(value: unknown): value is AbsRelTimestamp {
  if (typeof value === 'number') return Number.isInteger(value);
  return typeof value === 'string' && (RELATIVE_STRING.test(value) || isTimestamp(value));
}
