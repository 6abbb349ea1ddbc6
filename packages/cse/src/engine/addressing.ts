import type { Resource } from './resource.js';
import { fail, Rsc } from './status.js';
import type { ResourceTree } from './tree.js';

/** Virtual child resources (TS-0004 §6.8) the engine implements. */
export type VirtualName = 'la' | 'ol' | 'pcu' | 'fopt';

const VIRTUAL_PARENTS: Record<VirtualName, ReadonlySet<number>> = {
  la: new Set([3, 29]),
  ol: new Set([3, 29]),
  pcu: new Set([15]),
  fopt: new Set([9]),
};

/** The outcome of resolving a `to` parameter. */
export interface Target {
  /** The addressed resource, or the parent of the virtual resource. */
  resource: Resource;
  /** Set when a virtual child (`la`, `ol`, `pcu`, `fopt`) is addressed. */
  virtual?: VirtualName;
  /** After `fopt`: the relative path appended to every member (may be empty). */
  rest?: string;
  /** The `#attr` suffix, when present. */
  attribute?: string;
}

/** Where the engine lives in the ID space, to tell local targets from foreign ones. */
export interface AddressSpace {
  /** SP-relative CSE-ID, e.g. `/id-in`. */
  cseId: string;
  /** CSEBase resource name, e.g. `cse-in`. */
  cseName: string;
}

/**
 * Turn any supported form of `to` (TS-0004 §6.2.4, digest §9.1) into CSE-relative segments:
 * CSE-relative (`cse-in/ae`, `-/ae`, `Cxyz`, `cnt123/la`), SP-relative (`/id-in/cse-in/ae`,
 * `/id-in/cnt123`) and absolute (`//sp.example/id-in/...`).
 */
export function toSegments(to: string, space: AddressSpace): { segments: string[]; attribute?: string } {
  let attribute: string | undefined;
  const hash = to.indexOf('#');
  if (hash >= 0) {
    attribute = to.slice(hash + 1);
    to = to.slice(0, hash);
    if (!attribute) fail(Rsc.BAD_REQUEST, `empty attribute name after '#' in '${to}#'`);
  }
  if (!to) fail(Rsc.BAD_REQUEST, "'to' is empty");
  if (to.startsWith('///')) fail(Rsc.BAD_REQUEST, `'to' has more than two leading slashes: '${to}'`);
  if (to.endsWith('/')) fail(Rsc.BAD_REQUEST, `'to' ends with '/': '${to}'`);
  let relative = to;
  if (to.startsWith('//')) {
    const slash = to.indexOf('/', 2);
    if (slash < 0) fail(Rsc.BAD_REQUEST, `absolute ID without a CSE-ID: '${to}'`);
    relative = to.slice(slash);
  }
  if (relative.startsWith('/')) {
    const slash = relative.indexOf('/', 1);
    const csi = slash < 0 ? relative : relative.slice(0, slash);
    if (csi !== space.cseId)
      fail(
        Rsc.TARGET_NOT_REACHABLE,
        `'${csi}' is not this CSE (${space.cseId}); no remote CSEs are registered`,
      );
    if (slash < 0)
      fail(Rsc.BAD_REQUEST, `'${to}' names a CSE, not a resource; address the CSEBase as '${space.cseName}'`);
    relative = relative.slice(slash + 1);
  }
  const segments = relative.split('/');
  if (segments.some((s) => s === '')) fail(Rsc.BAD_REQUEST, `'to' has an empty segment: '${to}'`);
  return attribute === undefined ? { segments } : { segments, attribute };
}

/** Resolve `to` against the tree. 4004 NOT_FOUND when nothing is there. */
export function resolveTarget(to: string, tree: ResourceTree, space: AddressSpace): Target {
  const { segments, attribute } = toSegments(to, space);
  const [first, ...names] = segments as [string, ...string[]];
  let current: Resource | undefined =
    first === space.cseName || first === '-' ? tree.base : tree.byRi.get(first);
  if (!current) fail(Rsc.NOT_FOUND, `resource '${to}' does not exist`);
  for (let i = 0; i < names.length; i++) {
    const name = names[i]!;
    const child: Resource | undefined = current.children.get(name);
    if (child) {
      current = child;
      continue;
    }
    const virtualParents = VIRTUAL_PARENTS[name as VirtualName];
    if (virtualParents?.has(current.ty)) {
      const target: Target = { resource: current, virtual: name as VirtualName };
      if (name === 'fopt') target.rest = names.slice(i + 1).join('/');
      else if (i < names.length - 1) fail(Rsc.NOT_FOUND, `resource '${to}' does not exist`);
      if (attribute !== undefined) target.attribute = attribute;
      return target;
    }
    fail(Rsc.NOT_FOUND, `resource '${to}' does not exist`);
  }
  return attribute === undefined ? { resource: current } : { resource: current, attribute };
}
