import { ProtocolError } from '../errors.js';

/**
 * Deepest nesting the writer follows. Far beyond any primitive a peer accepts (decoders refuse more
 * than 64 levels); it exists so a cyclic value fails with an error instead of a stack overflow.
 */
const MAX_WRITE_DEPTH = 1000;

const utf8 = new TextEncoder();

// Output buffer of the value being written, grown as needed; `writeCbor` copies the result out.
// Module state rather than an object keeps the minified writer small; `writeCbor` saves and
// restores it, so a `toJSON` that itself encodes CBOR cannot corrupt an outer write.
let buf = new Uint8Array(0);
let view = new DataView(buf.buffer);
let pos = 0;

function reserve(n: number): void {
  if (pos + n <= buf.length) return;
  const next = new Uint8Array(Math.max(buf.length * 2, pos + n, 256));
  next.set(buf.subarray(0, pos));
  buf = next;
  view = new DataView(next.buffer);
}

/** Head of a data item: major type and argument (a length or an unsigned integer < 2^53). */
function head(major: number, n: number): void {
  reserve(9);
  const m = major << 5;
  if (n < 24) buf[pos++] = m | n;
  else if (n < 0x100) {
    buf[pos++] = m | 24;
    buf[pos++] = n;
  } else if (n < 0x10000) {
    buf[pos++] = m | 25;
    view.setUint16(pos, n);
    pos += 2;
  } else if (n < 0x100000000) {
    buf[pos++] = m | 26;
    view.setUint32(pos, n);
    pos += 4;
  } else {
    buf[pos++] = m | 27;
    view.setUint32(pos, Math.floor(n / 0x100000000));
    view.setUint32(pos + 4, n >>> 0);
    pos += 8;
  }
}

function bytes(major: number, data: Uint8Array): void {
  head(major, data.length);
  reserve(data.length);
  buf.set(data, pos);
  pos += data.length;
}

function string(s: string): void {
  // Short ASCII strings (every short name) are copied byte by byte, without an encoder call.
  if (s.length < 64 && /^[\0-\x7f]*$/.test(s)) {
    head(3, s.length);
    reserve(s.length);
    for (let i = 0; i < s.length; i++) buf[pos++] = s.charCodeAt(i);
  } else bytes(3, utf8.encode(s));
}

function byte(b: number): void {
  reserve(1);
  buf[pos++] = b;
}

function write(value: unknown, depth: number): void {
  const type = typeof value;
  if (type === 'string') string(value as string);
  else if (type === 'boolean') byte(value ? 0xf5 : 0xf4);
  else if (type === 'number') number(value as number);
  // `undefined` is only reached for array items (members are skipped): null, as in JSON.
  else if (value == null) byte(0xf6);
  else if (type !== 'object') {
    throw new ProtocolError('UNENCODABLE', `a ${type} value has no CBOR form`, { codec: 'cbor' });
  } else if (depth > MAX_WRITE_DEPTH) {
    throw new ProtocolError('UNENCODABLE', 'the structure is cyclic or too deep', { codec: 'cbor' });
  } else if (value instanceof Uint8Array) bytes(2, value);
  else if (Array.isArray(value)) {
    head(4, value.length);
    for (const item of value) write(item, depth + 1);
  } else if (typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    write((value as { toJSON(): unknown }).toJSON(), depth + 1);
  } else {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record).filter((key) => record[key] !== undefined);
    head(5, keys.length);
    for (const key of keys) {
      string(key);
      write(record[key], depth + 1);
    }
  }
}

function number(value: number): void {
  if (Number.isSafeInteger(value)) head(value < 0 ? 1 : 0, value < 0 ? -1 - value : value);
  else {
    byte(0xfb);
    reserve(8);
    view.setFloat64(pos, value);
    pos += 8;
  }
}

/**
 * Serialize a value of the JSON data model to CBOR (RFC 8949), which is all a oneM2M primitive
 * holds (TS-0004 §8.5.1): maps with text-string keys, arrays, text strings, integers as major
 * types 0/1, other numbers as float64, booleans and null, every length in its preferred (smallest)
 * form. As `JSON.stringify` does, `undefined` members are left out, `undefined` array items become
 * null and a value with `toJSON` is written as its result; a `Uint8Array` becomes a byte string.
 *
 * @returns a new `Uint8Array` that later writes never touch.
 * @throws {ProtocolError} `UNENCODABLE` for functions, symbols, bigints and cyclic structures.
 */
export function writeCbor(value: unknown): Uint8Array {
  const saved = [buf, view, pos] as const;
  buf = new Uint8Array(0);
  pos = 0;
  try {
    write(value, 0);
    return buf.slice(0, pos);
  } finally {
    [buf, view, pos] = saved;
  }
}
