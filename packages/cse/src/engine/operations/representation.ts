import type { PrimitiveContent } from '@onem2m-ws/protocol';
import { Acop, hasPrivilege } from '../access.js';
import type { EngineCore } from '../core.js';
import { matches, type ParsedFilter } from '../filter.js';
import { type Resource, representation } from '../resource.js';

/** m2m:childResourceRef entry. */
export interface ChildRef {
  nm: string;
  typ: number;
  val: string;
}

/** The ID of a resource in results: structured CSE-relative (drt 1) or its `ri` (drt 2). */
export function idOf(resource: Resource, drt: number | undefined): string {
  return drt === 2 ? resource.ri : resource.path;
}

/**
 * Whether `originator` sees `child` in child lists and discovery results: it needs the privilege
 * for `op` on it (RETRIEVE for rcn 4/5/6/8, DISCOVERY for discovery); `<request>` resources are
 * visible to their originator only.
 */
export function visibleTo(
  core: EngineCore,
  child: Resource,
  originator: string,
  op: number = Acop.RETRIEVE,
): boolean {
  if (child.ty === 17) return child.creator === originator || originator === core.cseId;
  return hasPrivilege(core, child, originator, op);
}

function selectedChildren(
  core: EngineCore,
  resource: Resource,
  filter: ParsedFilter,
  originator: string,
): Resource[] {
  const out: Resource[] = [];
  for (const child of resource.children.values()) {
    if (visibleTo(core, child, originator) && matches(filter, child)) out.push(child);
  }
  return out;
}

/** Child references (rcn 5 `ch`, rcn 6 `m2m:rrl`), filtered by `fc`. */
export function childRefs(
  core: EngineCore,
  resource: Resource,
  filter: ParsedFilter,
  originator: string,
  drt?: number,
): ChildRef[] {
  return selectedChildren(core, resource, filter, originator).map((c) => ({
    nm: c.rn,
    typ: c.ty,
    val: idOf(c, drt),
  }));
}

/** Nest child representations under `m2m:<type>` arrays (rcn 4 / 8), down to `lvl` levels. */
function addChildren(
  core: EngineCore,
  target: Record<string, unknown>,
  resource: Resource,
  filter: ParsedFilter,
  originator: string,
  depth: number,
): void {
  for (const child of selectedChildren(core, resource, filter, originator)) {
    const rep = representation(child);
    if (filter.lvl === undefined || depth < filter.lvl)
      addChildren(core, rep, child, filter, originator, depth + 1);
    const list = target[child.qn];
    if (Array.isArray(list)) list.push(rep);
    else target[child.qn] = [rep];
  }
}

/** `pc` of a RETRIEVE (or DELETE) response for result content 1, 4, 5, 6, 7 or 8 (TS-0004 §7.3.3.12). */
export function resultContent(
  core: EngineCore,
  resource: Resource,
  rcn: number,
  filter: ParsedFilter,
  originator: string,
  drt?: number,
): PrimitiveContent {
  switch (rcn) {
    case 4: {
      const rep = representation(resource);
      addChildren(core, rep, resource, filter, originator, 1);
      return { [resource.qn]: rep };
    }
    case 5:
      return {
        [resource.qn]: {
          ...representation(resource),
          ch: childRefs(core, resource, filter, originator, drt),
        },
      };
    case 6:
      return { 'm2m:rrl': { rrf: childRefs(core, resource, filter, originator, drt) } };
    case 8: {
      const rep: Record<string, unknown> = {};
      addChildren(core, rep, resource, filter, originator, 1);
      return { [resource.qn]: rep };
    }
    default:
      return { [resource.qn]: representation(resource) };
  }
}
