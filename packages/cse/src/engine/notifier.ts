import type { PrimitiveContent, RequestPrimitive, ResponsePrimitive } from '@onem2m-ws/protocol';
import { normalizeOriginator } from '../originator-stem.js';
import { resolveTarget } from './addressing.js';
import type { DeliveryOptions } from './contract.js';
import type { EngineCore } from './core.js';
import { matchesEventCriteria } from './filter.js';
import { cloneJson, type Resource, representation } from './resource.js';
import { RequestError, Rsc } from './status.js';
import { formatTimestamp, parseDuration } from './time.js';

/** How long the CSE waits for an answer to a request it originates (verification, pch). */
const RESPONSE_TIMEOUT_MS = 10_000;

const URL_SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;

interface Batch {
  items: Record<string, unknown>[];
  timer?: ReturnType<typeof setTimeout>;
}

/** A resource event for subscriptions (TS-0004 §7.5.1.2.2). */
interface ResourceEvent {
  /** m2m:notificationEventType; 0 for an operation-monitor event, which carries `om` instead. */
  net: 0 | 1 | 2 | 3 | 4;
  /** The resource the notification represents (the subscribed one, or the child for net 3/4). */
  subject: Resource;
  /** Its representation at the time of the event. */
  attrs: Record<string, unknown>;
  /** For net 1: the attributes the update changed (short names → new values). */
  modified?: Record<string, unknown>;
  /** For an operation-monitor event (net 0): the operation and its originator. */
  om?: { op: number; or: string };
}

/**
 * Subscription notifications (TS-0004 §7.5.1): event matching (`enc.net`, `chty`, `atr` and the
 * other `enc` conditions), content per `nct`, batching (`bn`, `ln`), the expiration counter
 * (`exc`), verification and deletion notifications, and delivery routing (an AE's polling channel,
 * otherwise the sink).
 */
export class Notifier {
  private readonly batches = new Map<string, Batch>();
  private readonly sent = new Map<string, number>();

  constructor(private readonly core: EngineCore) {}

  /** net 1: `resource` was updated with `modified`. */
  updated(resource: Resource, modified: Record<string, unknown>): void {
    if (resource.subscriptions.size === 0) return;
    this.fire(resource, { net: 1, subject: resource, attrs: representation(resource), modified });
  }

  /** net 2: `resource` is being deleted (call before its subscriptions go). */
  deleted(resource: Resource): void {
    if (resource.subscriptions.size === 0) return;
    this.fire(resource, { net: 2, subject: resource, attrs: representation(resource) });
  }

  /** net 3: `child` was created under `parent`. */
  childCreated(parent: Resource, child: Resource): void {
    if (parent.subscriptions.size === 0) return;
    this.fire(parent, { net: 3, subject: child, attrs: representation(child) });
  }

  /** net 4: `child` (already represented by `attrs`) was deleted from `parent`. */
  childDeleted(parent: Resource, child: Resource, attrs: Record<string, unknown>): void {
    if (parent.subscriptions.size === 0) return;
    this.fire(parent, { net: 4, subject: child, attrs });
  }

  /**
   * An operation `op` by `originator` succeeded on `resource`: subscriptions with a matching
   * operation monitor (`enc.om`: `ops` bit mask and / or originator `or`) are notified with
   * `nev.om` = `{op, or}` and the resource's representation.
   */
  operation(resource: Resource, op: number, originator: string): void {
    if (resource.subscriptions.size === 0) return;
    const bit = 1 << (op - 1);
    for (const sub of [...resource.subscriptions]) {
      const om = (sub.attrs.enc as { om?: { ops?: number; or?: string }[] } | undefined)?.om;
      if (!sub.alive || !Array.isArray(om)) continue;
      const hit = om.some(
        (m) =>
          (m.ops === undefined || (m.ops & bit) !== 0) &&
          (m.or === undefined || normalizeOriginator(m.or, this.core.cseId) === originator),
      );
      if (hit)
        this.notify(sub, {
          net: 0,
          subject: resource,
          attrs: representation(resource),
          om: { op, or: originator },
        });
    }
  }

