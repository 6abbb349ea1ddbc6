import type { ResponsePrimitive } from '@onem2m-ws/protocol';
import { requirePrivilege } from '../access.js';
import type { EngineCore } from '../core.js';
import { fail, Rsc } from '../status.js';
import type { OperationInput, Outcome } from './outcome.js';

const OPERATION_BIT: Record<number, number> = { 1: 1, 2: 2, 3: 4, 4: 8, 5: 16 };

/**
 * A request to `<group>/fopt[/path]` (TS-0004 §7.4.14): sent to every member (with `/path`
 * appended) as the same originator, answered with `m2m:agr` holding one `m2m:rsp` per member.
 */
export async function fanOut(core: EngineCore, input: OperationInput): Promise<Outcome> {
  const { request, target, originator, context } = input;
  const group = target.resource;
  requirePrivilege(core, group, originator, OPERATION_BIT[request.op]!);
  const members = (group.attrs.mid as string[] | undefined) ?? [];
  // TS-0004 §7.4.14: with macp, the members are accessed under those policies instead of their own.
  const macp =
    Array.isArray(group.attrs.macp) && group.attrs.macp.length > 0
      ? (group.attrs.macp as string[])
      : undefined;
  if (members.length === 0) fail(Rsc.NO_MEMBERS, `group '${group.path}' has no members`);
  const suffix = target.rest ? `/${target.rest}` : '';
  const attribute = target.attribute === undefined ? '' : `#${target.attribute}`;
  const responses = await Promise.all(
    members.map(async (member): Promise<ResponsePrimitive> => {
      const memberRequest = { ...request, to: `${member}${suffix}${attribute}` };
      delete memberRequest.rt;
      const response = await core.process(memberRequest, context, macp);
      const item: ResponsePrimitive = { rsc: response.rsc, rqi: request.rqi, fr: member, to: originator };
      if (response.rvi !== undefined) item.rvi = response.rvi;
      if (response.pc !== undefined) item.pc = response.pc;
      return item;
    }),
  );
  return { rsc: Rsc.OK, pc: { 'm2m:agr': { 'm2m:rsp': responses } } };
}
