import type { RequestPrimitive, ResponsePrimitive } from '@onem2m-ws/protocol';
import type { RequestContext } from '../contract.js';
import type { EngineCore } from '../core.js';
import { Rsc } from '../status.js';
import { formatTimestamp, parseAbsRel } from '../time.js';
import type { Outcome } from './outcome.js';

/** How long a `<request>` resource is kept when the request has no `rp`. */
const DEFAULT_RESULT_PERSISTENCE_MS = 10 * 60_000;

const META_KEYS = ['ty', 'ot', 'rqet', 'rset', 'oet', 'rt', 'rcn', 'drt', 'fc', 'rvi', 'ec'] as const;

function operationResult(response: ResponsePrimitive): Record<string, unknown> {
  const ors: Record<string, unknown> = { rsc: response.rsc, rqi: response.rqi };
  for (const key of ['pc', 'to', 'fr', 'ot', 'rset', 'cnst', 'cnot'] as const) {
    if (response[key] !== undefined) ors[key] = response[key];
  }
  return ors;
}

/**
 * Non-blocking request handling (TS-0004 §7.3.2.2 / §7.4.12): a `<request>` resource is created
 * under the CSEBase and acknowledged with 1001 (synch) or 1002 (asynch) and its address; the
 * operation then runs, its result lands in the resource (`rs`, `ors`) and, for asynch, is
 * notified to `rt.nu` (or the originator when `nu` is absent) as `m2m:rsp`.
 */
export function acceptNonBlocking(
  core: EngineCore,
  request: RequestPrimitive,
  context: RequestContext,
  originator: string,
): Outcome {
  const rtv = request.rt!.rtv;
  const now = core.now();
  const base = core.tree.base;
  const ri = core.tree.newId('req');
  const persistence = request.rp === undefined ? undefined : parseAbsRel(request.rp, now);
  const expiresAt =
    persistence !== undefined && persistence > now ? persistence : now + DEFAULT_RESULT_PERSISTENCE_MS;
  const mi: Record<string, unknown> = {};
  for (const key of META_KEYS) if (request[key] !== undefined) mi[key] = request[key];
  const attrs: Record<string, unknown> = {
    ty: 17,
    ri,
    rn: ri,
    pi: base.ri,
    ct: formatTimestamp(now),
    lt: formatTimestamp(now),
    et: formatTimestamp(expiresAt),
    op: request.op,
    tg: request.to,
    org: originator,
    rid: request.rqi,
    mi,
    rs: 3,
  };
  if (request.pc !== undefined) attrs.pc = request.pc;
  const resource = core.tree.insert(base, {
    ty: 17,
    ri,
    rn: ri,
    qn: 'm2m:req',
    creator: originator,
    attrs,
    createdAt: now,
  });
  resource.expiresAt = expiresAt;
  core.expiry.schedule(ri, expiresAt);

  const blocking: RequestPrimitive = { ...request };
  delete blocking.rt;
  // Run after the acknowledgement has been handed back to the binding.
  setImmediate(async () => {
    const response = await core.process(blocking, context);
    if (resource.alive) {
      resource.attrs.rs = response.rsc < 4000 ? 1 : 2;
      resource.attrs.ors = operationResult(response);
      resource.attrs.lt = formatTimestamp(core.now());
    }
    if (rtv === 2) {
      const targets = request.rt!.nu ?? [originator];
      const rsp: Record<string, unknown> = {
        ...operationResult(response),
        rvi: response.rvi ?? core.options.releaseVersion,
      };
      for (const target of targets)
        void core.notifier.send(target, { 'm2m:rsp': rsp }, { storeIfOffline: true, expiresAt });
    }
  });
  return {
    rsc: rtv === 1 ? Rsc.ACCEPTED_NON_BLOCKING_REQUEST_SYNCH : Rsc.ACCEPTED_NON_BLOCKING_REQUEST_ASYNCH,
    pc: { 'm2m:uri': ri },
  };
}
