import { describe, expect, it } from 'vitest';
import { GRADE_INFO, UNAPPRAISED_INFO } from '../../src/core/grades.ts';
import { countOutcomes, isPlanOutcome, PLAN_OUTCOME_INFO, PLAN_OUTCOMES, planOutcome } from '../../src/core/plan-outcome.ts';
import { RENOVATION_MEASURES, type RenovationMeasure } from '../../src/core/renovation-plan.ts';

const plan = (...measures: RenovationMeasure[]) => ({ heritage: false, measures });

describe('plan outcome of a building', () => {
  it('protects heritage whatever the measures, with or without a plan — even a (forbidden) demolition', () => {
    expect(planOutcome({ heritage: true, measures: null })).toBe('protect');
    expect(planOutcome({ heritage: true, measures: ['修缮保护'] })).toBe('protect');
    expect(planOutcome({ heritage: true, measures: ['拆除重建', '危房改造'] })).toBe('protect');
    expect(planOutcome({ heritage: true, measures: ['闲置空间改造为创客/人才公寓'] })).toBe('protect');
  });

  it('demolish wins over every other measure of a non-heritage plan', () => {
    expect(planOutcome(plan('危房改造', '拆除重建'))).toBe('demolish');
    expect(planOutcome(plan('闲置空间改造为创客/人才公寓', '拆除重建'))).toBe('demolish');
  });

  it('converting idle office space to maker/talent apartments is a conversion, also beside other work', () => {
    expect(planOutcome(plan('闲置空间改造为创客/人才公寓'))).toBe('convert');
    expect(planOutcome(plan('节能改造', '闲置空间改造为创客/人才公寓', '外立面整治'))).toBe('convert');
  });

  it('every other single measure is renovation (street and back-lane renewal included)', () => {
    const others = RENOVATION_MEASURES.filter((m) => m !== '拆除重建' && m !== '闲置空间改造为创客/人才公寓');
    expect(others).toHaveLength(RENOVATION_MEASURES.length - 2);
    for (const m of others) expect({ m, outcome: planOutcome(plan(m)) }).toEqual({ m, outcome: 'renovate' });
  });

  it('no plan (or an empty one) is none', () => {
    expect(planOutcome({ heritage: false, measures: null })).toBe('none');
    expect(planOutcome({ heritage: false, measures: [] })).toBe('none');
  });

  it('counts every outcome, zero included', () => {
    expect(countOutcomes(['demolish', 'renovate', 'renovate', 'protect'])).toEqual({ protect: 1, demolish: 1, convert: 0, renovate: 2, none: 0 });
    expect(isPlanOutcome('convert')).toBe(true);
    expect(isPlanOutcome('rebuild')).toBe(false);
  });

  it('has one distinct colour and both labels per outcome, none of them a grade colour; only demolition is a ghost', () => {
    const colours = PLAN_OUTCOMES.map((o) => PLAN_OUTCOME_INFO[o].color.toLowerCase());
    expect(new Set(colours).size).toBe(PLAN_OUTCOMES.length);
    const gradeColours = [...Object.values(GRADE_INFO), UNAPPRAISED_INFO].map((g) => g.color.toLowerCase());
    for (const c of colours) expect(gradeColours).not.toContain(c);
    for (const o of PLAN_OUTCOMES) {
      expect(PLAN_OUTCOME_INFO[o].zh).toMatch(/[\u4e00-\u9fff]/);
      expect(PLAN_OUTCOME_INFO[o].en).toMatch(/^[A-Z]/);
    }
    expect(PLAN_OUTCOMES.filter((o) => PLAN_OUTCOME_INFO[o].alpha < 1)).toEqual(['demolish']);
  });
});
