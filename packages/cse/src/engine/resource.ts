/** One node of the in-memory resource tree. */
export interface Resource {
  /** Resource type (`ty`). */
  readonly ty: number;
  /** Resource ID (`ri`), unique in the CSE, CSE-relative unstructured form. */
  readonly ri: string;
  /** Resource name (`rn`), unique among its siblings. */
  readonly rn: string;
  /** Structured CSE-relative address, e.g. `cse-in/myAE/cnt`. */
  readonly path: string;
  /** Qualified name used as the `pc` key, e.g. `m2m:cnt` (flexContainers keep their own). */
  readonly qn: string;
  /** Parent, `undefined` only for the CSEBase. */
  readonly parent: Resource | undefined;
  /** Children by resource name, in creation order. */
  readonly children: Map<string, Resource>;
  /** Subscriptions among the children, for O(1) event fan-out. */
  readonly subscriptions: Set<Resource>;
  /** All attributes in wire (short-name) form, including the universal ones. */
  attrs: Record<string, unknown>;
  /** Originator that created it (owner for default privileges). */
  readonly creator: string;
  /** Epoch ms of `et`, when set. */
  expiresAt?: number;
  /** Instances (cin / tsi) of a container or timeSeries, oldest first. */
  instances?: Resource[];
  /** `dgt` instants (ms) of a timeSeries' instances, for the O(1) uniqueness check. */
  dataTimes?: Set<number>;
  /** Creation instant in ms (`ct` has only second resolution). */
  readonly createdAt: number;
  /** Last modification instant in ms. */
  modifiedAt: number;
  /** False once removed from the tree; late async work checks it. */
  alive: boolean;
}

/** Representation of a resource as it appears under its qualified name in `pc`. */
export function representation(resource: Resource): Record<string, unknown> {
  return cloneJson(resource.attrs) as Record<string, unknown>;
}

/**
 * Deep copy of an attribute value. Plain objects and arrays (what JSON and XML decode to) are
 * copied directly, which is much cheaper than structuredClone; anything else a codec may produce
 * (CBOR byte strings, dates, maps) goes through structuredClone.
 */
export function cloneJson(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map(cloneJson);
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return structuredClone(value);
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) out[key] = cloneJson((value as Record<string, unknown>)[key]);
  return out;
}

/** Find the nearest ancestor (or the resource itself) of the given type. */
export function ancestorOfType(resource: Resource | undefined, ty: number): Resource | undefined {
  for (let r = resource; r; r = r.parent) if (r.ty === ty) return r;
  return undefined;
}

/** True when `descendant` is `ancestor` or lies below it. */
export function isWithin(descendant: Resource, ancestor: Resource): boolean {
  for (let r: Resource | undefined = descendant; r; r = r.parent) if (r === ancestor) return true;
  return false;
}
