/**
 * What a building's renovation plan does to it, as one outcome for the "after"
 * (规划 / Plan) side of a before/after comparison: protect, demolish, convert,
 * renovate, or nothing. One rule, one colour and one pair of labels per outcome,
 * so the map, the legend, the API's counts and the tests cannot disagree.
 *
 * The rule, in order (first match wins):
 * 1. `protect`: a heritage building, whatever its measures. Heritage is repaired,
 *    never demolished (老城不能再拆; FORBIDDEN_FOR_HERITAGE); a heritage building
 *    without a plan is still protected, so the meeting sees it as such.
 * 2. `demolish`: the plan contains 拆除重建 — the building as it stands goes, so
 *    whatever else the plan lists (e.g. 危房改造) describes the rebuild.
 * 3. `convert`: the plan changes what the building is used for. DOMAIN.md lists
 *    one such measure: old inefficient offices "convert idle space into maker or
 *    talent apartments" (闲置空间改造为创客/人才公寓), i.e. office → housing. It wins
 *    over other measures because the change of use is what a planning meeting
 *    decides on; energy or facade work alongside it is renovation of the same
 *    building. 街区更新/后巷经济 (street and back-lane renewal) works on the lanes
 *    and shop fronts around buildings, not on a building's use, so it is renovation.
 * 4. `renovate`: any other measure (dangerous-building renovation, seismic and
 *    energy upgrades, pipes, lifts, facades, …).
 * 5. `none`: no plan.
 *
 * The plan's status (待评估 … 已完成) does not change the outcome: the "after" side
 * shows what the plan does once carried out; the status is reported beside it.
 */
import { z } from 'zod';
import { AreaRecordSchema, type AreaRecord } from './api/dossier-contracts.ts';
import { SAFETY_GRADES } from './grades.ts';
import { PLAN_STATUSES, RENOVATION_MEASURES, type RenovationMeasure } from './renovation-plan.ts';

export const PLAN_OUTCOMES = ['protect', 'demolish', 'convert', 'renovate', 'none'] as const;
export type PlanOutcome = (typeof PLAN_OUTCOMES)[number];

export interface PlanOutcomeInfo {
  zh: string;
  en: string;
  /** CSS hex; chosen apart from the grade colours (green, yellow, orange, red, grey) so a plan never reads as a grade. */
  color: string;
  /** Opacity on the map: demolished buildings are ghosts of what stands today. */
  alpha: number;
}

export const PLAN_OUTCOME_INFO: Record<PlanOutcome, PlanOutcomeInfo> = {
  protect: { zh: '保护修缮（历史建筑）', en: 'Protected (heritage)', color: '#9c6ade', alpha: 1 },
  demolish: { zh: '拆除重建', en: 'Demolish and rebuild', color: '#ff5a6e', alpha: 0.3 },
  convert: { zh: '功能转换', en: 'Conversion of use', color: '#1e88e5', alpha: 1 },
  renovate: { zh: '改造提升', en: 'Renovate', color: '#14b8a6', alpha: 1 },
  none: { zh: '无改造方案', en: 'No plan', color: '#d6d2c9', alpha: 1 },
};

/** Measures that change a building's use (see the rule above). */
export const CONVERSION_MEASURES: readonly RenovationMeasure[] = ['闲置空间改造为创客/人才公寓'];
/** Measures that remove the building as it stands. */
export const DEMOLITION_MEASURES: readonly RenovationMeasure[] = ['拆除重建'];

export interface PlanOutcomeInput {
  heritage: boolean;
  /** The plan's measures, or null when the building has no plan. */
  measures: readonly RenovationMeasure[] | null;
}

export function planOutcome({ heritage, measures }: PlanOutcomeInput): PlanOutcome {
  if (heritage) return 'protect';
  if (measures === null || measures.length === 0) return 'none';
  if (measures.some((m) => DEMOLITION_MEASURES.includes(m))) return 'demolish';
  if (measures.some((m) => CONVERSION_MEASURES.includes(m))) return 'convert';
  return 'renovate';
}

export type PlanOutcomeCounts = Record<PlanOutcome, number>;

export function emptyOutcomeCounts(): PlanOutcomeCounts {
  return { protect: 0, demolish: 0, convert: 0, renovate: 0, none: 0 };
}

/** Counts per outcome, every outcome present (0 when none). */
export function countOutcomes(outcomes: Iterable<PlanOutcome>): PlanOutcomeCounts {
  const counts = emptyOutcomeCounts();
  for (const o of outcomes) counts[o]++;
  return counts;
}

export function isPlanOutcome(value: unknown): value is PlanOutcome {
  return typeof value === 'string' && (PLAN_OUTCOMES as readonly string[]).includes(value);
}

// ---- a renewal area's buildings with their outcomes (GET /api/areas/:areaId/plan-outcomes) ----

// Schemas (the API contract of that route) rather than interfaces: the OpenAPI document,
// the server and the viewer all take the shape from here.

/** A building of an area as the archive holds it: what the outcome is decided from. */
export const AreaBuildingPlanSchema = z.object({
  code: z.string(),
  name: z.string().nullable(),
  grade: z.enum(SAFETY_GRADES).nullable().describe('current safety grade (today); null: not appraised'),
  heritage: z.boolean(),
  lon: z.number(),
  lat: z.number(),
  height: z.number(),
  planStatus: z.enum(PLAN_STATUSES).nullable(),
  measures: z.array(z.enum(RENOVATION_MEASURES)).nullable().describe('the plan’s measures; null: no plan'),
});
export type AreaBuildingPlan = z.infer<typeof AreaBuildingPlanSchema>;

const OutcomeSchema = z.enum(PLAN_OUTCOMES);

export const AreaBuildingOutcomeSchema = AreaBuildingPlanSchema.extend({
  outcome: OutcomeSchema.describe('protect (heritage, always), demolish (拆除重建), convert (change of use), renovate (any other measure), none (no plan)'),
});
export type AreaBuildingOutcome = z.infer<typeof AreaBuildingOutcomeSchema>;

/** `GET /api/areas/:areaId/plan-outcomes`. */
export const AreaPlanOutcomesSchema = z.object({
  area: AreaRecordSchema,
  /** Buildings in the area, by code. */
  buildings: z.array(AreaBuildingOutcomeSchema),
  /** Per outcome, every outcome present; they add up to `buildings.length`. */
  counts: z.record(OutcomeSchema, z.number()).describe('buildings per outcome; every outcome present'),
});
export type AreaPlanOutcomes = z.infer<typeof AreaPlanOutcomesSchema>;

/** Classifies each building of an area and counts the outcomes. */
export function areaPlanOutcomes(area: AreaRecord, buildings: readonly AreaBuildingPlan[]): AreaPlanOutcomes {
  const classified = buildings.map((b) => ({ ...b, outcome: planOutcome(b) }));
  return { area, buildings: classified, counts: countOutcomes(classified.map((b) => b.outcome)) };
}
