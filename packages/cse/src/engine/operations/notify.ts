import type { ResponsePrimitive } from '@onem2m-ws/protocol';
import { Acop, requirePrivilege } from '../access.js';
import type { EngineCore } from '../core.js';
import { fail, Rsc, show } from '../status.js';
import type { OperationInput, Outcome } from './outcome.js';

/**
 * NOTIFY: to `<pch>/pcu` it carries the AE's `m2m:rsp` answer to a polled request
 * (TS-0004 §7.5.1.2.7); to an `<AE>` it is forwarded to that AE (over its connection or its
 * polling channel), and the AE's answer is returned.
 */
export async function notify(core: EngineCore, input: OperationInput): Promise<Outcome> {
  const { request, target, originator } = input;
  const pc = request.pc;
  if (!pc || typeof pc !== 'object' || Object.keys(pc).length === 0)
    fail(Rsc.BAD_REQUEST, "a NOTIFY needs 'pc'");
  if (target.virtual === 'pcu') {
    const pch = target.resource;
    if (originator !== pch.parent!.ri && originator !== core.cseId) {
      fail(Rsc.ORIGINATOR_HAS_NO_PRIVILEGE, `only '${pch.parent!.ri}' may answer on '${pch.path}/pcu'`);
    }
    const rsp = pc['m2m:rsp'] as ResponsePrimitive | undefined;
    if (!rsp || typeof rsp !== 'object' || typeof rsp.rsc !== 'number')
      fail(Rsc.BAD_REQUEST, "a NOTIFY to 'pcu' must carry 'm2m:rsp'");
    if (!core.polling.reply(pch.ri, rsp))
      fail(Rsc.NOT_FOUND, `no polled request with rqi '${show(rsp.rqi)}' is waiting for an answer`);
    return { rsc: Rsc.OK };
  }
  if (target.virtual || target.resource.ty !== 2) {
    fail(
      Rsc.OPERATION_NOT_ALLOWED,
      `NOTIFY is not allowed on '${target.resource.path}${target.virtual ? `/${target.virtual}` : ''}'`,
    );
  }
  const ae = target.resource;
  requirePrivilege(core, ae, originator, Acop.NOTIFY, input.memberPolicies);
  const forwarded = { ...request, to: ae.ri };
  delete forwarded.rt;
  const response = await core.notifier.route(ae.ri, forwarded, { storeIfOffline: true });
  if (!response) fail(Rsc.TARGET_NOT_REACHABLE, `AE '${ae.ri}' is not reachable`);
  return response.pc ? { rsc: response.rsc, pc: response.pc } : { rsc: response.rsc };
}
