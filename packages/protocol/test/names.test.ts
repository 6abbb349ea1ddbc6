import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ResourceType } from '../src/constants.js';
import { ProtocolError } from '../src/errors.js';
import {
  CONTEXT_NAMES,
  contentKeyOf,
  isShortName,
  longNameOf,
  MAX_NAME_DEPTH,
  NAME_GROUPS,
  QUALIFIED_NAMES,
  qualifiedNameOf,
  resourceTypeOf,
  shortNameOf,
  toLongNames,
  toShortNames,
} from '../src/names/index.js';

const allShort = NAME_GROUPS.flatMap((g) => Object.keys(g));
const allLong = NAME_GROUPS.flatMap((g) => Object.values(g));

describe('name tables', () => {
  it('has each short name once across groups', () => {
    expect(new Set(allShort).size).toBe(allShort.length);
  });

  it('has each long name once, so long → short is unambiguous', () => {
    expect(new Set(allLong).size).toBe(allLong.length);
  });

  it('never uses a short name as the long name of another entry', () => {
    for (const long of allLong) {
      if (isShortName(long)) expect(longNameOf(long)).toBe(long);
    }
  });

  it('has unique qualified names both ways', () => {
    expect(new Set(Object.values(QUALIFIED_NAMES)).size).toBe(Object.keys(QUALIFIED_NAMES).length);
  });

  it('translates every table entry both ways on its own', () => {
    for (const group of NAME_GROUPS) {
      for (const [short, long] of Object.entries(group)) {
        expect(toLongNames({ [short]: 1 }), short).toEqual({ [long]: 1 });
        expect(toShortNames({ [long]: 1 }), long).toEqual({ [short]: 1 });
      }
    }
    for (const [short, long] of Object.entries(QUALIFIED_NAMES)) {
      expect(toLongNames({ [`m2m:${short}`]: {} })).toEqual({ [`m2m:${long}`]: {} });
      expect(toShortNames({ [`m2m:${long}`]: {} })).toEqual({ [`m2m:${short}`]: {} });
    }
    for (const [parent, table] of Object.entries(CONTEXT_NAMES)) {
      for (const [short, long] of Object.entries(table)) {
        const parentLong = longNameOf(parent)!;
        expect(toLongNames({ [parent]: { [short]: 1 } })).toEqual({ [parentLong]: { [long]: 1 } });
        expect(toShortNames({ [parentLong]: { [long]: 1 } })).toEqual({ [parent]: { [short]: 1 } });
      }
    }
  });

  it('looks up single names', () => {
    expect(longNameOf('rn')).toBe('resourceName');
    expect(shortNameOf('resourceName')).toBe('rn');
    expect(shortNameOf('App-ID')).toBe('api');
    expect(longNameOf('rvi')).toBe('releaseVersionIndicator');
    expect(longNameOf('__proto__')).toBeUndefined();
    expect(shortNameOf('constructor')).toBeUndefined();
    expect(shortNameOf('toString')).toBeUndefined();
  });

  it('covers every request and response parameter of digest §1–2', () => {
    const params =
      'op to fr rqi ty pc rids ot rqet rset oet rt rp rcn ec da gid fc drt tkns tids ltids tqi grtm asi aus auri sqi rvi vsi rsc cnst cnot ati tqf asri';
    for (const p of params.split(' ')) expect(longNameOf(p), p).toBeDefined();
  });

  it('covers the filter criteria members of digest §6', () => {
    const members =
      'crb cra ms us sts stb exb exa lbl clbl palb lbq ty chty pty sza szb cty atr catr patr smf cfs cfq fu fo lim lvl ofst arp gmty geom gsf';
    for (const m of members.split(' ')) expect(longNameOf(m), m).toBeDefined();
  });
});

