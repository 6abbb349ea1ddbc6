/**
 * Resource type ↔ qualified name (`pc` key) of TS-0004 Table 8.2.4-1 (digest §5.1), as
 * `name:ty` pairs: resource types, R4/R5 types (ACME) and announced variants (10000 + ty).
 * mgmtObj (13) has no name of its own: its specializations are told apart by `mgd`.
 */
const TYPE_TABLE =
  'acp:1 ae:2 cnt:3 cin:4 cb:5 grp:9 lcp:10 nod:14 pch:15 csr:16 req:17 sch:18 sub:23 smd:24 ntpr:25 ' +
  'ntp:26 pdr:27 fcnt:28 ts:29 tsi:30 dac:34 tgr:47 crs:48 fci:58 tsb:60 prp:62 prmr:63 stte:64 actr:65 ' +
  'depr:66 acpA:10001 aeA:10002 cntA:10003 cinA:10004 cbA:10005 grpA:10009 lcpA:10010 nodA:10014 ' +
  'csrA:10016 schA:10018 smdA:10024 fcntA:10028 tsA:10029 tsiA:10030';

/** mgmtObj specializations (ty 13) as `name:mgd` pairs (digest §3.14, §5.1). */
const MGMT_TABLE =
  'fwr:1001 swr:1002 mem:1003 ani:1004 andi:1005 bat:1006 dvi:1007 dvc:1008 rbo:1009 evl:1010';

const MGMT_OBJ = 13;

interface Tables {
  nameByType: Map<number, string>;
  typeByName: Map<string, number>;
  nameByMgd: Map<number, string>;
}
let tables: Tables | undefined;

// Built on first use, so importing this module costs nothing.
function load(): Tables {
  if (tables) return tables;
  const t: Tables = { nameByType: new Map(), typeByName: new Map(), nameByMgd: new Map() };
  for (const pair of TYPE_TABLE.split(' ')) {
    const [name, ty] = pair.split(':') as [string, string];
    t.nameByType.set(Number(ty), `m2m:${name}`);
    t.typeByName.set(`m2m:${name}`, Number(ty));
  }
  for (const pair of MGMT_TABLE.split(' ')) {
    const [name, mgd] = pair.split(':') as [string, string];
    t.nameByMgd.set(Number(mgd), `m2m:${name}`);
    t.typeByName.set(`m2m:${name}`, MGMT_OBJ);
  }
  tables = t;
  return t;
}

/**
 * The resource type of a qualified name: `resourceTypeOf('m2m:cnt') === 3`. mgmtObj
 * specializations (`m2m:fwr`, …) give 13. Returns `undefined` for anything else, including
 * non-resource elements (`m2m:sgn`) and flexContainer specializations in other namespaces.
 */
export function resourceTypeOf(qualifiedName: string): number | undefined {
  return load().typeByName.get(qualifiedName);
}

/**
 * The qualified name of a resource type: `qualifiedNameOf(3) === 'm2m:cnt'`. For mgmtObj (13),
 * pass `mgd` to pick the specialization; without it, or for an unnamed type, returns `undefined`.
 */
export function qualifiedNameOf(ty: number, mgd?: number): string | undefined {
  const t = load();
  if (ty === MGMT_OBJ) return mgd === undefined ? undefined : t.nameByMgd.get(mgd);
  return t.nameByType.get(ty);
}

/**
 * The single member name of a primitive content (`pc`), e.g. `'m2m:cnt'` for
 * `{ 'm2m:cnt': {...} }`. Returns `undefined` unless `pc` is a plain object with exactly one
 * own member.
 */
export function contentKeyOf(pc: unknown): string | undefined {
  if (pc === null || typeof pc !== 'object' || Array.isArray(pc)) return undefined;
  let found: string | undefined;
  for (const key in pc) {
    if (!Object.hasOwn(pc, key)) continue;
    if (found !== undefined) return undefined;
    found = key;
  }
  return found;
}
