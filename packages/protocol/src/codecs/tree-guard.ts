import type { Serialization } from '../codec.js';
import { ProtocolError } from '../errors.js';

/**
 * Deepest nesting of objects and arrays a decoded primitive may have. The deepest primitive a real
 * CSE sends (an aggregated response inside a notification carrying a structured `con`) stays far
 * below it; anything deeper is refused so later recursive code (validation, re-encoding) cannot
 * overflow the stack.
 */
export const MAX_NESTING_DEPTH = 64;

/**
 * Object keys refused anywhere in a decoded primitive: they are the handles of prototype
 * pollution when application code later merges decoded objects into its own (`Object.assign`,
 * deep-merge helpers). No oneM2M short name uses them.
 */
export function isForbiddenKey(key: string): boolean {
  return key === '__proto__' || key === 'constructor' || key === 'prototype';
}

const RENAMED_PROTO = '__proto_';

// One shared decoder: byte strings are decoded as UTF-8 and must be valid (fatal), as the
// JSON form of a primitive has no binary values.
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Check a JSON.parse result: bounded depth and no forbidden keys. JSON.parse only produces
 * plain objects, arrays, strings, finite numbers, booleans and null, so types need no check.
 * Recursion is bounded by {@link MAX_NESTING_DEPTH}, so it cannot overflow.
 */
export function guardJsonTree(value: unknown, frame: string | Uint8Array): void {
  if (typeof value === 'object' && value !== null) walkJson(value, 1, frame);
}

function walkJson(node: object, depth: number, frame: string | Uint8Array): void {
  if (depth > MAX_NESTING_DEPTH) throw tooDeep('json', frame);
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) {
      const item: unknown = node[i];
      if (typeof item === 'object' && item !== null) walkJson(item, depth + 1, frame);
    }
    return;
  }
  const record = node as Record<string, unknown>;
  for (const key in record) {
    if (isForbiddenKey(key)) throw forbiddenKey('json', key, frame);
    const item = record[key];
    if (typeof item === 'object' && item !== null) walkJson(item, depth + 1, frame);
  }
}

/**
 * Normalize a decoder result that may hold values JSON cannot (CBOR): byte strings become UTF-8
 * strings, `Map`s (byte-string keys) become plain objects, `undefined` members are dropped and
 * `undefined` array items become `null` (as JSON.stringify would), and everything else that is not
 * plain JSON data (tags, dates, sets, bigints, NaN, ...) is refused. Returns the normalized value.
 */
export function normalizeForeignTree(
  value: unknown,
  codec: Serialization,
  frame: string | Uint8Array,
): unknown {
  return normalize(value, 1, codec, frame);
}

function normalize(value: unknown, depth: number, codec: Serialization, frame: string | Uint8Array): unknown {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      if (Number.isFinite(value)) return value;
      throw new ProtocolError('INVALID_PRIMITIVE', `non-finite number ${value} has no oneM2M form`, {
        codec,
        frame,
      });
    case 'object':
      break;
    default:
      throw new ProtocolError('INVALID_PRIMITIVE', `a ${typeof value} value has no oneM2M form`, {
        codec,
        frame,
      });
  }
  if (value === null) return null;
  if (depth > MAX_NESTING_DEPTH) throw tooDeep(codec, frame);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      value[i] = item === undefined ? null : normalize(item, depth + 1, codec, frame);
    }
    return value;
  }
  if (value instanceof Uint8Array) return decodeUtf8(value, codec, frame);
  if (value instanceof Map) return mapToObject(value, depth, codec, frame);
  if (Object.getPrototypeOf(value) !== Object.prototype) {
    throw new ProtocolError('INVALID_PRIMITIVE', `unsupported ${codec} value (${describe(value)})`, {
      codec,
      frame,
    });
  }
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    // cbor-x renames a `__proto__` key to `__proto_` on its own; refuse both spellings.
    if (isForbiddenKey(key) || key === RENAMED_PROTO) throw forbiddenKey(codec, key, frame);
    const item = record[key];
    if (item === undefined) delete record[key];
    else if (typeof item === 'object' && item !== null && !Array.isArray(item)) {
      // Byte strings and Maps are replaced; plain objects and arrays are normalized in place.
      const normalized = normalize(item, depth + 1, codec, frame);
      if (normalized !== item) record[key] = normalized;
    } else if (typeof item !== 'string') normalize(item, depth + 1, codec, frame);
  }
  return record;
}

function mapToObject(
  map: Map<unknown, unknown>,
  depth: number,
  codec: Serialization,
  frame: string | Uint8Array,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [rawKey, item] of map) {
    let key: string;
    if (typeof rawKey === 'string') key = rawKey;
    else if (rawKey instanceof Uint8Array) key = decodeUtf8(rawKey, codec, frame);
    else if (typeof rawKey === 'number' && Number.isFinite(rawKey)) key = String(rawKey);
    else {
      throw new ProtocolError('INVALID_PRIMITIVE', `unsupported ${codec} map key (${describe(rawKey)})`, {
        codec,
        frame,
      });
    }
    if (isForbiddenKey(key)) throw forbiddenKey(codec, key, frame);
    if (item === undefined) continue;
    // defineProperty-free assignment is safe: forbidden keys were refused above.
    out[key] = normalize(item, depth + 1, codec, frame);
  }
  return out;
}

function decodeUtf8(bytes: Uint8Array, codec: Serialization, frame: string | Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch (cause) {
    throw new ProtocolError('MALFORMED', 'byte string is not valid UTF-8', { codec, frame, cause });
  }
}

function describe(value: unknown): string {
  if (typeof value !== 'object' || value === null) return typeof value;
  const ctor = (value as { constructor?: { name?: unknown } }).constructor;
  return typeof ctor?.name === 'string' ? ctor.name : 'object';
}

function tooDeep(codec: Serialization, frame: string | Uint8Array): ProtocolError {
  return new ProtocolError('INVALID_PRIMITIVE', `nesting deeper than ${MAX_NESTING_DEPTH} levels`, {
    codec,
    frame,
  });
}

function forbiddenKey(codec: Serialization, key: string, frame: string | Uint8Array): ProtocolError {
  return new ProtocolError('INVALID_PRIMITIVE', `forbidden member name "${key}"`, {
    codec,
    frame,
    field: key,
  });
}
