import { attr, readOnly } from '../attributes.js';
import type { EngineCore } from '../core.js';
import type { Resource } from '../resource.js';
import { fail, Rsc } from '../status.js';

/**
 * The instance limits and counters a parent of instances carries (`<container>`, `<timeSeries>`):
 * `mni` / `mbs` / `mia` set by the AE, `cni` / `cbs` kept by the CSE.
 */
export const instanceLimitAttributes = {
  mni: attr('nonNegInt', 'O', 'O'),
  mbs: attr('nonNegInt', 'O', 'O'),
  mia: attr('nonNegInt', 'O', 'O'),
  cni: readOnly('number'),
  cbs: readOnly('number'),
};

/** Byte size of a `con` value: UTF-8 length of a string, length of bytes, of its JSON text otherwise. */
export function contentSize(con: unknown): number {
  if (ArrayBuffer.isView(con)) return con.byteLength;
  return Buffer.byteLength(typeof con === 'string' ? con : (JSON.stringify(con) ?? ''), 'utf8');
}

/** Reject an instance larger than the parent's `mbs` (5207 NOT_ACCEPTABLE, as ACME does). */
export function checkInstanceSize(parent: Resource, cs: number): void {
  const mbs = parent.attrs.mbs;
  if (typeof mbs === 'number' && cs > mbs)
    fail(Rsc.NOT_ACCEPTABLE, `content size ${cs} exceeds the parent's mbs ${mbs}`);
}

/** Deadline of an instance from the parent's `mia` (seconds), combined with its own `et`. */
export function instanceDeadline(parent: Resource, instance: Resource): number | undefined {
  const mia = parent.attrs.mia;
  const byAge = typeof mia === 'number' ? instance.createdAt + mia * 1000 : undefined;
  const own = instance.expiresAt;
  if (byAge === undefined) return own;
  return own === undefined ? byAge : Math.min(own, byAge);
}

/**
 * A new instance joined a container / timeSeries: bump the parent's state tag (the instance copies
 * it, TS-0001 §9.6.7), count it in `cni` / `cbs`, schedule `mia` and evict oldest-first.
 */
export function addInstance(core: EngineCore, parent: Resource, instance: Resource): void {
  parent.instances ??= [];
  parent.instances.push(instance);
  parent.attrs.cni = parent.instances.length;
  parent.attrs.cbs = (parent.attrs.cbs as number) + (instance.attrs.cs as number);
  if (typeof parent.attrs.st === 'number') {
    parent.attrs.st += 1;
    if (typeof instance.attrs.st === 'number') instance.attrs.st = parent.attrs.st;
  }
  const deadline = instanceDeadline(parent, instance);
  if (deadline !== undefined) core.expiry.schedule(instance.ri, deadline);
  enforceLimits(core, parent);
}

/** Drop oldest instances while `cni > mni` or `cbs > mbs` (TS-0004 §7.4.6). */
export function enforceLimits(core: EngineCore, parent: Resource): void {
  const list = parent.instances ?? [];
  const mni = parent.attrs.mni;
  const mbs = parent.attrs.mbs;
  while (
    list.length > 0 &&
    ((typeof mni === 'number' && list.length > mni) ||
      (typeof mbs === 'number' && (parent.attrs.cbs as number) > mbs))
  ) {
    core.removeResource(list[0]!);
  }
}

/** Re-apply `mia` to existing instances after the parent's `mia` changed. */
export function rescheduleInstances(core: EngineCore, parent: Resource): void {
  for (const instance of parent.instances ?? []) {
    const deadline = instanceDeadline(parent, instance);
    if (deadline === undefined) core.expiry.cancel(instance.ri);
    else core.expiry.schedule(instance.ri, deadline);
  }
}

/** An instance left the tree: uncount it from its parent. */
export function removeInstance(parent: Resource | undefined, instance: Resource): void {
  const list = parent?.instances;
  // A parent going away in the same cascade needs no bookkeeping (keeps cascades O(n)).
  if (!parent?.alive || !list) return;
  // Eviction removes the oldest and `la` deletion the latest: both ends avoid a scan.
  if (list[0] === instance) list.shift();
  else if (list[list.length - 1] === instance) list.pop();
  else {
    const i = list.indexOf(instance);
    if (i < 0) return;
    list.splice(i, 1);
  }
  parent.attrs.cni = list.length;
  parent.attrs.cbs = (parent.attrs.cbs as number) - (instance.attrs.cs as number);
}
