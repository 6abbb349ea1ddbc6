import { describe, expect, it } from 'vitest';
import { parseOfferedSubprotocols, selectSubprotocol } from '../../src/server/subprotocol-selection.js';

describe('parseOfferedSubprotocols', () => {
  it('splits one comma-separated header and several headers alike (TS-0020 6.2.2.7)', () => {
    expect(parseOfferedSubprotocols('oneM2M.R2.0.json, oneM2M.R2.0.xml')).toEqual([
      'oneM2M.R2.0.json',
      'oneM2M.R2.0.xml',
    ]);
    expect(parseOfferedSubprotocols(['oneM2M.R2.0.xml', 'oneM2M.R2.0.json'])).toEqual([
      'oneM2M.R2.0.xml',
      'oneM2M.R2.0.json',
    ]);
    expect(parseOfferedSubprotocols(' , ')).toEqual([]);
    expect(parseOfferedSubprotocols(undefined)).toEqual([]);
  });
});

describe('selectSubprotocol', () => {
  it('walks the server preference and returns the first offered name of that serialization', () => {
    const offered = ['oneM2M.cbor', 'onem2m.r2.0.json', 'oneM2M.json'];
    expect(selectSubprotocol(offered, ['json', 'cbor'])).toEqual({
      ok: true,
      selected: { protocol: 'onem2m.r2.0.json', serialization: 'json' },
    });
    expect(selectSubprotocol(offered, ['cbor', 'json'])).toEqual({
      ok: true,
      selected: { protocol: 'oneM2M.cbor', serialization: 'cbor' },
    });
  });

  it('explains a refusal', () => {
    const none = selectSubprotocol([], ['json']);
    expect(none.ok).toBe(false);
    if (!none.ok) expect(none.reason).toMatch(/Missing subprotocol.*oneM2M\.json/);
    const unacceptable = selectSubprotocol(['oneM2M.xml', 'oneM2M-pro-v1.0'], ['json', 'cbor']);
    expect(unacceptable.ok).toBe(false);
    if (!unacceptable.ok)
      expect(unacceptable.reason).toMatch(/oneM2M\.xml, oneM2M-pro-v1\.0.*oneM2M\.json, oneM2M\.cbor/);
  });
});
