import { describe, expect, it } from 'vitest';
import { frameTypeOf, lookupSubprotocol, SUBPROTOCOLS, subprotocolsFor } from '../../src/subprotocols.js';

describe('subprotocol registry', () => {
  it('knows both spellings of each serialization with its frame type', () => {
    expect(SUBPROTOCOLS.map((s) => s.name)).toEqual([
      'oneM2M.json',
      'oneM2M.R2.0.json',
      'oneM2M.xml',
      'oneM2M.R2.0.xml',
      'oneM2M.cbor',
      'oneM2M.R2.0.cbor',
    ]);
    expect(frameTypeOf('json')).toBe('text');
    expect(frameTypeOf('xml')).toBe('text');
    expect(frameTypeOf('cbor')).toBe('binary');
  });

  it('looks names up case-insensitively and returns the canonical spelling', () => {
    expect(lookupSubprotocol('onem2m.r2.0.json')).toEqual({
      name: 'oneM2M.R2.0.json',
      serialization: 'json',
      frameType: 'text',
    });
    expect(lookupSubprotocol('ONEM2M.CBOR')).toEqual({
      name: 'oneM2M.cbor',
      serialization: 'cbor',
      frameType: 'binary',
    });
    expect(lookupSubprotocol(' oneM2M.xml ')?.serialization).toBe('xml');
    expect(lookupSubprotocol('oneM2M.yaml')).toBeUndefined();
    expect(lookupSubprotocol('json')).toBeUndefined();
    expect(lookupSubprotocol('__proto__')).toBeUndefined();
  });

  it('turns a preference list into names to offer', () => {
    expect(subprotocolsFor(['cbor', 'json'])).toEqual([
      'oneM2M.cbor',
      'oneM2M.R2.0.cbor',
      'oneM2M.json',
      'oneM2M.R2.0.json',
    ]);
    expect(subprotocolsFor(['xml', 'xml'])).toEqual(['oneM2M.xml', 'oneM2M.R2.0.xml']);
    expect(() => subprotocolsFor([])).toThrow(TypeError);
    expect(() => subprotocolsFor(['yaml' as never])).toThrow(/unknown serialization/);
  });
});
