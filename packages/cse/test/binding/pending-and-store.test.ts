import type { RequestPrimitive } from '@onem2m-ws/protocol';
import { describe, expect, it } from 'vitest';
import { OfflineStore } from '../../src/server/offline-store.js';
import { PendingRequests } from '../../src/server/pending-requests.js';

const request = (rqi: string): RequestPrimitive => ({ op: 5, to: 'C1', rqi, fr: '/id-in', rvi: '3' });

describe('PendingRequests', () => {
  it('settles by rqi once and ignores late or unknown responses', async () => {
    const pending = new PendingRequests();
    const outcome = pending.wait('a', 10_000);
    expect(pending.settle({ rsc: 2000, rqi: 'a' })).toBe(true);
    expect(pending.settle({ rsc: 2000, rqi: 'a' })).toBe(false);
    expect(pending.settle({ rsc: 2000 })).toBe(false);
    expect(await outcome).toEqual({ status: 'response', response: { rsc: 2000, rqi: 'a' } });
    expect(pending.size).toBe(0);
  });

  it('ends a superseded wait for the same rqi, and closeAll ends the rest as closed', async () => {
    const pending = new PendingRequests();
    const first = pending.wait('dup', 10_000);
    const second = pending.wait('dup', 10_000);
    expect(await first).toEqual({ status: 'timeout' });
    pending.closeAll();
    expect(await second).toEqual({ status: 'closed' });
    expect(pending.size).toBe(0);
  });
});

describe('OfflineStore', () => {
  it('keeps order, drops expired entries and restores undelivered ones in front', () => {
    let now = 0;
    const store = new OfflineStore(10, () => now);
    store.add('C1', { request: request('1'), expiresAt: 100 });
    store.add('C1', { request: request('2'), expiresAt: 1000 });
    store.add('C1', { request: request('3'), expiresAt: 1000 });
    now = 500;
    expect(store.count('C1')).toBe(2);
    const taken = store.take('C1');
    expect(taken.map((e) => e.request.rqi)).toEqual(['2', '3']);
    store.add('C1', { request: request('4'), expiresAt: 1000 });
    store.restore('C1', taken.slice(1));
    expect(store.take('C1').map((e) => e.request.rqi)).toEqual(['3', '4']);
    expect(store.count('C1')).toBe(0);
  });

  it('caps entries per originator, dropping the oldest', () => {
    const store = new OfflineStore(2, () => 0);
    expect(store.add('C1', { request: request('1'), expiresAt: 10 })).toBe(0);
    store.add('C1', { request: request('2'), expiresAt: 10 });
    expect(store.add('C1', { request: request('3'), expiresAt: 10 })).toBe(1);
    store.add('C2', { request: request('x'), expiresAt: 10 });
    expect(store.take('C1').map((e) => e.request.rqi)).toEqual(['2', '3']);
    expect(store.count('C2')).toBe(1);
  });
});
