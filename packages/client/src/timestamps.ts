import { parseTimestamp } from '@onem2m-ws/protocol';
import { InvalidArgumentError } from './errors.js';

/**
 * `rqet` handling: an `absRelTimestamp` is a number (or a string of digits) of milliseconds,
 * relative, or an m2m:timestamp `YYYYMMDDTHHMMSS[,ffffff]`, absolute UTC.
 */

const DIGITS = /^\d+$/;

/** A parsed `absRelTimestamp`: the epoch ms deadline, and whether it was relative. */
export interface Deadline {
  at: number;
  relative: boolean;
}

/**
 * Turns an `absRelTimestamp` into an epoch-ms deadline, relative values counted from `now`.
 * @throws {InvalidArgumentError} for a value that is neither form, or an impossible date.
 */
export function parseAbsRelTimestamp(value: unknown, name: string, now: number): Deadline {
  const relative =
    typeof value === 'number' ? Number.isFinite(value) && value >= 0 : DIGITS.test(value as string);
  const at = relative
    ? now + Number(value)
    : typeof value === 'string'
      ? parseTimestamp(value)?.getTime()
      : undefined;
  if (at !== undefined) return { at, relative };
  throw new InvalidArgumentError(
    `${name} must be milliseconds or a YYYYMMDDTHHMMSS timestamp, got ${JSON.stringify(value)}`,
  );
}
