import { describe, expect, expectTypeOf, it } from 'vitest';
import { codeTable } from '../src/code-table.js';

describe('codeTable', () => {
  it('numbers names in order and jumps at every number, across lines', () => {
    const table = codeTable('1 create retrieve', 'update 9 nine ten', '100 hundred');
    expect(table).toEqual({ create: 1, retrieve: 2, update: 3, nine: 9, ten: 10, hundred: 100 });
    expect(Object.keys(table)).toEqual(['create', 'retrieve', 'update', 'nine', 'ten', 'hundred']);
  });

  it('gives every member its literal type, carrying over digits', () => {
    const table = codeTable('4098 a b c', '5199 d e');
    expectTypeOf(table).toEqualTypeOf<{
      readonly a: 4098;
      readonly b: 4099;
      readonly c: 4100;
      readonly d: 5199;
      readonly e: 5200;
    }>();
    expect(table).toEqual({ a: 4098, b: 4099, c: 4100, d: 5199, e: 5200 });
  });

  it('lets a number go back, for a second name of one code', () => {
    const table = codeTable('7 seven eight 7 sieben nine');
    expectTypeOf(table.sieben).toEqualTypeOf<7>();
    expect(table).toEqual({ seven: 7, eight: 8, sieben: 7, nine: 8 });
  });
});
