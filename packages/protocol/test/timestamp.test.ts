import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  absoluteIn,
  isAbsRelTimestamp,
  isTimestamp,
  parseTimestamp,
  resolveAbsRel,
  toTimestamp,
} from '../src/timestamp.js';

describe('m2m:timestamp', () => {
  it('formats in UTC without a fraction', () => {
    expect(toTimestamp(new Date(Date.UTC(2025, 0, 2, 3, 4, 5, 678)))).toBe('20250102T030405');
    expect(toTimestamp(new Date('0099-12-31T23:59:59Z'))).toBe('00991231T235959');
  });

  it('refuses invalid or unrepresentable dates', () => {
    expect(() => toTimestamp(new Date(Number.NaN))).toThrow(RangeError);
    expect(() => toTimestamp(new Date(Date.UTC(10000, 0, 1)))).toThrow(RangeError);
  });

  it('parses with and without a fraction', () => {
    expect(parseTimestamp('20250102T030405')?.toISOString()).toBe('2025-01-02T03:04:05.000Z');
    expect(parseTimestamp('20250102T030405,123456')?.toISOString()).toBe('2025-01-02T03:04:05.123Z');
    expect(parseTimestamp('20250102T030405,5')?.toISOString()).toBe('2025-01-02T03:04:05.500Z');
  });

  it.each([
    '',
    '20250102030405',
    '20250102T0304',
    '20250102T030405.123',
    '20250102T030405,',
    '20250102T030405,1234567',
    '20251302T030405',
    '20250230T000000',
    '20250101T240000',
    '20250101T000060',
    ' 20250101T000000',
    '2025-01-01T00:00:00Z',
  ])('rejects %j', (text) => {
    expect(parseTimestamp(text)).toBeUndefined();
    expect(isTimestamp(text)).toBe(false);
  });

  it('round-trips every second-resolution date of years 0..9999', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('0000-01-01T00:00:00Z'),
          max: new Date('9999-12-31T23:59:59Z'),
          noInvalidDate: true,
        }),
        (d) => {
          const whole = new Date(Math.floor(d.getTime() / 1000) * 1000);
          const text = toTimestamp(d);
          expect(text).toMatch(/^\d{8}T\d{6}$/);
          expect(parseTimestamp(text)?.getTime()).toBe(whole.getTime());
        },
      ),
    );
  });
});

describe('m2m:absRelTimestamp', () => {
  const now = new Date(Date.UTC(2025, 0, 1, 0, 0, 0));

  it('resolves relative milliseconds and absolute timestamps', () => {
    expect(resolveAbsRel(5000, now)?.toISOString()).toBe('2025-01-01T00:00:05.000Z');
    expect(resolveAbsRel('5000', now)?.toISOString()).toBe('2025-01-01T00:00:05.000Z');
    expect(resolveAbsRel('-1000', now)?.toISOString()).toBe('2024-12-31T23:59:59.000Z');
    expect(resolveAbsRel('20250101T000010', now)?.toISOString()).toBe('2025-01-01T00:00:10.000Z');
    expect(resolveAbsRel('PT5S', now)).toBeUndefined();
    expect(resolveAbsRel(Number.POSITIVE_INFINITY, now)).toBeUndefined();
  });

  it('builds an absolute value rounded up to the second', () => {
    expect(absoluteIn(1500, now)).toBe('20250101T000002');
    expect(absoluteIn(0, now)).toBe('20250101T000000');
  });

  it('validates absRel values', () => {
    expect(isAbsRelTimestamp(1000)).toBe(true);
    expect(isAbsRelTimestamp('1000')).toBe(true);
    expect(isAbsRelTimestamp('20250101T000000,1')).toBe(true);
    expect(isAbsRelTimestamp(1.5)).toBe(false);
    expect(isAbsRelTimestamp('soon')).toBe(false);
    expect(isAbsRelTimestamp(null)).toBe(false);
  });
});
