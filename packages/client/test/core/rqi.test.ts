import { describe, expect, it } from 'vitest';
import { rqiSource } from '../../src/rqi.js';

describe('rqiSource', () => {
  it('issues <prefix>-<base-36 counter> and recognises exactly those issued so far', () => {
    const rqis = rqiSource('p');
    const issued = Array.from({ length: 40 }, () => rqis.issue());
    expect(issued.slice(0, 3)).toEqual(['p-1', 'p-2', 'p-3']);
    expect(issued[35]).toBe('p-10');
    for (const rqi of issued) expect(rqis.issued(rqi)).toBe(true);
    for (const rqi of ['p-15', 'p-0', 'p--1', 'p-01', 'p-1 ', 'p-1x', 'q-1', 'p1', 'p-', ''])
      expect(rqis.issued(rqi), rqi).toBe(false);
  });

  it('keeps a caller-chosen rqi as is and remembers the last 512', () => {
    const rqis = rqiSource('p');
    expect(rqis.issue('mine')).toBe('mine');
    expect(rqis.issue('')).toBe('p-1');
    expect(rqis.issued('mine')).toBe(true);
    for (let i = 0; i < 512; i++) rqis.issue(`c${i}`);
    expect(rqis.issued('mine')).toBe(false);
    expect(rqis.issued('c0')).toBe(true);
    expect(rqis.issued('c511')).toBe(true);
  });

  it('draws a random 8-character prefix per source', () => {
    const a = rqiSource().issue();
    const b = rqiSource().issue();
    expect(a).toMatch(/^[a-z0-9]{8}-1$/);
    expect(a).not.toBe(b);
  });
});
