import { describe, expect, it } from 'vitest';
import { scheduleMatches } from '../../src/engine/schedule.js';

describe('scheduleEntry matching', () => {
  const at = Date.UTC(2025, 5, 15, 14, 30, 45); // Sunday 2025-06-15 14:30:45 UTC
  it('matches wildcards, values, ranges, lists and steps', () => {
    expect(scheduleMatches('* * * * * * *', at)).toBe(true);
    expect(scheduleMatches('45 30 14 15 6 0 2025', at)).toBe(true);
    expect(scheduleMatches('* * 9-17 * * * *', at)).toBe(true);
    expect(scheduleMatches('* * 15-17 * * * *', at)).toBe(false);
    expect(scheduleMatches('* 0,30 * * * * *', at)).toBe(true);
    expect(scheduleMatches('* */15 * * * * *', at)).toBe(true);
    expect(scheduleMatches('* */20 * * * * *', at)).toBe(false);
    expect(scheduleMatches('* * * * * 1-5 *', at)).toBe(false);
  });
  it('reports malformed entries as undefined', () => {
    expect(scheduleMatches('* * *', at)).toBeUndefined();
    expect(scheduleMatches('* * x * * * *', at)).toBeUndefined();
    expect(scheduleMatches('* */0 * * * * *', at)).toBeUndefined();
  });
});
