import { ProtocolError, type ProtocolErrorCode } from '../errors.js';
import type { PrimitiveKind } from './classify.js';
import { guardJsonTree, isForbiddenKey, MAX_NESTING_DEPTH } from './tree-guard.js';
import { parseXml, type XmlElement as TNode, type XmlNode } from './xml-parser.js';
import { kindOf, type ValueKind } from './xml-value-kinds.js';

/** A parsed `m2m:rqp` / `m2m:rsp` document: the kind its root announces and its members. */
export interface XmlPrimitive {
  kind: PrimitiveKind;
  value: Record<string, unknown>;
}

// XML 1.0 forbids these characters anywhere in a document (§2.2); byte soup trips on them.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching the characters XML forbids is the point
const NOT_XML_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;
const WHITESPACE_ONLY = /^[ \t\r\n]*$/;
const LIST_SEPARATOR = /[ \t\r\n]+/;
const INTEGER_TEXT = /^[ \t\r\n]*-?\d+[ \t\r\n]*$/;
const DECLARATIONS = ['DOCTYPE', 'ENTITY', 'ELEMENT', 'ATTLIST'] as const;

/**
 * Parse an XML primitive with {@link parseXml} and type its values with the {@link kindOf} table.
 * The raw text is checked first (forbidden characters, DOCTYPE and entity declarations) and the
 * tree afterwards (one root element).
 * @throws {ProtocolError} `FORBIDDEN_CONSTRUCT`, `MALFORMED`, `NOT_A_PRIMITIVE` or `INVALID_PRIMITIVE`.
 */
export function readXml(frame: string): XmlPrimitive {
  // A byte-order mark is allowed before the XML declaration; it is not text of the document.
  const text = frame.charCodeAt(0) === 0xfeff ? frame.slice(1) : frame;
  checkRawText(text);
  const nodes = parseXml(text);
  const root = singleRoot(nodes, text);
  let kind: PrimitiveKind;
  if (root.tagName === 'm2m:rqp') kind = 'request';
  else if (root.tagName === 'm2m:rsp') kind = 'response';
  else {
    throw xmlError('NOT_A_PRIMITIVE', `root element must be m2m:rqp or m2m:rsp, got <${root.tagName}>`, text);
  }
  const value = readObject(root, root.tagName, 1, text);
  return { kind, value };
}

function checkRawText(text: string): void {
  // DOCTYPE / ENTITY first: they are the dangerous constructs (entity expansion, external entities).
  let at = text.indexOf('<!');
  while (at !== -1) {
    if (!text.startsWith('<!--', at) && !text.startsWith('<![CDATA[', at)) {
      const head = text.slice(at + 2, at + 9).toUpperCase();
      for (const word of DECLARATIONS) {
        if (head.startsWith(word)) {
          throw xmlError('FORBIDDEN_CONSTRUCT', `<!${word}> is not allowed`, text);
        }
      }
      throw xmlError('MALFORMED', 'invalid XML: unexpected <! construct', text);
    }
    at = text.indexOf('<!', at + 2);
  }
  if (NOT_XML_CHAR.test(text)) {
    throw xmlError('MALFORMED', 'invalid XML: a character XML does not allow', text);
  }
}

function singleRoot(nodes: XmlNode[], text: string): TNode {
  let root: TNode | undefined;
  for (const node of nodes) {
    if (typeof node === 'string') {
      if (!WHITESPACE_ONLY.test(node)) {
        throw xmlError('MALFORMED', 'invalid XML: text outside the root element', text);
      }
      continue;
    }
    if (root !== undefined) {
      throw xmlError('MALFORMED', 'invalid XML: more than one root element', text);
    }
    root = node;
  }
  if (root === undefined) {
    throw new ProtocolError('MALFORMED', 'invalid XML: no root element', { codec: 'xml', frame: text });
  }
  return root;
}

function readObject(node: TNode, name: string, depth: number, frame: string): Record<string, unknown> {
  if (depth > MAX_NESTING_DEPTH) {
    throw xmlError('INVALID_PRIMITIVE', `nesting deeper than ${MAX_NESTING_DEPTH} levels`, frame);
  }
  const out: Record<string, unknown> = {};
  const rn = node.attributes.rn;
  if (typeof rn === 'string') out.rn = rn;
  // Group child elements by name, in order of first appearance (repeated elements → arrays).
  const groups = new Map<string, TNode[]>();
  for (const child of node.children) {
    if (typeof child === 'string') {
      if (!WHITESPACE_ONLY.test(child)) {
        throw xmlError('INVALID_PRIMITIVE', `<${name}> mixes text and elements`, frame, name);
      }
      continue;
    }
    const key = child.tagName;
    if (isForbiddenKey(key)) {
      throw xmlError('INVALID_PRIMITIVE', `forbidden element name "${key}"`, frame, key);
    }
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [child]);
    else group.push(child);
  }
  for (const [key, elements] of groups) out[key] = readMember(key, elements, kindOf(key, name), depth, frame);
  return out;
}

