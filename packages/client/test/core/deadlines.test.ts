import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  createDeadlineList,
  type DeadlineList,
  type PendingOwner,
  PendingRequest,
} from '../../src/pending-requests.js';

const owner: PendingOwner = { onTimer: vi.fn(), onAbort: vi.fn() };

function entry(deadlines: DeadlineList, timeoutMs: number): PendingRequest {
  const e = new PendingRequest({ op: 2, to: '-', rqi: 'r' }, owner, deadlines, vi.fn(), vi.fn());
  e.timeoutAt = Date.now() + timeoutMs;
  e.arm();
  return e;
}

describe('deadline list timer', () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.clearAllMocks();
  });

  it('stops its timer once the last request settles, however long its timeout', () => {
    vi.useFakeTimers();
    const deadlines = createDeadlineList(30_000);
    const long = entry(deadlines, 3_600_000);
    expect(vi.getTimerCount()).toBe(1);
    long.release();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('leaves a timer due within the default timeout to fire, so back-to-back requests cost no timer operation', () => {
    vi.useFakeTimers();
    const deadlines = createDeadlineList(30_000);
    const usual = entry(deadlines, 30_000);
    usual.release();
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(30_000);
    expect(owner.onTimer).not.toHaveBeenCalled();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('keeps timing the requests still listed', () => {
    vi.useFakeTimers();
    const deadlines = createDeadlineList(30_000);
    const short = entry(deadlines, 1000);
    const long = entry(deadlines, 3_600_000);
    short.release();
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(3_600_000);
    expect(owner.onTimer).toHaveBeenCalledWith(long);
    expect(vi.getTimerCount()).toBe(0);
  });
});
