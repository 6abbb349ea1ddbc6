import type { RequestPrimitive, ResponsePrimitive } from '@onem2m-ws/protocol';

interface Awaiting {
  request: RequestPrimitive;
  resolve: (response: ResponsePrimitive | undefined) => void;
  timer: ReturnType<typeof setTimeout>;
}

interface Queued {
  request: RequestPrimitive;
  expiresAt: number | undefined;
}

interface Waiter {
  resolve: (request: RequestPrimitive | undefined) => void;
  timer: ReturnType<typeof setTimeout>;
}

interface Channel {
  queue: Queued[];
  waiters: Waiter[];
  awaiting: Map<string, Awaiting>;
}

function unref(timer: ReturnType<typeof setTimeout>): ReturnType<typeof setTimeout> {
  timer.unref?.();
  return timer;
}

/**
 * Request queues of `<pollingChannel>` resources (TS-0004 §7.4.21, §7.5.1.2.7): requests the CSE
 * originates for an AE wait here until the AE long-polls `<pch>/pcu`; the AE answers with a
 * NOTIFY to `pcu` carrying `m2m:rsp`, which settles the waiting request.
 */
export class PollingChannels {
  private readonly channels = new Map<string, Channel>();
  private readonly byOwner = new Map<string, string>();

  constructor(private readonly now: () => number) {}

  /** Register the channel `pchRi` of the AE `ownerRi`. */
  open(pchRi: string, ownerRi: string): void {
    this.channels.set(pchRi, { queue: [], waiters: [], awaiting: new Map() });
    this.byOwner.set(ownerRi, pchRi);
  }

  /** The channel of an AE, if it has one. */
  channelOf(ownerRi: string): string | undefined {
    return this.byOwner.get(ownerRi);
  }

  /** Drop a channel: pending polls end empty, pending requests get no response. */
  remove(pchRi: string): void {
    const channel = this.channels.get(pchRi);
    if (!channel) return;
    this.channels.delete(pchRi);
    for (const [owner, ri] of this.byOwner) if (ri === pchRi) this.byOwner.delete(owner);
    this.drain(channel);
  }

  /**
   * Queue a request for the AE; resolves with the AE's response, or `undefined` when none
   * arrives within `timeoutMs` or a later request with the same `rqi` supersedes it.
   */
  enqueue(
    pchRi: string,
    request: RequestPrimitive,
    timeoutMs: number,
    expiresAt?: number,
  ): Promise<ResponsePrimitive | undefined> {
    const channel = this.channels.get(pchRi);
    if (!channel) return Promise.resolve(undefined);
    // The AE's answer names only the rqi, and NOTIFYs relayed from other AEs keep their own, so two
    // can collide: the newer supersedes the older, which ends unanswered at once (and leaves the
    // queue if not polled yet) instead of lingering where close() and remove() cannot reach it.
    const previous = channel.awaiting.get(request.rqi);
    if (previous) {
      channel.awaiting.delete(request.rqi);
      clearTimeout(previous.timer);
      const queued = channel.queue.findIndex((q) => q.request === previous.request);
      if (queued >= 0) channel.queue.splice(queued, 1);
      previous.resolve(undefined);
    }
    return new Promise((resolve) => {
      const entry: Awaiting = {
        request,
        resolve,
        timer: unref(
          setTimeout(() => {
            if (channel.awaiting.get(request.rqi) === entry) channel.awaiting.delete(request.rqi);
            resolve(undefined);
          }, timeoutMs),
        ),
      };
      channel.awaiting.set(request.rqi, entry);
      const waiter = channel.waiters.shift();
      if (waiter) {
        clearTimeout(waiter.timer);
        waiter.resolve(request);
      } else channel.queue.push({ request, expiresAt });
    });
  }

  /** Long-poll: the next queued request, waiting up to `timeoutMs`; `undefined` on timeout. */
  poll(pchRi: string, timeoutMs: number): Promise<RequestPrimitive | undefined> {
    const channel = this.channels.get(pchRi);
    if (!channel) return Promise.resolve(undefined);
    const now = this.now();
    for (let next = channel.queue.shift(); next; next = channel.queue.shift()) {
      if (next.expiresAt === undefined || next.expiresAt > now) return Promise.resolve(next.request);
    }
    return new Promise((resolve) => {
      const waiter: Waiter = {
        resolve,
        timer: unref(
          setTimeout(() => {
            channel.waiters.splice(channel.waiters.indexOf(waiter), 1);
            resolve(undefined);
          }, timeoutMs),
        ),
      };
      channel.waiters.push(waiter);
    });
  }

  /** Settle the queued request answered by `response` (matched by `rqi`); false when none waits. */
  reply(pchRi: string, response: ResponsePrimitive): boolean {
    const channel = this.channels.get(pchRi);
    const awaiting = response.rqi === undefined ? undefined : channel?.awaiting.get(response.rqi);
    if (!channel || !awaiting || response.rqi === undefined) return false;
    channel.awaiting.delete(response.rqi);
    clearTimeout(awaiting.timer);
    awaiting.resolve(response);
    return true;
  }

  /**
   * End every pending poll (empty) and stop waiting for answers. Channels and their queued
   * requests stay, so an engine reused after `close()` keeps serving them.
   */
  close(): void {
    for (const channel of this.channels.values()) this.drain(channel, false);
  }

  private drain(channel: Channel, dropQueue = true): void {
    for (const waiter of channel.waiters) {
      clearTimeout(waiter.timer);
      waiter.resolve(undefined);
    }
    for (const awaiting of channel.awaiting.values()) {
      clearTimeout(awaiting.timer);
      awaiting.resolve(undefined);
    }
    channel.waiters.length = 0;
    channel.awaiting.clear();
    if (dropQueue) channel.queue.length = 0;
  }
}