describe('toShortNames / toLongNames', () => {
  const shortCreate = {
    op: 1,
    to: 'cse-in',
    fr: 'C',
    rqi: 'r1',
    rvi: '3',
    ty: 2,
    pc: { 'm2m:ae': { rn: 'myAE', api: 'Nmyapp', rr: true, srv: ['3'], poa: ['ws://default'] } },
  };
  const longCreate = {
    operation: 1,
    to: 'cse-in',
    from: 'C',
    requestIdentifier: 'r1',
    releaseVersionIndicator: '3',
    resourceType: 2,
    primitiveContent: {
      'm2m:AE': {
        resourceName: 'myAE',
        'App-ID': 'Nmyapp',
        requestReachability: true,
        supportedReleaseVersions: ['3'],
        pointOfAccess: ['ws://default'],
      },
    },
  };

  it('translates a whole request both ways', () => {
    expect(toLongNames(shortCreate)).toEqual(longCreate);
    expect(toShortNames(longCreate)).toEqual(shortCreate);
  });

  it('accepts a mix of short and long names', () => {
    expect(toShortNames({ resourceName: 'a', mni: 3, maxByteSize: 10 })).toEqual({
      rn: 'a',
      mni: 3,
      mbs: 10,
    });
  });

  it('translates qualified keys and leaves other namespaces alone', () => {
    expect(toLongNames({ 'm2m:cnt': { rn: 'x' } })).toEqual({ 'm2m:container': { resourceName: 'x' } });
    expect(toShortNames({ 'm2m:container': { resourceName: 'x' } })).toEqual({ 'm2m:cnt': { rn: 'x' } });
    expect(toLongNames({ 'cod:tempe': { rn: 't', curT0: 20 } })).toEqual({
      'cod:tempe': { resourceName: 't', curT0: 20 },
    });
    expect(toLongNames({ 'm2m:unknownThing': { rn: 'x' } })).toEqual({
      'm2m:unknownThing': { resourceName: 'x' },
    });
  });

  it('descends into arrays, nested primitives and notifications', () => {
    const sgn = {
      'm2m:agn': {
        'm2m:sgn': [
          { nev: { rep: { 'm2m:cin': { con: '1' } }, net: 3, om: { op: 1, or: 'Cx' } }, sur: '/id-in/sub1' },
        ],
      },
    };
    expect(toLongNames(sgn)).toEqual({
      'm2m:aggregatedNotification': {
        'm2m:notification': [
          {
            notificationEvent: {
              representation: { 'm2m:contentInstance': { content: '1' } },
              notificationEventType: 3,
              operationMonitor: { operation: 1, originator: 'Cx' },
            },
            subscriptionReference: '/id-in/sub1',
          },
        ],
      },
    });
    expect(toShortNames(toLongNames(sgn))).toEqual(sgn);
  });

  it('resolves `or` by context: originator inside om, ontologyRef elsewhere', () => {
    expect(toLongNames({ or: 'http://x', enc: { om: [{ ops: 1, or: 'C1' }] } })).toEqual({
      ontologyRef: 'http://x',
      eventNotificationCriteria: { operationMonitor: [{ operations: 1, originator: 'C1' }] },
    });
    expect(toShortNames({ originator: 'C1' })).toEqual({ org: 'C1' });
    expect(Object.keys(CONTEXT_NAMES)).toContain('om');
    // `org` inside om would collide with the contextual `or`, so it stays as written.
    expect(toLongNames({ om: { org: 'C1' } })).toEqual({ operationMonitor: { org: 'C1' } });
    expect(toShortNames(toLongNames({ encs: { encn: [{ net: [1] }], enc: 1 } }))).toEqual({
      encs: { encn: [{ net: [1] }], enc: 1 },
    });
  });

  it('never touches values, and keeps con and unknown members opaque', () => {
    const content = { rn: 'not-an-attribute', nested: { ty: 3 } };
    const cin = { 'm2m:cin': { con: content, cnf: 'application/json:0', rn: 'resourceName' } };
    const long = toLongNames<Record<string, Record<string, unknown>>>(cin);
    expect(long['m2m:contentInstance']!.content).toBe(content);
    expect(long['m2m:contentInstance']!.resourceName).toBe('resourceName');
    const custom = { 'cod:tempe': { myAttr: { rn: 'kept' } } };
    expect(toLongNames(custom)).toEqual(custom);
    expect(toLongNames({ 'm2m:atrl': ['rn', 'lbl'] })).toEqual({ 'm2m:attributeList': ['rn', 'lbl'] });
  });

  it('returns a copy and leaves non-plain values alone', () => {
    const bytes = new Uint8Array([1, 2]);
    const input = { con: bytes, lbl: ['a'] };
    const out = toLongNames<Record<string, unknown>>(input);
    expect(out.content).toBe(bytes);
    expect(out).not.toBe(input);
    expect(input).toEqual({ con: bytes, lbl: ['a'] });
    expect(toShortNames('text')).toBe('text');
    expect(toShortNames(null)).toBeNull();
  });

  it('keeps __proto__ and constructor keys as own data, never touching prototypes', () => {
    const hostile = JSON.parse('{"__proto__":{"polluted":true},"constructor":{"rn":"x"},"rn":"a"}');
    const short = toShortNames<Record<string, unknown>>(hostile);
    const long = toLongNames<Record<string, unknown>>(hostile);
    for (const out of [short, long]) {
      expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
      expect(Object.hasOwn(out, '__proto__')).toBe(true);
      expect((out as { polluted?: unknown }).polluted).toBeUndefined();
      expect(out.constructor).toEqual({ rn: 'x' });
    }
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
    expect(long.resourceName).toBe('a');
  });

  it('refuses cycles and absurd nesting with a ProtocolError', () => {
    const cyclic: Record<string, unknown> = { rn: 'a' };
    cyclic.pc = cyclic;
    expect(() => toLongNames(cyclic)).toThrow(ProtocolError);
    let deep: unknown = 'x';
    for (let i = 0; i < MAX_NAME_DEPTH + 10; i++) deep = { pc: deep };
    expect(() => toShortNames(deep)).toThrow(/nested deeper/);
  });

  // Generated objects in short-name form: known keys with nested objects, arrays and scalars,
  // plus unknown keys that are neither short nor long names.
  const longSet = new Set(allLong);
  const knownKey = fc.constantFrom(...allShort, ...Object.keys(QUALIFIED_NAMES).map((k) => `m2m:${k}`));
  const unknownKey = fc
    .string({ minLength: 1, maxLength: 8 })
    .filter((k) => !isShortName(k) && !longSet.has(k) && !k.includes(':') && !(k in CONTEXT_NAMES));
  const scalar = fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null));
  const { tree } = fc.letrec((tie) => ({
    tree: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      scalar,
      fc.array(tie('tree'), { maxLength: 3 }),
      fc.dictionary(fc.oneof(knownKey, unknownKey), tie('tree'), { maxKeys: 5 }),
    ),
  }));

  it('round-trips short → long → short for any generated value', () => {
    fc.assert(
      fc.property(tree, (value) => {
        expect(toShortNames(toLongNames(value))).toEqual(value);
      }),
      { numRuns: 1000 },
    );
  });

  it('produces only long or unknown names at the top level of long form', () => {
    fc.assert(
      fc.property(fc.dictionary(knownKey, scalar, { maxKeys: 6 }), (value) => {
        const long = toLongNames<Record<string, unknown>>(value);
        for (const key of Object.keys(long)) {
          const local = key.startsWith('m2m:') ? key.slice(4) : key;
          const isLong = longSet.has(local) || Object.values(QUALIFIED_NAMES).includes(local as never);
          expect(isLong, key).toBe(true);
        }
      }),
    );
  });
});

