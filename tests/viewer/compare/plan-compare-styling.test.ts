import { describe, expect, it } from 'vitest';
import { GRADE_INFO, UNAPPRAISED_INFO } from '../../../src/core/grades.ts';
import { areaPlanOutcomes, type AreaBuildingPlan, PLAN_OUTCOME_INFO, PLAN_OUTCOMES } from '../../../src/core/plan-outcome.ts';
import {
  clampSplit,
  compareAppearance,
  indexArea,
  OUTSIDE_AREA,
  outcomeLegend,
  SPLIT_PAGE,
  SPLIT_STEP,
  splitAfterKey,
  splitAtPointer,
} from '../../../src/viewer/compare/plan-compare-styling.ts';

const building = (code: string, over: Partial<AreaBuildingPlan> = {}): AreaBuildingPlan => ({
  code,
  name: null,
  grade: 'D',
  heritage: false,
  lon: 106.55,
  lat: 29.55,
  height: 12,
  planStatus: '已立项',
  measures: ['危房改造', '拆除重建'],
  ...over,
});

const area = areaPlanOutcomes({ id: 'wing-chongqing-station', kind: 'wing', name: '重庆站滨江新城', nameEn: 'Chongqing Station riverside new town' }, [
  building('YZ-00001'),
  building('YZ-00002', { grade: 'C', heritage: true, measures: ['修缮保护'] }),
  building('YZ-00003', { grade: 'A', measures: ['闲置空间改造为创客/人才公寓'] }),
  building('YZ-00004', { grade: 'B', measures: ['加装电梯'] }),
  building('YZ-00005', { grade: null, measures: null, planStatus: null }),
]);
const index = indexArea(area.buildings);

describe('before/after colours', () => {
  it('today: the grade colour the map uses, opaque', () => {
    expect(compareAppearance('YZ-00001', 'today', index)).toEqual({ css: GRADE_INFO.D.color, alpha: 1 });
    expect(compareAppearance('YZ-00003', 'today', index)).toEqual({ css: GRADE_INFO.A.color, alpha: 1 });
    expect(compareAppearance('YZ-00005', 'today', index)).toEqual({ css: UNAPPRAISED_INFO.color, alpha: 1 });
  });

  it('plan: demolished as a translucent ghost, heritage protected, conversion and renovation distinct', () => {
    const plan = (code: string) => compareAppearance(code, 'plan', index);
    expect(plan('YZ-00001')).toEqual({ css: PLAN_OUTCOME_INFO.demolish.color, alpha: PLAN_OUTCOME_INFO.demolish.alpha });
    expect(plan('YZ-00001').alpha).toBeLessThan(0.5);
    expect(plan('YZ-00002').css).toBe(PLAN_OUTCOME_INFO.protect.color);
    expect(plan('YZ-00003').css).toBe(PLAN_OUTCOME_INFO.convert.color);
    expect(plan('YZ-00004').css).toBe(PLAN_OUTCOME_INFO.renovate.color);
    expect(plan('YZ-00005').css).toBe(PLAN_OUTCOME_INFO.none.color);
    expect(new Set(['YZ-00001', 'YZ-00002', 'YZ-00003', 'YZ-00004', 'YZ-00005'].map((c) => plan(c).css)).size).toBe(5);
  });

  it('the same building differs across the split wherever it has a plan', () => {
    for (const b of area.buildings.filter((x) => x.outcome !== 'none')) {
      expect(compareAppearance(b.code, 'today', index)).not.toEqual(compareAppearance(b.code, 'plan', index));
    }
  });

  it('outside the area (or before the area is known) both sides are the same dim colour', () => {
    expect(compareAppearance('YZ-99999', 'today', index)).toEqual(OUTSIDE_AREA);
    expect(compareAppearance('YZ-99999', 'plan', index)).toEqual(OUTSIDE_AREA);
    expect(compareAppearance('YZ-00001', 'plan', null)).toEqual(OUTSIDE_AREA);
    const used = [...Object.values(GRADE_INFO).map((g) => g.color), UNAPPRAISED_INFO.color, ...PLAN_OUTCOMES.map((o) => PLAN_OUTCOME_INFO[o].color)];
    expect(used).not.toContain(OUTSIDE_AREA.css);
  });

  it('legend: one row per outcome in order, with the area’s counts', () => {
    const rows = outcomeLegend(area.counts);
    expect(rows.map((r) => [r.outcome, r.count])).toEqual([
      ['protect', 1],
      ['demolish', 1],
      ['convert', 1],
      ['renovate', 1],
      ['none', 1],
    ]);
    expect(rows[1]).toMatchObject({ zh: '拆除重建', css: PLAN_OUTCOME_INFO.demolish.color });
  });
});

describe('the divider', () => {
  it('follows the pointer across the viewport, clamped to 0–1', () => {
    const rect = { left: 100, width: 1000 };
    expect(splitAtPointer(400, rect)).toBeCloseTo(0.3);
    expect(splitAtPointer(50, rect)).toBe(0);
    expect(splitAtPointer(5000, rect)).toBe(1);
    expect(splitAtPointer(400, { left: 0, width: 0 })).toBe(0.5);
    expect(clampSplit(Number.NaN)).toBe(0.5);
  });

  it('moves with the slider keys and ignores others', () => {
    expect(splitAfterKey('ArrowRight', 0.5)).toBeCloseTo(0.5 + SPLIT_STEP);
    expect(splitAfterKey('ArrowLeft', 0.5)).toBeCloseTo(0.5 - SPLIT_STEP);
    expect(splitAfterKey('ArrowLeft', 0.5, true)).toBeCloseTo(0.5 - SPLIT_PAGE);
    expect(splitAfterKey('PageUp', 0.95)).toBe(1);
    expect(splitAfterKey('Home', 0.4)).toBe(0);
    expect(splitAfterKey('End', 0.4)).toBe(1);
    expect(splitAfterKey(' ', 0.4)).toBeNull();
    expect(splitAfterKey('a', 0.4)).toBeNull();
  });
});
