import { randomFillSync } from 'node:crypto';
import type { Resource } from './resource.js';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** Fields needed to create a tree node; the tree fills in the structural ones. */
export interface NewResource {
  ty: number;
  ri: string;
  rn: string;
  qn: string;
  creator: string;
  attrs: Record<string, unknown>;
  createdAt: number;
}

/**
 * The in-memory resource tree: children in Maps by name, every resource indexed by `ri`, so a
 * structured lookup is O(depth) and an unstructured one O(1).
 */
export class ResourceTree {
  /** Every live resource by resource ID. */
  readonly byRi = new Map<string, Resource>();
  /** Registered AEs by AE-ID stem (equal to their `ri`). */
  readonly aes = new Map<string, Resource>();
  /** The CSEBase. */
  readonly base: Resource;

  constructor(base: NewResource) {
    this.base = this.node(base, undefined);
    this.byRi.set(this.base.ri, this.base);
  }

  /** A fresh resource ID (or name) with the given prefix, unique in the CSE. */
  newId(prefix: string, length = 10): string {
    for (;;) {
      let id = prefix;
      for (let i = 0; i < length; i++) id += ALPHABET[this.randomIndex()];
      if (!this.byRi.has(id)) return id;
    }
  }

  private readonly pool = new Uint8Array(4096);
  private poolAt = this.pool.length;

  /** A uniform index into {@link ALPHABET}, from a pooled block of random bytes. */
  private randomIndex(): number {
    for (;;) {
      if (this.poolAt >= this.pool.length) {
        randomFillSync(this.pool);
        this.poolAt = 0;
      }
      const byte = this.pool[this.poolAt++]!;
      // 252 = 7 × 36: rejecting the rest keeps the distribution uniform.
      if (byte < 252) return byte % ALPHABET.length;
    }
  }

  /** A fresh child name under `parent` with the given prefix. */
  newName(parent: Resource, prefix: string): string {
    for (;;) {
      const name = this.newId(`${prefix}_`, 8);
      if (!parent.children.has(name)) return name;
    }
  }

  /** Insert a new resource under `parent` and index it. */
  insert(parent: Resource, fields: NewResource): Resource {
    const resource = this.node(fields, parent);
    parent.children.set(resource.rn, resource);
    this.byRi.set(resource.ri, resource);
    if (resource.ty === 23) parent.subscriptions.add(resource);
    if (resource.ty === 2) this.aes.set(resource.ri, resource);
    return resource;
  }

  /** Unlink one resource (not its children) from its parent and the indexes. */
  unlink(resource: Resource): void {
    resource.alive = false;
    resource.parent?.children.delete(resource.rn);
    resource.parent?.subscriptions.delete(resource);
    this.byRi.delete(resource.ri);
    if (resource.ty === 2) this.aes.delete(resource.ri);
  }

  /** Walk structured names from `start`; `undefined` when a segment is missing. */
  walk(start: Resource, names: readonly string[]): Resource | undefined {
    let r: Resource | undefined = start;
    for (const name of names) {
      r = r.children.get(name);
      if (!r) return undefined;
    }
    return r;
  }

  private node(fields: NewResource, parent: Resource | undefined): Resource {
    return {
      ...fields,
      path: parent ? `${parent.path}/${fields.rn}` : fields.rn,
      parent,
      children: new Map(),
      subscriptions: new Set(),
      modifiedAt: fields.createdAt,
      alive: true,
    };
  }
}
