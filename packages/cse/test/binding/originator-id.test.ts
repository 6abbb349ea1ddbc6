import { describe, expect, it } from 'vitest';
import { isPlaceholderOriginator, isWebSocketUrl, originatorKey } from '../../src/server/originator-id.js';

describe('originatorKey', () => {
  it('reduces the AE-ID forms of this CSE to the stem', () => {
    expect(originatorKey('Cabc', '/id-in')).toBe('Cabc');
    expect(originatorKey('/id-in/Cabc', '/id-in')).toBe('Cabc');
    expect(originatorKey('//sp.example/id-in/Cabc', '/id-in')).toBe('Cabc');
    expect(originatorKey('/Sabc', '/id-in')).toBe('Sabc');
    expect(originatorKey('//sp.example/Sabc', '/id-in')).toBe('Sabc');
  });

  it('keeps IDs of other CSEs whole', () => {
    expect(originatorKey('/id-mn/Cabc', '/id-in')).toBe('/id-mn/Cabc');
    expect(originatorKey('/id-mn', '/id-in')).toBe('/id-mn');
  });
});

describe('isPlaceholderOriginator / isWebSocketUrl', () => {
  it('recognises the assign-me-an-ID values and ws URLs', () => {
    expect(['', 'C', 'S', undefined].map(isPlaceholderOriginator)).toEqual([true, true, true, true]);
    expect(isPlaceholderOriginator('Cx')).toBe(false);
    expect(isWebSocketUrl('WSS://host:1/x')).toBe(true);
    expect(isWebSocketUrl('http://host')).toBe(false);
    expect(isWebSocketUrl('Cabc')).toBe(false);
  });
});
