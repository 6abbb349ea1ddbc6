import { codeTable } from '../code-table.js';

/**
 * Resource type ↔ qualified name (`pc` key) of TS-0004 Table 8.2.4-1 (digest §5.1), as a
 * {@link codeTable} of names without `m2m:`: resource types, R4/R5 types (ACME) and announced
 * variants (10000 + ty). mgmtObj (13) has no name of its own: its specializations are told apart
 * by `mgd`.
 */
const TYPES = /*#__PURE__*/ codeTable(
  '1 acp ae cnt cin cb 9 grp lcp 14 nod pch csr req sch 23 sub smd ntpr ntp pdr fcnt ts tsi',
  '34 dac 47 tgr crs 58 fci 60 tsb 62 prp prmr stte actr depr',
  '10001 acpA aeA cntA cinA cbA 10009 grpA lcpA 10014 nodA 10016 csrA 10018 schA',
  '10024 smdA 10028 fcntA tsA tsiA',
);

/** mgmtObj specializations (ty 13) by `mgd` (digest §3.14, §5.1). */
const MGMT_TYPES = /*#__PURE__*/ codeTable('1001 fwr swr mem ani andi bat dvi dvc rbo evl');

const MGMT_OBJ = 13;

// A tuple rather than an object of named maps: property names are kept whole in the minified
// bundle, tuple indexes are one character.
type Tables = readonly [
  nameByType: Map<number, string>,
  typeByName: Map<string, number>,
  nameByMgd: Map<number, string>,
];
let tables: Tables | undefined;

// The maps are built on first use.
function load(): Tables {
  if (tables) return tables;
  const nameByType = new Map<number, string>();
  const typeByName = new Map<string, number>();
  const nameByMgd = new Map<number, string>();
  for (const [name, ty] of Object.entries(TYPES)) {
    nameByType.set(ty, `m2m:${name}`);
    typeByName.set(`m2m:${name}`, ty);
  }
  for (const [name, mgd] of Object.entries(MGMT_TYPES)) {
    nameByMgd.set(mgd, `m2m:${name}`);
    typeByName.set(`m2m:${name}`, MGMT_OBJ);
  }
  tables = [nameByType, typeByName, nameByMgd];
  return tables;
}

/**
 * The resource type of a qualified name: `resourceTypeOf('m2m:cnt') === 3`. mgmtObj
 * specializations (`m2m:fwr`, …) give 13. Returns `undefined` for anything else, including
 * non-resource elements (`m2m:sgn`) and flexContainer specializations in other namespaces.
 */
export function resourceTypeOf(qualifiedName: string): number | undefined {
  const [, typeByName] = load();
  return typeByName.get(qualifiedName);
}

/**
 * The qualified name of a resource type: `qualifiedNameOf(3) === 'm2m:cnt'`. For mgmtObj (13),
 * pass `mgd` to pick the specialization; without it, or for an unnamed type, returns `undefined`.
 */
export function qualifiedNameOf(ty: number, mgd?: number): string | undefined {
  const [nameByType, , nameByMgd] = load();
  if (ty === MGMT_OBJ) return mgd === undefined ? undefined : nameByMgd.get(mgd);
  return nameByType.get(ty);
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
