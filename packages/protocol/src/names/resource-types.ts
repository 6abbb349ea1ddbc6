import { MgmtDefinition, ResourceType } from '../constants.js';

/**
 * Resource type ↔ qualified name (`pc` key) of TS-0004 Table 8.2.4-1 (digest §5.1).
 * mgmtObj (13) has no name of its own: its specializations are told apart by `mgd`.
 */
const TYPE_NAMES: ReadonlyArray<readonly [number, string]> = [
  [ResourceType.AccessControlPolicy, 'acp'],
  [ResourceType.AE, 'ae'],
  [ResourceType.Container, 'cnt'],
  [ResourceType.ContentInstance, 'cin'],
  [ResourceType.CSEBase, 'cb'],
  [ResourceType.Group, 'grp'],
  [ResourceType.LocationPolicy, 'lcp'],
  [ResourceType.Node, 'nod'],
  [ResourceType.PollingChannel, 'pch'],
  [ResourceType.RemoteCSE, 'csr'],
  [ResourceType.Request, 'req'],
  [ResourceType.Schedule, 'sch'],
  [ResourceType.Subscription, 'sub'],
  [ResourceType.SemanticDescriptor, 'smd'],
  [ResourceType.NotificationTargetMgmtPolicyRef, 'ntpr'],
  [ResourceType.NotificationTargetPolicy, 'ntp'],
  [ResourceType.PolicyDeletionRules, 'pdr'],
  [ResourceType.FlexContainer, 'fcnt'],
  [ResourceType.TimeSeries, 'ts'],
  [ResourceType.TimeSeriesInstance, 'tsi'],
  [ResourceType.DynamicAuthorizationConsultation, 'dac'],
  [ResourceType.TriggerRequest, 'tgr'],
  [ResourceType.CrossResourceSubscription, 'crs'],
  [ResourceType.FlexContainerInstance, 'fci'],
  [ResourceType.TimeSyncBeacon, 'tsb'],
  [ResourceType.PrimitiveProfile, 'prp'],
  [ResourceType.ProcessManagement, 'prmr'],
  [ResourceType.State, 'stte'],
  [ResourceType.Action, 'actr'],
  [ResourceType.Dependency, 'depr'],
  [ResourceType.AccessControlPolicyAnnc, 'acpA'],
  [ResourceType.AEAnnc, 'aeA'],
  [ResourceType.ContainerAnnc, 'cntA'],
  [ResourceType.ContentInstanceAnnc, 'cinA'],
  [ResourceType.CSEBaseAnnc, 'cbA'],
  [ResourceType.GroupAnnc, 'grpA'],
  [ResourceType.LocationPolicyAnnc, 'lcpA'],
  [ResourceType.NodeAnnc, 'nodA'],
  [ResourceType.RemoteCSEAnnc, 'csrA'],
  [ResourceType.ScheduleAnnc, 'schA'],
  [ResourceType.SemanticDescriptorAnnc, 'smdA'],
  [ResourceType.FlexContainerAnnc, 'fcntA'],
  [ResourceType.TimeSeriesAnnc, 'tsA'],
  [ResourceType.TimeSeriesInstanceAnnc, 'tsiA'],
];

/** mgmtObj specializations (ty 13) by `mgd` (digest §3.14, §5.1). */
const MGMT_NAMES: ReadonlyArray<readonly [number, string]> = [
  [MgmtDefinition.Firmware, 'fwr'],
  [MgmtDefinition.Software, 'swr'],
  [MgmtDefinition.Memory, 'mem'],
  [MgmtDefinition.AreaNwkInfo, 'ani'],
  [MgmtDefinition.AreaNwkDeviceInfo, 'andi'],
  [MgmtDefinition.Battery, 'bat'],
  [MgmtDefinition.DeviceInfo, 'dvi'],
  [MgmtDefinition.DeviceCapability, 'dvc'],
  [MgmtDefinition.Reboot, 'rbo'],
  [MgmtDefinition.EventLog, 'evl'],
];

const NAME_BY_TYPE = new Map<number, string>();
const TYPE_BY_NAME = new Map<string, number>();
for (const [ty, name] of TYPE_NAMES) {
  NAME_BY_TYPE.set(ty, `m2m:${name}`);
  TYPE_BY_NAME.set(`m2m:${name}`, ty);
}
const NAME_BY_MGD = new Map<number, string>();
for (const [mgd, name] of MGMT_NAMES) {
  NAME_BY_MGD.set(mgd, `m2m:${name}`);
  TYPE_BY_NAME.set(`m2m:${name}`, ResourceType.MgmtObj);
}

/**
 * The resource type of a qualified name: `resourceTypeOf('m2m:cnt') === 3`. mgmtObj
 * specializations (`m2m:fwr`, …) give 13. Returns `undefined` for anything else, including
 * non-resource elements (`m2m:sgn`) and flexContainer specializations in other namespaces.
 */
export function resourceTypeOf(qualifiedName: string): number | undefined {
  return TYPE_BY_NAME.get(qualifiedName);
}

/**
 * The qualified name of a resource type: `qualifiedNameOf(3) === 'm2m:cnt'`. For mgmtObj (13),
 * pass `mgd` to pick the specialization; without it, or for an unnamed type, returns `undefined`.
 */
export function qualifiedNameOf(ty: number, mgd?: number): string | undefined {
  if (ty === ResourceType.MgmtObj) return mgd === undefined ? undefined : NAME_BY_MGD.get(mgd);
  return NAME_BY_TYPE.get(ty);
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
