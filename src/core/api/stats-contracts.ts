/**
 * `GET /api/stats`: the big screen's numbers. The store counts everything but the pipes;
 * the service adds the `lifelines` block, which the API always sends (`StatsResponse`).
 */
import { z } from 'zod';
import { LifelineRiskStatsSchema } from '../lifelines.ts';
import { AreaRecordSchema, PlanStatusSchema } from './dossier-contracts.ts';

export const CountByGradeSchema = z.object({ A: z.number(), B: z.number(), C: z.number(), D: z.number(), unappraised: z.number() });
export type CountByGrade = z.infer<typeof CountByGradeSchema>;

export const StatsResponseSchema = z.object({
  version: z.number(),
  buildings: z.number(),
  byGrade: CountByGradeSchema,
  byPlanStatus: z.record(PlanStatusSchema, z.number()),
  byArea: z.array(AreaRecordSchema.extend({ buildings: z.number(), byGrade: CountByGradeSchema })),
  inspectionsThisMonth: z.number(),
  month: z.string(),
  lifelines: LifelineRiskStatsSchema.describe('pipes at risk next to C/D buildings, default age and distance'),
});
export type StatsResponse = z.infer<typeof StatsResponseSchema>;

/** The same counts with `lifelines` optional: what the store computes, and what a client must expect from an older server. */
export const ArchiveStatsSchema = StatsResponseSchema.partial({ lifelines: true });
export type ArchiveStats = z.infer<typeof ArchiveStatsSchema>;