function readMember(
  key: string,
  elements: TNode[],
  kind: ValueKind | undefined,
  depth: number,
  frame: string,
): unknown {
  const first = elements[0]!;
  if (elements.length === 1 && first.attributes.type === 'json') return readJson(key, first, frame);
  switch (kind) {
    case 'stringRepeated':
    case 'childRef':
    case 'objectList': {
      const items: unknown[] = [];
      for (const element of elements) items.push(readRepeatedItem(key, element, kind, depth, frame));
      return items;
    }
    default:
      if (elements.length === 1) return readSingle(key, first, kind, depth, frame);
      if (kind !== undefined) {
        throw xmlError('INVALID_PRIMITIVE', `<${key}> may appear only once`, frame, key);
      }
      // A name the table does not know, repeated: keep every occurrence.
      return elements.map((element) => readSingle(key, element, undefined, depth, frame));
  }
}

function readRepeatedItem(
  key: string,
  element: TNode,
  kind: ValueKind,
  depth: number,
  frame: string,
): unknown {
  if (isNil(element)) return null;
  if (element.attributes.type === 'json') return readJson(key, element, frame);
  if (kind === 'objectList') return readObject(element, key, depth + 1, frame);
  const text = leafText(key, element, frame);
  if (kind === 'stringRepeated') return text;
  // childRef: <ch nm="..." typ="3" spty="...">value</ch>
  const ref: Record<string, unknown> = {};
  const { nm, typ, spty } = element.attributes;
  if (typeof nm === 'string') ref.nm = nm;
  if (typeof typ === 'string') ref.typ = toNumber(typ);
  ref.val = text;
  if (typeof spty === 'string') ref.spty = spty;
  return ref;
}

function readSingle(
  key: string,
  element: TNode,
  kind: ValueKind | undefined,
  depth: number,
  frame: string,
): unknown {
  if (isNil(element)) return null;
  if (element.attributes.type === 'json') return readJson(key, element, frame);
  if (hasElementChildren(element)) return readObject(element, key, depth + 1, frame);
  if (kind === 'object')
    return typeof element.attributes.rn === 'string'
      ? readObject(element, key, depth + 1, frame)
      : emptyOrText(key, element, frame);
  const text = leafText(key, element, frame);
  switch (kind) {
    case 'number':
      return WHITESPACE_ONLY.test(text) ? null : toNumber(text);
    case 'boolean':
      return WHITESPACE_ONLY.test(text) ? null : toBoolean(text);
    case 'absRel':
      if (WHITESPACE_ONLY.test(text)) return null;
      return INTEGER_TEXT.test(text) ? Number(text) : text;
    case 'nullableString':
      return text === '' ? null : text;
    case 'stringList':
      return splitList(text);
    case 'numberList': {
      const items = splitList(text);
      const numbers: number[] = [];
      for (const item of items) {
        const n = Number(item);
        if (!Number.isFinite(n)) return text; // left as text for validation to name
        numbers.push(n);
      }
      return numbers;
    }
    default:
      return text;
  }
}

/** An object-kind element without child elements: `{}` when empty, else its text (validation names it). */
function emptyOrText(key: string, element: TNode, frame: string): unknown {
  const text = leafText(key, element, frame);
  return WHITESPACE_ONLY.test(text) ? {} : text;
}

function readJson(key: string, element: TNode, frame: string): unknown {
  const text = leafText(key, element, frame);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    throw new ProtocolError('MALFORMED', `<${key} type="json"> does not hold JSON`, {
      codec: 'xml',
      frame,
      field: key,
      cause,
    });
  }
  guardJsonTree(value, frame);
  return value;
}

function isNil(element: TNode): boolean {
  const nil = element.attributes['xsi:nil'];
  return nil === 'true' || nil === '1';
}

function hasElementChildren(element: TNode): boolean {
  return element.children.some((child) => typeof child !== 'string');
}

function leafText(key: string, element: TNode, frame: string): string {
  const children = element.children;
  if (children.length === 0) return '';
  if (children.length === 1 && typeof children[0] === 'string') return children[0];
  let text = '';
  for (const child of children) {
    if (typeof child !== 'string') {
      throw xmlError('INVALID_PRIMITIVE', `<${key}> must hold text, not elements`, frame, key);
    }
    text += child;
  }
  return text;
}

function splitList(text: string): string[] {
  const trimmed = text.trim();
  return trimmed === '' ? [] : trimmed.split(LIST_SEPARATOR);
}

/** A number, or the text unchanged when it is not one (schema validation then names the field). */
function toNumber(text: string): number | string {
  const n = Number(text);
  return WHITESPACE_ONLY.test(text) || !Number.isFinite(n) ? text : n;
}

function toBoolean(text: string): boolean | string {
  const t = text.trim();
  if (t === 'true' || t === '1') return true;
  if (t === 'false' || t === '0') return false;
  return text;
}

function xmlError(code: ProtocolErrorCode, message: string, frame: string, field?: string): ProtocolError {
  return new ProtocolError(code, message, { codec: 'xml', frame, field });
}
