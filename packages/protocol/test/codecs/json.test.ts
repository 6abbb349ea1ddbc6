import { describe, expect, it } from 'vitest';
import { decodeJson, encodeJson, jsonCodec } from '../../src/codecs/json.js';
import { MAX_NESTING_DEPTH } from '../../src/codecs/tree-guard.js';
import type { ProtocolError } from '../../src/errors.js';
import { codeOf } from '../fixtures/protocol-error.js';
import { specExamples } from '../fixtures/spec-examples.js';

describe('jsonCodec', () => {
  it('is a text codec', () => {
    expect(jsonCodec.serialization).toBe('json');
    expect(jsonCodec.frameType).toBe('text');
  });

  it.each(specExamples.map((e) => [e.source, e.json]))(
    '%s decodes and re-encodes byte-identically',
    (_, json) => {
      const decoded = decodeJson(json);
      expect(decoded.kind).toBe(JSON.parse(json).op === undefined ? 'response' : 'request');
      expect(encodeJson(decoded.primitive)).toBe(json);
    },
  );

  it('sends bare primitives and unwraps m2m:rqp / m2m:rsp on receive', () => {
    const rqp = decodeJson('{"m2m:rqp":{"op":2,"to":"cse-in","fr":"C1","rqi":"a","rvi":"3"}}');
    expect(rqp.kind).toBe('request');
    expect(encodeJson(rqp.primitive)).toBe('{"op":2,"to":"cse-in","fr":"C1","rqi":"a","rvi":"3"}');
    const rsp = decodeJson('{"m2m:rsp":{"rsc":2000,"rqi":"a","rvi":"3"}}');
    expect(rsp).toEqual({ kind: 'response', primitive: { rsc: 2000, rqi: 'a', rvi: '3' } });
  });

  it('accepts a response without rqi (error replies of real servers)', () => {
    expect(decodeJson('{"rsc":4000,"pc":{"m2m:dbg":"bad"}}').kind).toBe('response');
  });

  it('refuses a binary frame with WRONG_FRAME_TYPE', () => {
    const bytes = new TextEncoder().encode('{"rsc":2000,"rqi":"a"}');
    expect(codeOf(() => decodeJson(bytes))).toBe('WRONG_FRAME_TYPE');
  });

  it.each([
    ['truncated', '{"op":1,"to":"x"', 'MALFORMED'],
    ['byte soup', '\u0000\u00ff\u0013garbage', 'MALFORMED'],
    ['empty', '', 'MALFORMED'],
    ['not an object', '42', 'NOT_A_PRIMITIVE'],
    ['a string', '"op"', 'NOT_A_PRIMITIVE'],
    ['null', 'null', 'NOT_A_PRIMITIVE'],
    ['an array', '[{"rsc":2000,"rqi":"a"}]', 'NOT_A_PRIMITIVE'],
    ['no op nor rsc', '{"rqi":"a","to":"b"}', 'NOT_A_PRIMITIVE'],
    ['wrong root', '{"m2m:cin":{"rsc":2000}}', 'NOT_A_PRIMITIVE'],
    ['wrapper not an object', '{"m2m:rqp":[1]}', 'NOT_A_PRIMITIVE'],
    ['m2m:rqp holding a response', '{"m2m:rqp":{"rsc":2000,"rqi":"a"}}', 'NOT_A_PRIMITIVE'],
    ['m2m:rsp holding a request', '{"m2m:rsp":{"op":2,"to":"x","rqi":"a"}}', 'NOT_A_PRIMITIVE'],
    ['op as string', '{"op":"1","to":"x","rqi":"a"}', 'INVALID_PRIMITIVE'],
    ['op 6', '{"op":6,"to":"x","rqi":"a"}', 'INVALID_PRIMITIVE'],
    ['op 1.5', '{"op":1.5,"to":"x","rqi":"a"}', 'INVALID_PRIMITIVE'],
    ['missing to', '{"op":2,"rqi":"a"}', 'INVALID_PRIMITIVE'],
    ['numeric rqi', '{"op":2,"to":"x","rqi":1}', 'INVALID_PRIMITIVE'],
    ['rsc as string', '{"rsc":"2000","rqi":"a"}', 'INVALID_PRIMITIVE'],
    ['both op and rsc', '{"op":2,"rsc":2000,"to":"x","rqi":"a"}', 'INVALID_PRIMITIVE'],
    ['pc not an object', '{"rsc":2000,"rqi":"a","pc":"x"}', 'INVALID_PRIMITIVE'],
    ['pc an array', '{"rsc":2000,"rqi":"a","pc":[]}', 'INVALID_PRIMITIVE'],
    ['__proto__ key', '{"rsc":2000,"rqi":"a","pc":{"__proto__":{"polluted":1}}}', 'INVALID_PRIMITIVE'],
    ['escaped __proto__ key', '{"rsc":2000,"rqi":"a","\\u005f_proto__":{"polluted":1}}', 'INVALID_PRIMITIVE'],
    [
      'constructor key',
      '{"rsc":2000,"rqi":"a","pc":{"m2m:cin":{"constructor":{"prototype":{}}}}}',
      'INVALID_PRIMITIVE',
    ],
  ])('refuses %s', (_, frame, code) => {
    expect(codeOf(() => decodeJson(frame))).toBe(code);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses nesting deeper than the limit, without overflowing the stack', () => {
    const deep = `{"rsc":2000,"rqi":"a","pc":{"m2m:cin":{"con":${'['.repeat(100_000)}${']'.repeat(100_000)}}}}`;
    expect(codeOf(() => decodeJson(deep))).toBe('INVALID_PRIMITIVE');
    const ok = `{"rsc":2000,"rqi":"a","pc":{"m2m:cin":{"con":${'['.repeat(MAX_NESTING_DEPTH - 4)}${']'.repeat(MAX_NESTING_DEPTH - 4)}}}}`;
    expect(decodeJson(ok).kind).toBe('response');
  });

  it('handles huge strings and caps the frame attached to errors', () => {
    const huge = 'x'.repeat(5_000_000);
    expect(decodeJson(`{"rsc":2000,"rqi":"a","pc":{"m2m:dbg":"${huge}"}}`).kind).toBe('response');
    try {
      decodeJson(`{"rsc":2000,"rqi":"a","pc":"${huge}"}`);
      expect.unreachable();
    } catch (err) {
      expect((err as ProtocolError).frame?.length).toBeLessThanOrEqual(1024);
      expect((err as ProtocolError).message.length).toBeLessThan(200);
    }
  });

  it('encode refuses cyclic structures and BigInt with UNENCODABLE', () => {
    const cyclic: Record<string, unknown> = { rsc: 2000, rqi: 'a' };
    cyclic.pc = { self: cyclic };
    expect(codeOf(() => encodeJson(cyclic as never))).toBe('UNENCODABLE');
    expect(codeOf(() => encodeJson({ rsc: 2000, rqi: 'a', pc: { n: 1n } }))).toBe('UNENCODABLE');
  });

  it('errors name the codec and the field', () => {
    try {
      decodeJson('{"op":2,"to":"x","rqi":7}');
      expect.unreachable();
    } catch (err) {
      expect(err).toMatchObject({
        name: 'ProtocolError',
        codec: 'json',
        field: 'rqi',
        code: 'INVALID_PRIMITIVE',
      });
    }
  });
});
