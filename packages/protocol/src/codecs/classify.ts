import type { Serialization } from '../codec.js';
import { ProtocolError } from '../errors.js';
import type { DecodedPrimitive, RequestPrimitive, ResponsePrimitive } from '../primitive.js';

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
  if (!isPlainRecord(value)) {
    throw new ProtocolError('NOT_A_PRIMITIVE', `expected an object, got ${describeValue(value)}`, {
      codec,
      frame,
    });
  }
  let record = value;
  if (record.op === undefined && record.rsc === undefined) {
    const wrapped = record['m2m:rqp'] ?? record['m2m:rsp'];
    if (wrapped !== undefined) {
      const wrapperKind: PrimitiveKind = record['m2m:rqp'] !== undefined ? 'request' : 'response';
      if (!isPlainRecord(wrapped)) {
        throw new ProtocolError(
          'NOT_A_PRIMITIVE',
          `m2m:${wrapperKind === 'request' ? 'rqp' : 'rsp'} is not an object`,
          {
            codec,
            frame,
            field: wrapperKind === 'request' ? 'm2m:rqp' : 'm2m:rsp',
          },
        );
      }
      record = wrapped;
      expected ??= wrapperKind;
    }
  }

  const hasOp = record.op !== undefined;
  const hasRsc = record.rsc !== undefined;
  if (hasOp && hasRsc) {
    throw new ProtocolError(
      'INVALID_PRIMITIVE',
      'a primitive carries either op (request) or rsc (response), not both',
      {
        codec,
        frame,
        field: 'op',
      },
    );
  }
  if (hasOp) {
    if (expected === 'response') throw kindMismatch('response', 'request', codec, frame);
    checkRequest(record, codec, frame);
    return { kind: 'request', primitive: record as RequestPrimitive };
  }
  if (hasRsc) {
    if (expected === 'request') throw kindMismatch('request', 'response', codec, frame);
    checkResponse(record, codec, frame);
    return { kind: 'response', primitive: record as ResponsePrimitive };
  }
  throw new ProtocolError('NOT_A_PRIMITIVE', 'neither op (request) nor rsc (response) is present', {
    codec,
    frame,
  });
}

/** True for a non-null, non-array object (the only shape a primitive or `pc` may have). */
export function isPlainRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkRequest(
  record: Record<string, unknown>,
  codec: Serialization,
  frame: string | Uint8Array,
): void {
  const op = record.op;
  if (typeof op !== 'number' || !Number.isInteger(op) || op < 1 || op > 5) {
    throw invalid('op', `op must be an integer 1..5, got ${describeValue(op)}`, codec, frame);
  }
  if (typeof record.to !== 'string') {
    throw invalid('to', `to must be a string, got ${describeValue(record.to)}`, codec, frame);
  }
  if (typeof record.rqi !== 'string') {
    throw invalid('rqi', `rqi must be a string, got ${describeValue(record.rqi)}`, codec, frame);
  }
  checkContent(record, codec, frame);
}

function checkResponse(
  record: Record<string, unknown>,
  codec: Serialization,
  frame: string | Uint8Array,
): void {
  const rsc = record.rsc;
  if (typeof rsc !== 'number' || !Number.isInteger(rsc)) {
    throw invalid('rsc', `rsc must be an integer, got ${describeValue(rsc)}`, codec, frame);
  }
  if (record.rqi !== undefined && typeof record.rqi !== 'string') {
    throw invalid('rqi', `rqi must be a string, got ${describeValue(record.rqi)}`, codec, frame);
  }
  checkContent(record, codec, frame);
}

function checkContent(
  record: Record<string, unknown>,
  codec: Serialization,
  frame: string | Uint8Array,
): void {
  if (record.pc !== undefined && !isPlainRecord(record.pc)) {
    throw invalid('pc', `pc must be an object, got ${describeValue(record.pc)}`, codec, frame);
  }
}

function invalid(
  field: string,
  message: string,
  codec: Serialization,
  frame: string | Uint8Array,
): ProtocolError {
  return new ProtocolError('INVALID_PRIMITIVE', message, { codec, frame, field });
}

function kindMismatch(
  expected: PrimitiveKind,
  found: PrimitiveKind,
  codec: Serialization,
  frame: string | Uint8Array,
): ProtocolError {
  const root = expected === 'request' ? 'm2m:rqp' : 'm2m:rsp';
  return new ProtocolError('NOT_A_PRIMITIVE', `${root} holds a ${found}`, { codec, frame, field: root });
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