describe('resource type names', () => {
  it('maps type numbers to qualified names and back', () => {
    expect(resourceTypeOf('m2m:cnt')).toBe(3);
    expect(qualifiedNameOf(3)).toBe('m2m:cnt');
    expect(qualifiedNameOf(ResourceType.FlexContainer)).toBe('m2m:fcnt');
    expect(qualifiedNameOf(ResourceType.ContainerAnnc)).toBe('m2m:cntA');
    expect(resourceTypeOf('m2m:tsi')).toBe(30);
    expect(resourceTypeOf('m2m:sgn')).toBeUndefined();
    expect(resourceTypeOf('__proto__')).toBeUndefined();
    expect(qualifiedNameOf(33)).toBeUndefined();
  });

  it('maps mgmtObj specializations through mgd', () => {
    expect(resourceTypeOf('m2m:fwr')).toBe(13);
    expect(qualifiedNameOf(13)).toBeUndefined();
    expect(qualifiedNameOf(13, 1006)).toBe('m2m:bat');
  });

  it('round-trips every named resource type', () => {
    for (const ty of Object.values(ResourceType)) {
      const name = qualifiedNameOf(ty);
      if (name !== undefined) expect(resourceTypeOf(name)).toBe(ty);
    }
  });

  it('finds the single key of a pc', () => {
    expect(contentKeyOf({ 'm2m:cnt': {} })).toBe('m2m:cnt');
    expect(contentKeyOf({})).toBeUndefined();
    expect(contentKeyOf({ a: 1, b: 2 })).toBeUndefined();
    expect(contentKeyOf(null)).toBeUndefined();
    expect(contentKeyOf(['m2m:cnt'])).toBeUndefined();
    expect(contentKeyOf('m2m:cnt')).toBeUndefined();
    expect(contentKeyOf(JSON.parse('{"__proto__":1}'))).toBe('__proto__');
  });
});
