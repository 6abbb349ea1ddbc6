/**
 * The XML value kinds are derived from the validation specs (xml-value-kinds.ts). This holds the
 * derived table to the hand-written one it replaced (a frozen copy in
 * fixtures/legacy-xml-value-kinds.ts): for every name either table or the specs know, inside
 * every element either table or the specs name, the kind must be the same, or the difference must
 * be listed below with its reason.
 */
import { describe, expect, it } from 'vitest';
import { kindOf } from '../../src/codecs/xml-value-kinds.js';
import type { ObjectSpec, Spec } from '../../src/schemas/spec.js';
import { CONTENT_SPECS } from '../../src/schemas/specs.js';
import {
  LEGACY_CONTEXT_KINDS,
  LEGACY_GLOBAL_KINDS,
  legacyKindOf,
} from '../fixtures/legacy-xml-value-kinds.js';

/**
 * Differences from the hand-written table, as `parent name: legacy → derived`, each with its
 * reason. The `encn` items of a crossResourceSubscription's `encs` are eventNotificationCriteria
 * (specs.ts), typed like `enc`; the hand-written table only knew `enc`, so it read `<net>1 3</net>`
 * there as one number and wrote a list of `net` as JSON text.
 */
const JUSTIFIED_DIFFERENCES: readonly string[] = [
  'encn net: number → numberList',
  'encn om: object → objectList',
  'encn atr: undefined → stringList',
];

/** Every member name of the specs, and every name that holds a nested spec (a parent). */
function specNames(): { names: Set<string>; parents: Set<string> } {
  const names = new Set<string>();
  const parents = new Set<string>();
  const walk = (spec: Spec, name: string): void => {
    const item = Array.isArray(spec) ? (spec[0] as Spec) : spec;
    if (typeof item !== 'object') return;
    parents.add(name);
    for (const [key, member] of Object.entries(item as ObjectSpec)) {
      names.add(key.replace('!', ''));
      walk(member, key.replace('!', ''));
    }
  };
  for (const [name, spec] of Object.entries(CONTENT_SPECS) as [string, Spec][]) {
    names.add(name);
    walk(spec, name);
  }
  return { names, parents };
}

const spec = specNames();
const NAMES = new Set([
  ...LEGACY_GLOBAL_KINDS.keys(),
  ...[...LEGACY_CONTEXT_KINDS.values()].flatMap((context) => [...context.keys()]),
  ...spec.names,
  // Unknown names, qualified and not.
  'foo',
  'cod:tempe',
  'm2m:xyz',
]);
const PARENTS = new Set([
  ...LEGACY_CONTEXT_KINDS.keys(),
  ...spec.parents,
  // Where the specs hold enc a second time, the root elements, `pc`, a flexContainer
  // specialization, an unknown element.
  'encn',
  'm2m:rqp',
  'm2m:rsp',
  'pc',
  'cod:tempe',
  'foo',
]);

describe('XML value kinds derived from the specs', () => {
  it('knows every name the hand-written table knew, with the same kind', () => {
    for (const [name, kind] of LEGACY_GLOBAL_KINDS) expect(kindOf(name, 'foo'), name).toBe(kind);
  });

  it('knows every context of the hand-written table, with the same kinds', () => {
    for (const [parent, context] of LEGACY_CONTEXT_KINDS) {
      for (const [name, kind] of context) expect(kindOf(name, parent), `${parent} ${name}`).toBe(kind);
    }
  });

  it('types every known name in every known element as the hand-written table did', () => {
    expect(NAMES.size).toBeGreaterThan(250);
    expect(PARENTS.size).toBeGreaterThan(40);
    const differences: string[] = [];
    for (const parent of PARENTS) {
      for (const name of NAMES) {
        const legacy = legacyKindOf(name, parent);
        const derived = kindOf(name, parent);
        if (legacy !== derived) differences.push(`${parent} ${name}: ${legacy} → ${derived}`);
      }
    }
    expect(differences).toEqual(JUSTIFIED_DIFFERENCES);
  });

  it('leaves plain strings unknown, so the reader lets them repeat', () => {
    for (const name of [
      'rn',
      'ri',
      'pi',
      'ct',
      'or',
      'nm',
      'rqi',
      'to',
      'ape',
      'conr',
      'nsi',
      'tri',
      'mgca',
    ]) {
      expect(kindOf(name, 'm2m:cnt'), name).toBeUndefined();
    }
  });
});
