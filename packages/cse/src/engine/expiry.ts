/** Longest delay Node accepts for a timer; later deadlines re-arm. */
const MAX_DELAY = 2_147_483_647;

interface Entry {
  at: number;
  key: string;
}

/**
 * Deadlines keyed by resource ID in a binary min-heap, served by one unref'd timer. Re-scheduling
 * or cancelling leaves stale heap entries that are skipped on pop (lazy deletion).
 */
export class ExpiryQueue {
  private readonly heap: Entry[] = [];
  private readonly deadlines = new Map<string, number>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private armedFor = Number.POSITIVE_INFINITY;

  /**
   * @param now clock in epoch ms
   * @param onExpire called with the key of every deadline that has passed
   */
  constructor(
    private readonly now: () => number,
    private readonly onExpire: (key: string) => void,
  ) {}

  /** Set (or move) the deadline of `key`. */
  schedule(key: string, at: number): void {
    this.deadlines.set(key, at);
    this.push({ at, key });
    this.compact();
    if (at < this.armedFor) this.arm();
  }

  /**
   * Expire now every deadline that has passed, without waiting for the timer: its callback runs
   * a turn later, and a request served in between must not see a resource that has expired.
   */
  expireDue(): void {
    const top = this.heap[0];
    if (!top || top.at > this.now()) return;
    if (this.timer) clearTimeout(this.timer);
    this.fire();
  }

  /** Forget the deadline of `key`. */
  cancel(key: string): void {
    this.deadlines.delete(key);
    this.compact();
  }

  /**
   * Stop the timer. Deadlines are kept: scheduling again (an engine reused after `close()`)
   * re-arms it and overdue deadlines then expire.
   */
  close(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.armedFor = Number.POSITIVE_INFINITY;
  }

  /** Re-arm the timer after {@link close} (overdue deadlines expire promptly). */
  resume(): void {
    if (!this.timer) this.arm();
  }

  /**
   * Rebuild the heap from the live deadlines once stale entries dominate, so a CSE that keeps
   * creating and evicting resources does not accumulate entries until their far-off deadlines.
   */
  private compact(): void {
    if (this.heap.length <= 2 * this.deadlines.size + 64) return;
    this.heap.length = 0;
    for (const [key, at] of this.deadlines) this.push({ at, key });
  }

  private arm(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.armedFor = Number.POSITIVE_INFINITY;
    const top = this.heap[0];
    if (!top) return;
    this.armedFor = top.at;
    const delay = Math.min(Math.max(top.at - this.now(), 0), MAX_DELAY);
    this.timer = setTimeout(() => this.fire(), delay);
    this.timer.unref?.();
  }

  private fire(): void {
    this.timer = undefined;
    const now = this.now();
    for (let top = this.heap[0]; top && top.at <= now; top = this.heap[0]) {
      this.pop();
      if (this.deadlines.get(top.key) !== top.at) continue;
      this.deadlines.delete(top.key);
      this.onExpire(top.key);
    }
    this.arm();
  }

  private push(entry: Entry): void {
    const h = this.heap;
    h.push(entry);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (h[p]!.at <= h[i]!.at) break;
      [h[p], h[i]] = [h[i]!, h[p]!];
      i = p;
    }
  }

  private pop(): void {
    const h = this.heap;
    const last = h.pop()!;
    if (h.length === 0) return;
    h[0] = last;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < h.length && h[l]!.at < h[m]!.at) m = l;
      if (r < h.length && h[r]!.at < h[m]!.at) m = r;
      if (m === i) return;
      [h[m], h[i]] = [h[i]!, h[m]!];
      i = m;
    }
  }
}
