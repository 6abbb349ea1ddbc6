import type { Serialization } from '../codec.js';
import { ProtocolError, type ProtocolErrorCode } from '../errors.js';
import type { DecodedPrimitive } from '../primitive.js';

/** Which primitive a wrapper or XML root announces, when it announces one. */
export type PrimitiveKind = 'request' | 'response';

/**
 * Turn a decoded value into a classified primitive: unwrap a top-level `m2m:rqp` / `m2m:rsp`
 * member (Release-2-era servers), then tell requests (`op`) from responses (`rsc`).
 *
 * The checks are structural only and cheap: a plain object; for a request an integer `op` in 1..5,
 * a string `to` and a string `rqi`; for a response an integer `rsc` and, when present, a string `rqi`
 * (real servers omit `rqi` on some error replies); `pc`, when present, an object. Full schema
 * validation is `validateRequest` / `validateResponse`.
 *
 * @param value - the output of the codec's parser (already depth- and key-guarded).
 * @param codec - the serialization, named in errors.
 * @param frame - the raw frame, attached (size-capped) to errors.
 * @param expected - the kind an XML root element announced; a mismatch is an error.
 * @throws {ProtocolError} `NOT_A_PRIMITIVE` or `INVALID_PRIMITIVE`, with `field` set when one member is at fault.
 */
export function classifyPrimitive(
  value: unknown,
  codec: Serialization,
  frame: string | Uint8Array,
  expected?: PrimitiveKind,
): DecodedPrimitive {
  const fail = (code: ProtocolErrorCode, message: string, field?: string): ProtocolError =>
    new ProtocolError(code, message, { codec, frame, field });
  if (!isPlainRecord(value)) throw fail('NOT_A_PRIMITIVE', `expected an object, got ${describeValue(value)}`);
  let record = value;
  if (record.op === undefined && record.rsc === undefined) {
    const wrapped = record['m2m:rqp'] ?? record['m2m:rsp'];
    if (wrapped !== undefined) {
      const wrapper = record['m2m:rqp'] !== undefined ? 'm2m:rqp' : 'm2m:rsp';
      if (!isPlainRecord(wrapped)) throw fail('NOT_A_PRIMITIVE', `${wrapper} is not an object`, wrapper);
      record = wrapped;
      expected ??= wrapper === 'm2m:rqp' ? 'request' : 'response';
    }
  }
  // Each structural rule reads `<field> must be <what>, got <value>`, with `field` set.
  const check = (field: string, ok: boolean, what: string): void => {
    if (!ok)
      throw fail('INVALID_PRIMITIVE', `${field} must be ${what}, got ${describeValue(record[field])}`, field);
  };
  const { op, rsc } = record;
  const kind: PrimitiveKind | undefined =
    op !== undefined ? 'request' : rsc !== undefined ? 'response' : undefined;
  if (kind === undefined) throw fail('NOT_A_PRIMITIVE', 'neither op (request) nor rsc (response) is present');
  if (op !== undefined && rsc !== undefined) {
    throw fail(
      'INVALID_PRIMITIVE',
      'a primitive carries either op (request) or rsc (response), not both',
      'op',
    );
  }
  if (expected !== undefined && expected !== kind) {
    // The XML root element or the wrapper announced the other kind.
    const root = expected === 'request' ? 'm2m:rqp' : 'm2m:rsp';
    throw fail('NOT_A_PRIMITIVE', `${root} holds a ${kind}`, root);
  }
  if (kind === 'request') {
    check('op', typeof op === 'number' && Number.isInteger(op) && op >= 1 && op <= 5, 'an integer 1..5');
    check('to', typeof record.to === 'string', 'a string');
    check('rqi', typeof record.rqi === 'string', 'a string');
  } else {
    check('rsc', typeof rsc === 'number' && Number.isInteger(rsc), 'an integer');
    check('rqi', record.rqi === undefined || typeof record.rqi === 'string', 'a string');
  }
  check('pc', record.pc === undefined || isPlainRecord(record.pc), 'an object');
  return { kind, primitive: record } as DecodedPrimitive;
}

/** True for a non-null, non-array object (the only shape a primitive or `pc` may have). */
export function isPlainRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A short description of a value for error messages; never the value itself (it may be huge). */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string')
    return value.length > 40 ? `a string of ${value.length} characters` : JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}
