import { ProtocolError } from '../errors.js';
import type { Primitive } from '../primitive.js';
import { MAX_NESTING_DEPTH } from './tree-guard.js';
import { isQualifiedName, kindOf, type ValueKind } from './xml-value-kinds.js';

/** The oneM2M XML namespace, bound to the `m2m` prefix on the root element. */
export const ONEM2M_XML_NAMESPACE = 'http://www.onem2m.org/xml/protocols';
/** XML Schema instance namespace, declared only when a NULL needs `xsi:nil` to be told apart. */
export const XSI_NAMESPACE = 'http://www.w3.org/2001/XMLSchema-instance';

// Characters XML 1.0 cannot carry at all (C0 controls except TAB/LF/CR, U+FFFE/U+FFFF, unpaired
// surrogates). Strings holding them are written as JSON text, whose escapes can.
const NOT_XML_CHAR =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching the characters XML forbids is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const TEXT_SPECIAL = /[&<>\r]/;
const TEXT_SPECIAL_ALL = /[&<>\r]/g;
const ATTR_SPECIAL = /[&<>"'\t\n\r]/;
const ATTR_SPECIAL_ALL = /[&<>"'\t\n\r]/g;
const XML_WHITESPACE = /[ \t\r\n]/;
// absRel strings the reader would type as a number or NULL: written as JSON text instead.
const ABS_REL_AMBIGUOUS = /^[ \t\r\n]*(?:-?\d+)?[ \t\r\n]*$/;
const NONCHAR_ALL = /[\uFFFE\uFFFF]/g;
// ASCII subset of XML Names, optionally prefixed: enough for every oneM2M short name.
const ELEMENT_NAME = /^[A-Za-z_][A-Za-z0-9._-]*(?::[A-Za-z_][A-Za-z0-9._-]*)?$/;

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  '\t': '&#9;',
  '\n': '&#10;',
  '\r': '&#13;',
};

function escapeChar(c: string): string {
  return ESCAPES[c] ?? c;
}

function escapeText(s: string): string {
  return TEXT_SPECIAL.test(s) ? s.replace(TEXT_SPECIAL_ALL, escapeChar) : s;
}

function escapeAttr(s: string): string {
  return ATTR_SPECIAL.test(s) ? s.replace(ATTR_SPECIAL_ALL, escapeChar) : s;
}

function escapeNonchar(c: string): string {
  return c === '\uFFFE' ? '\\ufffe' : '\\uffff';
}

/** Whether a string can be written as XML character data and read back unchanged. */
function isXmlSafe(s: string): boolean {
  return !NOT_XML_CHAR.test(s);
}

// Per-call state of one synchronous write: whether `xsi:nil` was used (the root then declares xsi).
let usedNil = false;

/**
 * Serialize a primitive as an `m2m:rqp` (it has `op`) or `m2m:rsp` (it has `rsc`) document.
 * Member order is kept. See {@link ValueKind} for how each value is written.
 * @throws {ProtocolError} `UNENCODABLE` for a primitive that is neither request nor response, nesting
 * deeper than {@link MAX_NESTING_DEPTH}, non-finite numbers, BigInt values or member names that are
 * not XML names at the top level.
 */
export function writeXml(primitive: Primitive): string {
  if (typeof primitive !== 'object' || primitive === null || Array.isArray(primitive)) {
    throw unencodable('a primitive must be an object');
  }
  const root = primitive.op !== undefined ? 'm2m:rqp' : primitive.rsc !== undefined ? 'm2m:rsp' : undefined;
  if (root === undefined) throw unencodable('a primitive needs op (request) or rsc (response)');
  usedNil = false;
  const body = writeMembers(primitive as Record<string, unknown>, root, 1, false);
  const xsi = usedNil ? ` xmlns:xsi="${XSI_NAMESPACE}"` : '';
  return `<${root} xmlns:m2m="${ONEM2M_XML_NAMESPACE}"${xsi}>${body}</${root}>`;
}

function writeMembers(
  record: Record<string, unknown>,
  parent: string,
  depth: number,
  skipRn: boolean,
): string {
  let out = '';
  for (const key of Object.keys(record)) {
    if (skipRn && key === 'rn') continue;
    const value = record[key];
    if (value === undefined || typeof value === 'function' || typeof value === 'symbol') continue;
    if (!ELEMENT_NAME.test(key)) throw unencodable(`member name "${key}" is not an XML name`, key);
    out += writeMember(key, value, kindOf(key, parent), depth);
  }
  return out;
}

function writeMember(key: string, value: unknown, kind: ValueKind | undefined, depth: number): string {
  if (depth > MAX_NESTING_DEPTH) throw unencodable(`nesting deeper than ${MAX_NESTING_DEPTH} levels`, key);
  if (value === null) return writeNull(key, kind);
  if (typeof value === 'number' && !Number.isFinite(value)) {
    throw unencodable(`non-finite number ${value} has no XML form`, key);
  }
  if (typeof value === 'bigint') throw unencodable('BigInt values cannot be serialized', key);
  switch (kind) {
    case 'number':
      return typeof value === 'number' ? leaf(key, String(value)) : asJson(key, value);
    case 'boolean':
      return typeof value === 'boolean' ? leaf(key, value ? 'true' : 'false') : asJson(key, value);
    case 'absRel':
      if (typeof value === 'number' && Number.isSafeInteger(value)) return leaf(key, String(value));
      return typeof value === 'string' && !ABS_REL_AMBIGUOUS.test(value) && isXmlSafe(value)
        ? leaf(key, escapeText(value))
        : asJson(key, value);
    case 'nullableString':
      return typeof value === 'string' && value !== '' && isXmlSafe(value)
        ? leaf(key, escapeText(value))
        : asJson(key, value);
    case 'stringList':
      return isStringList(value) ? leaf(key, escapeText(value.join(' '))) : asJson(key, value);
    case 'numberList':
      return isNumberList(value) ? leaf(key, value.join(' ')) : asJson(key, value);
    case 'stringRepeated':
      return isRepeatedStrings(value) ? writeRepeatedStrings(key, value) : asJson(key, value);
    case 'childRef':
      return isChildRefList(value) ? writeChildRefs(key, value) : asJson(key, value);
    case 'objectList':
      return isObjectList(value) ? writeObjects(key, value, depth) : asJson(key, value);
    case 'object':
      return isWritableObject(value) ? writeObject(key, value, depth) : asJson(key, value);
    default:
      // 'string', 'any' and names the table does not know: strings as text, the rest as JSON text.
      return typeof value === 'string' && isXmlSafe(value)
        ? leaf(key, escapeText(value))
        : asJson(key, value);
  }
}

function writeNull(key: string, kind: ValueKind | undefined): string {
  // TS-0004 §8.3.1: NULL is an empty element. Where an empty element already means "" / [] / {},
  // xsi:nil="true" tells NULL apart (still an empty element for receivers that ignore xsi).
  if (kind === 'number' || kind === 'boolean' || kind === 'absRel' || kind === 'nullableString')
    return `<${key}/>`;
  usedNil = true;
  return `<${key} xsi:nil="true"/>`;
}

function leaf(key: string, text: string): string {
  return text === '' ? `<${key}/>` : `<${key}>${text}</${key}>`;
}

function asJson(key: string, value: unknown): string {
  let json: string | undefined;
  try {
    json = JSON.stringify(value);
  } catch (cause) {
    throw new ProtocolError('UNENCODABLE', `cannot serialize ${key}: ${(cause as Error).message}`, {
      codec: 'xml',
      field: key,
      cause,
    });
  }
  if (json === undefined) throw unencodable(`${key} has no serializable value`, key);
  // JSON.stringify escapes controls and lone surrogates but not the two noncharacters XML forbids.
  if (!isXmlSafe(json)) json = json.replace(NONCHAR_ALL, escapeNonchar);
  return `<${key} type="json">${escapeText(json)}</${key}>`;
}

function writeObject(key: string, value: Record<string, unknown>, depth: number): string {
  // `rn` is an XML attribute of resource elements (TS-0004 Table 6.3.6-2 `@resourceName`).
  const rn = value.rn;
  const rnAttr = isQualifiedName(key) && typeof rn === 'string' && isXmlSafe(rn);
  const open = rnAttr ? `<${key} rn="${escapeAttr(rn)}"` : `<${key}`;
  const body = writeMembers(value, key, depth + 1, rnAttr);
  return body === '' ? `${open}/>` : `${open}>${body}</${key}>`;
}

function writeRepeatedStrings(key: string, items: readonly string[]): string {
  let out = '';
  for (const item of items) out += leaf(key, escapeText(item));
  return out;
}

function writeObjects(key: string, items: readonly Record<string, unknown>[], depth: number): string {
  let out = '';
  for (const item of items) out += writeObject(key, item, depth);
  return out;
}

function writeChildRefs(key: string, items: readonly ChildRef[]): string {
  let out = '';
  for (const item of items) out += writeChildRef(key, item);
  return out;
}

function writeChildRef(key: string, item: ChildRef): string {
  let attrs = ` nm="${escapeAttr(item.nm)}" typ="${item.typ}"`;
  if (item.spty !== undefined) attrs += ` spty="${escapeAttr(item.spty)}"`;
  return item.val === '' ? `<${key}${attrs}/>` : `<${key}${attrs}>${escapeText(item.val)}</${key}>`;
}

interface ChildRef {
  nm: string;
  typ: number;
  val: string;
  spty?: string;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An object every member name of which can be an element name (otherwise it goes as JSON). */
function isWritableObject(value: unknown): value is Record<string, unknown> {
  if (!isPlainObject(value)) return false;
  for (const key of Object.keys(value)) if (!ELEMENT_NAME.test(key)) return false;
  return true;
}

function isStringList(value: unknown): value is string[] {
  if (!Array.isArray(value)) return false;
  for (const item of value) {
    if (typeof item !== 'string' || item === '' || XML_WHITESPACE.test(item) || !isXmlSafe(item))
      return false;
  }
  return true;
}

function isNumberList(value: unknown): value is number[] {
  if (!Array.isArray(value)) return false;
  for (const item of value) if (typeof item !== 'number' || !Number.isFinite(item)) return false;
  return true;
}

function isRepeatedStrings(value: unknown): value is string[] {
  if (!Array.isArray(value) || value.length === 0) return false;
  for (const item of value) if (typeof item !== 'string' || !isXmlSafe(item)) return false;
  return true;
}

function isObjectList(value: unknown): value is Record<string, unknown>[] {
  if (!Array.isArray(value) || value.length === 0) return false;
  for (const item of value) if (!isWritableObject(item)) return false;
  return true;
}

function isChildRefList(value: unknown): value is ChildRef[] {
  if (!Array.isArray(value) || value.length === 0) return false;
  for (const item of value) {
    if (!isPlainObject(item)) return false;
    let count = 3;
    if (typeof item.nm !== 'string' || !isXmlSafe(item.nm)) return false;
    if (typeof item.typ !== 'number' || !Number.isFinite(item.typ)) return false;
    if (typeof item.val !== 'string' || !isXmlSafe(item.val)) return false;
    if (item.spty !== undefined) {
      if (typeof item.spty !== 'string' || !isXmlSafe(item.spty)) return false;
      count++;
    }
    if (Object.keys(item).length !== count) return false;
  }
  return true;
}

function unencodable(message: string, field?: string): ProtocolError {
  return new ProtocolError('UNENCODABLE', message, { codec: 'xml', field });
}
