import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  describeStatus,
  isAccepted,
  isError,
  isKnownStatus,
  isSuccess,
  ResponseStatusCode,
  statusClass,
  statusName,
  successCodeFor,
} from '../src/status.js';

describe('status codes', () => {
  it('names the codes of digest §4', () => {
    expect(statusName(2001)).toBe('CREATED');
    expect(statusName(4004)).toBe('NOT_FOUND');
    expect(statusName(5204)).toBe('SUBSCRIPTION_VERIFICATION_INITIATION_FAILED');
    expect(statusName(6034)).toBe('REQUESTED_ACTIVITY_PATTERN_NOT_PERMITTED');
    expect(statusName(1002)).toBe('ACCEPTED_NON_BLOCKING_REQUEST_ASYNCH');
  });

  it('uses the V3 name for 4106 and keeps the old one as an alias', () => {
    expect(statusName(4106)).toBe('ORIGINATOR_NOT_AUTHENTICATED');
    expect(ResponseStatusCode.ORIGINATOR_HAS_NOT_REGISTERED).toBe(4106);
  });

  it('round-trips every named code through its name', () => {
    for (const [name, code] of Object.entries(ResponseStatusCode)) {
      const primary = statusName(code);
      expect(primary).toBeDefined();
      expect(ResponseStatusCode[primary!]).toBe(code);
      if (name !== 'ORIGINATOR_HAS_NOT_REGISTERED') expect(primary).toBe(name);
    }
  });

  it('returns undefined for unknown codes and never reads the prototype', () => {
    expect(statusName(4999)).toBeUndefined();
    expect(isKnownStatus(4999)).toBe(false);
    expect(isKnownStatus(4000)).toBe(true);
    expect(statusName(Number.NaN)).toBeUndefined();
  });

  it.each([
    [1000, 'informational'],
    [2004, 'success'],
    [3000, 'redirection'],
    [4127, 'originator-error'],
    [5999, 'receiver-error'],
    [6010, 'network-error'],
    [999, 'unknown'],
    [7000, 'unknown'],
    [2000.5, 'unknown'],
    [-2000, 'unknown'],
  ])('classifies %d as %s', (rsc, cls) => {
    expect(statusClass(rsc)).toBe(cls);
  });

  it('classifies any integer by its thousands digit', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1000, max: 6999 }), (rsc) => {
        const c = statusClass(rsc);
        expect(c).not.toBe('unknown');
        expect(isSuccess(rsc)).toBe(rsc >= 2000 && rsc < 3000);
        expect(isAccepted(rsc)).toBe(rsc < 2000);
        expect(isError(rsc)).toBe(rsc >= 3000);
      }),
    );
  });

  it('knows the success code of each operation', () => {
    expect([1, 2, 3, 4, 5].map(successCodeFor)).toEqual([2001, 2000, 2004, 2002, 2000]);
    expect(successCodeFor(0)).toBeUndefined();
    expect(successCodeFor(6)).toBeUndefined();
    expect(successCodeFor(1.5)).toBeUndefined();
  });

  it('describes codes for messages', () => {
    expect(describeStatus(4004)).toBe('4004 NOT_FOUND');
    expect(describeStatus(4999)).toBe('4999 (unknown originator-error)');
  });
});
