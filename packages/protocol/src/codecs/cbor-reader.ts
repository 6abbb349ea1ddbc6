import { ProtocolError, type ProtocolErrorCode } from '../errors.js';
import { isForbiddenKey, MAX_NESTING_DEPTH } from './tree-guard.js';

// Byte strings and text strings are decoded as UTF-8 and must be valid: the JSON form of a
// primitive has no binary values, and a receiver accepts byte strings where text is meant (the
// TS-0004 §8.5.2 examples encode every key and string that way).
const utf8 = /* @__PURE__ */ new TextDecoder('utf-8', { fatal: true });

/** Marks the "break" byte that ends an indefinite-length item. */
const BREAK = Symbol('break');
/** Marks CBOR `undefined`: a member with it is dropped, an array item becomes null (as in JSON). */
const UNDEFINED = Symbol('undefined');

// The frame being read. Module state rather than an object keeps the minified reader small;
// reading is synchronous and never re-entered.
let data: Uint8Array = new Uint8Array(0);
// Set with `data` at the start of each read; no initial value, which would be module-level work
// that bundlers cannot drop from applications without CBOR.
let view: DataView;
let pos = 0;

function fail(code: ProtocolErrorCode, message: string, field?: string): never {
  throw new ProtocolError(code, message, { codec: 'cbor', frame: data, field });
}

function need(n: number): void {
  if (n > data.length - pos) fail('MALFORMED', 'invalid CBOR: unexpected end of data');
}

/** The argument of a head: the additional information itself, or the 1-8 bytes after it. */
function argument(major: number, info: number): number {
  if (info < 24) return info;
  if (info > 27) fail('MALFORMED', `invalid CBOR: reserved additional information ${info}`);
  const size = 1 << (info - 24);
  need(size);
  const at = pos;
  pos += size;
  if (size === 1) return data[at]!;
  if (size === 2) return view.getUint16(at);
  if (size === 4) return view.getUint32(at);
  // Beyond 2^53 an integer loses precision, and a length cannot fit the frame.
  const high = view.getUint32(at);
  if (high > 0x1fffff) {
    if (major < 2) fail('INVALID_PRIMITIVE', 'integer beyond 2^53 has no oneM2M form');
    fail('MALFORMED', 'invalid CBOR: unexpected end of data');
  }
  return high * 0x100000000 + view.getUint32(at + 4);
}

function text(length: number): string {
  need(length);
  const start = pos;
  pos += length;
  // Short ASCII strings (every short name) are built without a decoder call.
  if (length < 64) {
    let s = '';
    for (let i = start; i < pos; i++) {
      const c = data[i]!;
      if (c > 0x7f) return utf8Text(start);
      s += String.fromCharCode(c);
    }
    return s;
  }
  return utf8Text(start);
}

function utf8Text(start: number): string {
  try {
    return utf8.decode(data.subarray(start, pos));
  } catch {
    return fail('MALFORMED', 'string is not valid UTF-8');
  }
}

/** The chunks of an indefinite-length string: definite strings of the same major type, then break. */
function chunkedText(major: number): string {
  let out = '';
  for (;;) {
    need(1);
    const ib = data[pos++]!;
    if (ib === 0xff) return out;
    if (ib >> 5 !== major || (ib & 31) === 31)
      fail('MALFORMED', 'invalid CBOR: bad indefinite-length string chunk');
    out += text(argument(major, ib & 31));
  }
}

function float(info: number): number {
  let value: number;
  if (info === 25) {
    need(2);
    const half = view.getUint16(pos);
    const exp = (half >> 10) & 31;
    const mant = half & 0x3ff;
    value =
      exp === 0
        ? mant * 2 ** -24
        : exp === 31
          ? mant
            ? Number.NaN
            : Infinity
          : (mant + 1024) * 2 ** (exp - 25);
    if (half & 0x8000) value = -value;
    pos += 2;
  } else if (info === 26) {
    need(4);
    value = view.getFloat32(pos);
    pos += 4;
  } else {
    need(8);
    value = view.getFloat64(pos);
    pos += 8;
  }
  if (!Number.isFinite(value)) fail('INVALID_PRIMITIVE', `non-finite number ${value} has no oneM2M form`);
  return value;
}

