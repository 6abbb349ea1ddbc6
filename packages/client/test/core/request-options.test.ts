import { REQUEST_NAMES } from '@onem2m-ws/protocol';
import { describe, expect, it } from 'vitest';
import { PARAMETERS } from '../../src/request-options.js';

describe('request options', () => {
  it('know the long name of every parameter they take as the protocol tables name it', () => {
    // The client keeps its own pairs so a bundle without the name tables still accepts them.
    for (const [short, long] of PARAMETERS) {
      expect(REQUEST_NAMES[short], short).toBe(long);
    }
    expect(new Set(PARAMETERS.map(([short]) => short)).size).toBe(PARAMETERS.length);
  });
});
