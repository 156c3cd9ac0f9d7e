import { describe, expect, it } from 'vitest';
import { isBlank } from '../../src/sources/blank-text.ts';

describe('isBlank', () => {
  it('answers as trim() === "" for every UTF-16 code unit alone, doubled, and before or after a letter', () => {
    for (let c = 0; c < 0x10000; c++) {
      const ch = String.fromCharCode(c);
      for (const text of [ch, ch + ch, `${ch}a`, `a${ch}`, `${ch} `, ` ${ch}`]) {
        if (isBlank(text) !== (text.trim() === '')) throw new Error(`U+${c.toString(16)} in ${JSON.stringify(text)}`);
      }
    }
    expect(isBlank('')).toBe(true);
  });

  it('calls the usual blanks blank and values not', () => {
    expect(['', ' ', '\u3000', ' \t\n', '\uFEFF'].map(isBlank)).toEqual([true, true, true, true, true]);
    expect(['0', '砖混结构', ' 层数 ', '\u3000是', '\u0000'].map(isBlank)).toEqual([false, false, false, false, false]);
  });
});