  /**
   * Send the verification request (TS-0004 §7.5.1.2.3) to every `nu` entry that is not the
   * subscriber itself. Rejects with 5204 when one is refused or unanswered.
   */
  async verify(subRi: string, nu: readonly string[], creator: string): Promise<void> {
    // The subscriber itself (in any ID form, or by its AE's address) is not asked.
    const targets = nu.filter(
      (n) => normalizeOriginator(n, this.core.cseId) !== creator && this.findAe(n)?.ri !== creator,
    );
    const sgn = { vrq: true, sur: this.subscriptionReference(subRi), cr: creator };
    await Promise.all(
      targets.map(async (target) => {
        const response = await this.send(
          target,
          { 'm2m:sgn': sgn },
          { storeIfOffline: false, timeoutMs: RESPONSE_TIMEOUT_MS },
        );
        if (response?.rsc !== Rsc.OK) {
          const why = response ? `it answered ${response.rsc}` : 'it did not answer';
          throw new RequestError(
            Rsc.SUBSCRIPTION_VERIFICATION_INITIATION_FAILED,
            `verification request to '${target}' failed: ${why}`,
          );
        }
      }),
    );
  }

  /**
   * The subscription left the tree: flush its pending batch, then send the deletion notification
   * (`sud`) to its `su` when it has one (TS-0004 §7.4.8.2.3; ACME does the same).
   */
  subscriptionRemoved(sub: Resource): void {
    this.flush(sub);
    this.sent.delete(sub.ri);
    const su = sub.attrs.su;
    if (typeof su !== 'string') return;
    const sgn: Record<string, unknown> = { sud: true, sur: this.subscriptionReference(sub.ri) };
    if (sub.attrs.cr !== undefined) sgn.cr = sub.attrs.cr;
    void this.send(su, { 'm2m:sgn': sgn }, { storeIfOffline: true });
  }

  /**
   * Send a NOTIFY the CSE originates to a notification target: an AE (by AE-ID, resource ID or
   * structured path; through its polling channel when it has one and is not reachable) or a URL.
   */
  async send(
    target: string,
    pc: PrimitiveContent,
    options: DeliveryOptions,
    ec?: number,
  ): Promise<ResponsePrimitive | undefined> {
    const { cseId, options: engineOptions } = this.core;
    const request: RequestPrimitive = {
      op: 5,
      to: target,
      fr: cseId,
      rqi: this.core.nextRequestId(),
      rvi: engineOptions.releaseVersion,
      ot: formatTimestamp(this.core.now()),
      pc,
    };
    if (ec !== undefined) request.ec = ec;
    return this.route(target, request, options);
  }

  /**
   * Deliver a request to a notification target: a URL through the sink; an AE (by AE-ID, resource
   * ID or structured path) over its connection, or through its polling channel when it has one
   * and either declared `rr` false or cannot be reached directly. `request.to` is set to the
   * AE-ID. Resolves with the response, or `undefined` when none came (or it was stored).
   */
  async route(
    target: string,
    request: RequestPrimitive,
    options: DeliveryOptions,
  ): Promise<ResponsePrimitive | undefined> {
    const { sink } = this.core.options;
    try {
      if (URL_SCHEME.test(target)) return await sink.deliver(target, request, options);
      const ae = this.findAe(target);
      // An AE-ID in SP-relative or absolute form names the same AE as its stem.
      request.to = ae ? ae.ri : normalizeOriginator(target, this.core.cseId);
      const pch = ae ? this.core.polling.channelOf(ae.ri) : undefined;
      if (ae && pch) {
        const timeoutMs = options.timeoutMs ?? RESPONSE_TIMEOUT_MS;
        if (ae.attrs.rr !== false) {
          const direct = await sink.deliver(ae.ri, request, { ...options, storeIfOffline: false });
          if (direct) return direct;
        }
        return await this.core.polling.enqueue(pch, request, timeoutMs, options.expiresAt);
      }
      return await sink.deliver(request.to, request, options);
    } catch {
      // A failing sink must not break request processing: the request counts as undelivered.
      return undefined;
    }
  }

  /** Stop batch timers, sending what the pending batches hold (nothing is lost on a restart). */
  close(): void {
    for (const [ri, batch] of [...this.batches]) {
      const sub = this.core.tree.byRi.get(ri);
      if (sub) this.flush(sub);
      else if (batch.timer) clearTimeout(batch.timer);
    }
    this.batches.clear();
  }

  /** `sur`: the subscription's resource ID in SP-relative form, as ACME sends it. */
  subscriptionReference(subRi: string): string {
    return `${this.core.cseId}/${subRi}`;
  }