function item(depth: number): unknown {
  need(1);
  const ib = data[pos++]!;
  const major = ib >> 5;
  const info = ib & 31;
  if (major === 7) {
    switch (info) {
      case 20:
        return false;
      case 21:
        return true;
      case 22:
        return null;
      case 23:
        return UNDEFINED;
      case 25:
      case 26:
      case 27:
        return float(info);
      case 31:
        return BREAK;
      default:
        return fail('INVALID_PRIMITIVE', `CBOR simple value ${info} has no oneM2M form`);
    }
  }
  if (major === 6) return fail('INVALID_PRIMITIVE', 'CBOR tags (dates, bignums...) have no oneM2M form');
  const indefinite = info === 31 && major > 1;
  const n = indefinite ? -1 : argument(major, info);
  switch (major) {
    case 0:
      return n;
    case 1:
      return -1 - n;
    case 2:
    case 3:
      return indefinite ? chunkedText(major) : text(n);
  }
  if (depth >= MAX_NESTING_DEPTH)
    fail('INVALID_PRIMITIVE', `nesting deeper than ${MAX_NESTING_DEPTH} levels`);
  // Every item takes at least one byte: a count beyond the rest of the frame is a lie.
  if (n > data.length - pos) fail('MALFORMED', 'invalid CBOR: unexpected end of data');
  if (major === 4) {
    const list: unknown[] = [];
    for (let i = 0; i !== n; i++) {
      const value = item(depth + 1);
      if (value === BREAK) {
        if (indefinite) return list;
        fail('MALFORMED', 'invalid CBOR: unexpected break');
      }
      list.push(value === UNDEFINED ? null : value);
    }
    return list;
  }
  const record: Record<string, unknown> = {};
  for (let i = 0; i !== n; i++) {
    const rawKey = item(depth + 1);
    if (rawKey === BREAK) {
      if (indefinite) return record;
      fail('MALFORMED', 'invalid CBOR: unexpected break');
    }
    let key: string;
    if (typeof rawKey === 'string') key = rawKey;
    else if (typeof rawKey === 'number') key = String(rawKey);
    else return fail('INVALID_PRIMITIVE', 'unsupported cbor map key (not a string)');
    if (isForbiddenKey(key)) fail('INVALID_PRIMITIVE', `forbidden member name "${key}"`, key);
    const value = item(depth + 1);
    if (value === BREAK) fail('MALFORMED', 'invalid CBOR: unexpected break');
    if (value !== UNDEFINED) record[key] = value;
    else delete record[key];
  }
  return record;
}

/**
 * Parse one CBOR (RFC 8949) data item into a value of the JSON data model, the only one a oneM2M
 * primitive uses: maps become plain objects (text- or byte-string keys, integer keys as their
 * decimal text), byte strings become UTF-8 strings, `undefined` members are dropped and `undefined`
 * array items become null. Definite and indefinite lengths, half/single/double floats are read.
 *
 * @throws {ProtocolError} `MALFORMED` for invalid CBOR (truncated, trailing bytes, invalid UTF-8),
 * `INVALID_PRIMITIVE` for CBOR JSON cannot represent (tags, NaN, integers beyond 2^53, other
 * simple values, non-string keys), nesting deeper than {@link MAX_NESTING_DEPTH} and the member
 * names `__proto__`, `constructor` and `prototype`.
 */
export function readCbor(frame: Uint8Array): unknown {
  data = frame;
  view = new DataView(frame.buffer, frame.byteOffset, frame.byteLength);
  pos = 0;
  try {
    const value = item(0);
    if (value === BREAK) fail('MALFORMED', 'invalid CBOR: unexpected break');
    if (pos !== data.length)
      fail('MALFORMED', `invalid CBOR: ${data.length - pos} bytes after the data item`);
    return value === UNDEFINED ? undefined : value;
  } finally {
    // Let go of the frame: module state must not keep a large buffer alive.
    data = new Uint8Array(0);
  }
}
