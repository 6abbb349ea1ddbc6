import { ProtocolError } from '../errors.js';

/**
 * Deepest nesting the writer follows. Far beyond any primitive a peer accepts (decoders refuse more
 * than 64 levels); it exists so a cyclic value fails with an error instead of a stack overflow.
 */
const MAX_WRITE_DEPTH = 1000;

const utf8 = /* @__PURE__ */ new TextEncoder();

// Output buffer of the value being written, grown as needed; `writeCbor` copies the result out.
// Module state rather than an object keeps the minified writer small. One scratch buffer serves
// every call (no growth from 256 bytes each time); a `toJSON` that itself encodes CBOR re-enters
// with a buffer of its own, so it cannot corrupt the outer write.
let scratch = new Uint8Array(8192);
let busy = false;
let buf = scratch;
// Set with `buf` by writeCbor and reserve(); no initial value, which would be module-level work
// that bundlers cannot drop from applications without CBOR.
let view: DataView;
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
  const n = s.length;
  if (n < 24) {
    // Short strings (every short name): copied while ASCII, without an encoder call.
    reserve(n + 1);
    const start = pos;
    buf[pos++] = 0x60 | n;
    let i = 0;
    for (; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c > 0x7f) break;
      buf[pos++] = c;
    }
    if (i === n) return;
    pos = start;
  }
  // Encoded in place: room for the longest possible UTF-8 form behind the longest possible head,
  // then the bytes move back when the real head is shorter.
  const max = n * 3;
  reserve(max + 9);
  const headLength = max < 24 ? 1 : max < 0x100 ? 2 : max < 0x10000 ? 3 : 5;
  const start = pos;
  const { written } = utf8.encodeInto(s, buf.subarray(start + headLength));
  head(3, written);
  if (pos - start !== headLength) buf.copyWithin(pos, start + headLength, start + headLength + written);
  pos += written;
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
    const keys = Object.keys(record);
    let count = 0;
    for (const key of keys) if (record[key] !== undefined) count++;
    head(5, count);
    for (const key of keys) {
      const item = record[key];
      if (item === undefined) continue;
      string(key);
      write(item, depth + 1);
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
  if (busy) {
    // Re-entered from a `toJSON` that encodes CBOR itself: a buffer of its own, then the outer
    // write's state back.
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
  busy = true;
  buf = scratch;
  view = new DataView(scratch.buffer);
  pos = 0;
  try {
    write(value, 0);
    // A buffer that grew for one large value is kept up to 64 KB, not beyond.
    if (buf.length <= 0x10000) scratch = buf;
    return buf.slice(0, pos);
  } finally {
    busy = false;
  }
}
