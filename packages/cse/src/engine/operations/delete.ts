import { Acop, requirePrivilege } from '../access.js';
import type { EngineCore } from '../core.js';
import { parseFilter } from '../filter.js';
import { knownAttributeNames } from '../resources/index.js';
import { fail, Rsc } from '../status.js';
import { type OperationInput, type Outcome, resultContentOf } from './outcome.js';
import { resultContent } from './representation.js';
import { instanceOf } from './retrieve.js';

/** DELETE (TS-0004 §7.3.3.x): cascades to the subtree; notifications are sent by `removeResource`. */
export async function remove(core: EngineCore, input: OperationInput): Promise<Outcome> {
  const { request, target, originator } = input;
  if (target.virtual === 'pcu')
    fail(Rsc.OPERATION_NOT_ALLOWED, "the virtual resource 'pcu' cannot be deleted");
  if (target.attribute !== undefined)
    fail(Rsc.BAD_REQUEST, "a DELETE cannot target a single attribute ('#')");
  const resource =
    target.virtual === 'la' || target.virtual === 'ol'
      ? instanceOf(target.resource, target.virtual)
      : target.resource;
  if (resource === core.tree.base) fail(Rsc.OPERATION_NOT_ALLOWED, 'the CSEBase cannot be deleted');
  const rcn = resultContentOf(request, 0, [0, 1, 4, 5, 6, 8], 'DELETE');
  requirePrivilege(core, resource, originator, Acop.DELETE, input.memberPolicies);
  const pc =
    rcn === 0
      ? undefined
      : resultContent(
          core,
          resource,
          rcn,
          parseFilter(request.fc, knownAttributeNames),
          originator,
          request.drt,
        );
  core.removeResource(resource);
  return pc ? { rsc: Rsc.DELETED, pc } : { rsc: Rsc.DELETED };
}
