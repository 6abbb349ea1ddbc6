import type { RequestPrimitive } from '@onem2m-ws/protocol';
import type { AttrPolicy } from './attributes.js';
import type { EngineCore } from './core.js';
import type { Resource } from './resource.js';

/** What a resource type's create hook gets to work with. */
export interface CreateInput {
  /** The parent the new resource goes under. */
  readonly parent: Resource;
  /** The validated request content (the object under the qualified name). */
  readonly content: Record<string, unknown>;
  /** Attributes being built: universal ones are set, the hook adds the type-specific ones. */
  readonly attrs: Record<string, unknown>;
  /** Normalized originator. */
  readonly originator: string;
  /** The CREATE request. */
  readonly request: RequestPrimitive;
}

/** What a resource type's update hook gets to work with. */
export interface UpdateInput {
  /** The resource being updated (still holding the old attributes). */
  readonly resource: Resource;
  /** The validated request content. */
  readonly changes: Record<string, unknown>;
  /** The attributes after the change (nulls removed); the hook may adjust them. */
  readonly next: Record<string, unknown>;
  /** Normalized originator. */
  readonly originator: string;
}

/** Behaviour of one resource type in the engine. */
export interface ResourceKind {
  /** Resource type number. */
  readonly ty: number;
  /** Qualified name used in `pc`, e.g. `m2m:cnt`. */
  readonly qn: string;
  /** Prefix of generated resource IDs and names. */
  readonly prefix: string;
  /** Attribute policies, universal ones included. */
  readonly attributes: Record<string, AttrPolicy>;
  /** Resource types allowed as children (4108 otherwise). */
  readonly childTypes: ReadonlySet<number>;
  /** Carries a state tag `st` incremented on every modification. */
  readonly stateTag?: boolean;
  /** An UPDATE is 4005 OPERATION_NOT_ALLOWED (cin, tsi, request, CSEBase). */
  readonly immutable?: boolean;
  /** Only the CSE creates it (CSEBase, request): a CREATE request is 4005. */
  readonly internal?: boolean;
  /** Accepts attributes outside its table (flexContainer custom attributes). */
  readonly customAttributes?: boolean;
  /** Validate semantics and fill in type-specific attributes; may reject with a RequestError. */
  create?(core: EngineCore, input: CreateInput): void | Promise<void>;
  /** Runs once the new resource is in the tree. */
  created?(core: EngineCore, resource: Resource): void;
  /** Validate an update and adjust `next`; may reject with a RequestError. */
  update?(core: EngineCore, input: UpdateInput): void | Promise<void>;
  /** Runs after an update was applied; `changes` is the validated request content. */
  updated?(core: EngineCore, resource: Resource, changes: Record<string, unknown>): void;
  /** Runs when the resource leaves the tree (deletion, cascade or expiry). */
  removed?(core: EngineCore, resource: Resource): void;
}
