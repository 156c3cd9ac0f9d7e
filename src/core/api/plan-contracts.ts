/** `PUT /api/buildings/:code/plan`: a renovation plan as a planner sends it, and the stored plan it answers with. */
import { z } from 'zod';
import { ARCHIVE_LIMITS } from '../archive-limits.ts';
import { FUNDING_SOURCES, RENOVATION_MEASURES } from '../renovation-plan.ts';
import { PlanStatusSchema, PlanViewSchema } from './dossier-contracts.ts';
import { IsoDaySchema } from './request-fields.ts';

export const PlanRequestSchema = z
  .object({
    measures: z.array(z.enum(RENOVATION_MEASURES)).min(1, { message: '至少一项改造措施 / give at least one measure' }).max(RENOVATION_MEASURES.length),
    status: PlanStatusSchema,
    start: IsoDaySchema,
    end: IsoDaySchema,
    budgetWan: z.number().nonnegative().max(ARCHIVE_LIMITS.budgetWanMax).describe('budget, 10k CNY (万元)'),
    funding: z.array(z.enum(FUNDING_SOURCES)).min(1),
    unit: z.string().trim().min(1).max(ARCHIVE_LIMITS.planUnitChars),
    keyProject: z.string().trim().min(1).max(ARCHIVE_LIMITS.keyProjectChars).nullable().default(null),
    version: z.number().int().min(0),
  })
  .strict()
  .refine((p) => p.end >= p.start, { message: '结束日期早于开始日期 / end is before start', path: ['end'] });
export type PlanInput = z.infer<typeof PlanRequestSchema>;

export const PlanSavedSchema = z.object({ plan: PlanViewSchema, version: z.number() });
export type PlanSaved = z.infer<typeof PlanSavedSchema>;
