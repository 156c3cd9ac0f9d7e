import { describe, expect, it } from 'vitest';
import { BoundedMemo } from '../../src/core/bounded-memo.ts';

describe('BoundedMemo', () => {
  it('remembers up to max distinct keys; the next new key turns remembering off and forgets them all', () => {
    const memo = new BoundedMemo<number>(2);
    memo.set('a', 1);
    memo.set('b', 2);
    memo.set('a', 3);
    expect([memo.get('a'), memo.get('b'), memo.remembering]).toEqual([3, 2, true]);
    memo.set('c', 4);
    expect([memo.get('a'), memo.get('c'), memo.remembering]).toEqual([undefined, undefined, false]);
    memo.set('a', 5);
    expect(memo.get('a')).toBeUndefined();
  });
});
