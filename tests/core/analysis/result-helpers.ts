/** Shared by the analysis tests: a Result's value (or a thrown list of its problems), and a failure's reasons with every message and fix checked to be bilingual. */
import { expect } from 'vitest';
import type { Problem } from '../../../src/core/problem.ts';
import type { Result } from '../../../src/core/result.ts';

export function value<T>(r: Result<T, Problem>): T {
  if (!r.ok) throw new Error(r.problems.map((p) => p.message).join('; '));
  return r.value;
}

/** A failure whose every problem is bilingual (zh-CN / English); returns its reasons. */
export function reasons<T>(r: Result<T, Problem>): string[] {
  expect(r.ok).toBe(false);
  if (r.ok) return [];
  for (const p of r.problems) {
    expect(p.message).toMatch(/[\u4e00-\u9fff].* \/ [A-Za-z]/);
    if (p.fix) expect(p.fix).toMatch(/[\u4e00-\u9fff].* \/ [A-Za-z]/);
  }
  return r.problems.map((p) => p.reason);
}