  private findAe(target: string): Resource | undefined {
    const stem = normalizeOriginator(target, this.core.cseId);
    const direct = this.core.tree.aes.get(stem);
    if (direct) return direct;
    try {
      const { resource, virtual } = resolveTarget(target, this.core.tree, this.core.options);
      return !virtual && resource.ty === 2 ? resource : undefined;
    } catch {
      return undefined;
    }
  }

  private fire(owner: Resource, event: ResourceEvent): void {
    for (const sub of [...owner.subscriptions]) {
      // A subscription is not told about its own creation.
      if (!sub.alive || sub === event.subject || !this.matches(sub, event)) continue;
      this.notify(sub, event);
    }
  }

  private matches(sub: Resource, event: ResourceEvent): boolean {
    const enc = (sub.attrs.enc as Record<string, unknown> | undefined) ?? {};
    // Default net is Update_of_Resource, unless the subscription only monitors operations.
    const net = (enc.net as number[] | undefined) ?? (enc.om ? [] : [1]);
    if (!net.includes(event.net)) return false;
    const chty = enc.chty as number[] | undefined;
    if ((event.net === 3 || event.net === 4) && chty && chty.length > 0 && !chty.includes(event.subject.ty))
      return false;
    const atr = enc.atr as string[] | undefined;
    if (event.net === 1 && atr && atr.length > 0 && !atr.some((a) => event.modified && a in event.modified))
      return false;
    return matchesEventCriteria(event.attrs, enc, this.core.now());
  }

  private notify(sub: Resource, event: ResourceEvent): void {
    const nct = (sub.attrs.nct as number | undefined) ?? 1;
    let rep: Record<string, unknown>;
    if (nct === 3) rep = { 'm2m:uri': event.subject.ri };
    else if (nct === 2 && event.net === 1 && event.modified)
      rep = { [event.subject.qn]: cloneJson(event.modified) };
    else rep = { [event.subject.qn]: event.attrs };
    const nev: Record<string, unknown> = event.om ? { rep, om: event.om } : { rep, net: event.net };
    const sgn: Record<string, unknown> = { nev, sur: this.subscriptionReference(sub.ri) };
    if (sub.attrs.cr !== undefined) sgn.cr = sub.attrs.cr;

    const bn = sub.attrs.bn as { num?: number; dur?: string } | undefined;
    if (bn && (bn.num !== undefined || bn.dur !== undefined)) this.batch(sub, sgn, bn);
    else this.deliver(sub, { 'm2m:sgn': sgn });

    const exc = sub.attrs.exc as number | undefined;
    if (exc !== undefined) {
      const count = (this.sent.get(sub.ri) ?? 0) + 1;
      this.sent.set(sub.ri, count);
      // TS-0004 §7.4.8: when the counter reaches exc the subscription is deleted (and `sud` sent).
      if (count >= exc) this.core.removeResource(sub);
    }
  }

  private batch(sub: Resource, sgn: Record<string, unknown>, bn: { num?: number; dur?: string }): void {
    let batch = this.batches.get(sub.ri);
    if (!batch) {
      batch = { items: [] };
      this.batches.set(sub.ri, batch);
    }
    batch.items.push(sgn);
    if (bn.num !== undefined && batch.items.length >= bn.num) {
      this.flush(sub);
      return;
    }
    const dur = parseDuration(bn.dur);
    if (dur !== undefined && !batch.timer) {
      batch.timer = setTimeout(() => this.flush(sub), dur);
      batch.timer.unref?.();
    }
  }

  private flush(sub: Resource): void {
    const batch = this.batches.get(sub.ri);
    if (!batch) return;
    this.batches.delete(sub.ri);
    if (batch.timer) clearTimeout(batch.timer);
    if (batch.items.length === 0) return;
    // latestNotify: only the newest is sent, with event category 4 (Latest) as ACME does.
    const latest = sub.attrs.ln === true;
    this.deliver(
      sub,
      { 'm2m:agn': { 'm2m:sgn': latest ? batch.items.slice(-1) : batch.items } },
      latest ? 4 : undefined,
    );
  }

  /** Send to every `nu`; the request carries `ec` from the argument or the subscription's `nec`. */
  private deliver(sub: Resource, pc: PrimitiveContent, ec?: number): void {
    const options: DeliveryOptions = { storeIfOffline: true };
    if (sub.expiresAt !== undefined) options.expiresAt = sub.expiresAt;
    const category = ec ?? (sub.attrs.nec as number | undefined);
    for (const target of (sub.attrs.nu as string[] | undefined) ?? [])
      void this.send(target, pc, options, category);
  }
}
