import { acpiAttribute, attr, readOnly, universalAttributes } from '../attributes.js';
import type { ResourceKind } from '../kind.js';
import { fail, Rsc, show } from '../status.js';
import { parseDuration, parseTimestamp } from '../time.js';

/** Notification event types the engine raises (TS-0004 §6.3.4.2.19). */
const SUPPORTED_NET = new Set([1, 2, 3, 4]);
/** Notification content types the engine produces. */
const SUPPORTED_NCT = new Set([1, 2, 3]);
const TIME_CRITERIA = ['crb', 'cra', 'ms', 'us', 'exb', 'exa'];
const NUMBER_CRITERIA = ['sts', 'stb', 'sza', 'szb'];
const ENC_MEMBERS = new Set([...TIME_CRITERIA, ...NUMBER_CRITERIA, 'net', 'chty', 'atr', 'fo', 'om', 'md']);

function isIntList(v: unknown): v is number[] {
  return Array.isArray(v) && v.every(Number.isInteger);
}

function checkEnc(enc: Record<string, unknown>): void {
  for (const key of Object.keys(enc))
    if (!ENC_MEMBERS.has(key)) fail(Rsc.BAD_REQUEST, `unknown member 'enc.${key}'`);
  if (enc.net !== undefined) {
    if (!isIntList(enc.net) || enc.net.length > 5)
      fail(Rsc.BAD_REQUEST, "'enc.net' must be a list of up to 5 event types");
    for (const net of enc.net) {
      if (!SUPPORTED_NET.has(net))
        fail(Rsc.NOT_IMPLEMENTED, `notificationEventType ${net} is not supported by this CSE`);
    }
  }
  if (enc.chty !== undefined && !isIntList(enc.chty))
    fail(Rsc.BAD_REQUEST, "'enc.chty' must be a list of resource types");
  if (enc.atr !== undefined && !(Array.isArray(enc.atr) && enc.atr.every((a) => typeof a === 'string'))) {
    fail(Rsc.BAD_REQUEST, "'enc.atr' must be a list of attribute names");
  }
  if (enc.fo !== undefined && enc.fo !== 1 && enc.fo !== 2) fail(Rsc.BAD_REQUEST, "'enc.fo' must be 1 or 2");
  for (const key of TIME_CRITERIA) {
    if (enc[key] !== undefined && parseTimestamp(enc[key]) === undefined)
      fail(Rsc.BAD_REQUEST, `'enc.${key}' is not a timestamp`);
  }
  for (const key of NUMBER_CRITERIA) {
    if (enc[key] !== undefined && !(Number.isInteger(enc[key]) && (enc[key] as number) >= 0)) {
      fail(Rsc.BAD_REQUEST, `'enc.${key}' must be a non-negative integer`);
    }
  }
  if (enc.om !== undefined) {
    const ok =
      Array.isArray(enc.om) &&
      enc.om.every((m: { ops?: unknown; or?: unknown }) => {
        if (typeof m !== 'object' || m === null) return false;
        const opsOk =
          m.ops === undefined ||
          (Number.isInteger(m.ops) && (m.ops as number) >= 1 && (m.ops as number) <= 63);
        return opsOk && (m.or === undefined || typeof m.or === 'string');
      });
    if (!ok) fail(Rsc.BAD_REQUEST, "'enc.om' must be a list of {ops?: operations bit mask, or?: originator}");
  }
  if (enc.md !== undefined) fail(Rsc.NOT_IMPLEMENTED, "'enc.md' (missing data) is not supported by this CSE");
}

function checkCommon(content: Record<string, unknown>): void {
  if (content.nu !== undefined && content.nu !== null) {
    const nu = content.nu as string[];
    if (nu.length === 0 || nu.some((n) => n.length === 0))
      fail(Rsc.BAD_REQUEST, "'nu' must hold at least one non-empty URI");
  }
  if (content.enc) checkEnc(content.enc as Record<string, unknown>);
  if (content.nct !== undefined && content.nct !== null && !SUPPORTED_NCT.has(content.nct as number)) {
    fail(Rsc.NOT_IMPLEMENTED, `notificationContentType ${show(content.nct)} is not supported by this CSE`);
  }
  const bn = content.bn as Record<string, unknown> | undefined | null;
  if (bn) {
    if (bn.num !== undefined && !(Number.isInteger(bn.num) && (bn.num as number) >= 1))
      fail(Rsc.BAD_REQUEST, "'bn.num' must be a positive integer");
    if (bn.dur !== undefined && parseDuration(bn.dur) === undefined)
      fail(Rsc.BAD_REQUEST, "'bn.dur' must be an xs:duration such as 'PT10S'");
    if (bn.num === undefined && bn.dur === undefined) fail(Rsc.BAD_REQUEST, "'bn' needs 'num' or 'dur'");
  }
}

/**
 * `<subscription>` (ty 23, TS-0004 §7.4.8): validated `enc` / `nct` / `bn`; verification of every
 * `nu` that is not the subscriber before the resource exists (5204 when refused).
 */
export const subscriptionKind: ResourceKind = {
  ty: 23,
  qn: 'm2m:sub',
  prefix: 'sub',
  attributes: {
    ...universalAttributes,
    ...acpiAttribute,
    enc: attr('object', 'O', 'O'),
    exc: attr('posInt', 'O', 'O'),
    nu: attr('strings', 'M', 'O'),
    gpi: attr('string', 'O', 'O'),
    nfu: attr('string', 'O', 'O'),
    bn: attr('object', 'O', 'O'),
    rl: attr('object', 'O', 'O'),
    psn: attr('number', 'O', 'NP'),
    pn: attr('number', 'O', 'O'),
    nsp: attr('number', 'O', 'O'),
    ln: attr('boolean', 'O', 'O'),
    nct: attr('number', 'O', 'O'),
    nec: attr('number', 'O', 'O'),
    su: attr('string', 'O', 'NP'),
    acrs: attr('strings', 'O', 'O'),
    nse: attr('boolean', 'O', 'O'),
    nsi: readOnly('any'),
  },
  childTypes: new Set(),
  async create(core, { content, attrs, originator }) {
    checkCommon(content);
    // TS-0004 §7.4.8.2.1: the CSE records the subscriber as creator and sets the default nct.
    attrs.cr = originator;
    attrs.nct ??= 1;
    await core.notifier.verify(attrs.ri as string, attrs.nu as string[], originator);
  },
  async update(core, { resource, changes, originator }) {
    checkCommon(changes);
    if (Array.isArray(changes.nu)) {
      const old = new Set((resource.attrs.nu as string[] | undefined) ?? []);
      const added = (changes.nu as string[]).filter((n) => !old.has(n));
      await core.notifier.verify(resource.ri, added, (resource.attrs.cr as string | undefined) ?? originator);
    }
  },
  removed(core, resource) {
    core.notifier.subscriptionRemoved(resource);
  },
};
