/** `GET /api/grades` and its event stream: the map's colour source, code → [grade, plan status]. */
import { z } from 'zod';
import { GradeSchema, PlanStatusSchema } from './dossier-contracts.ts';

export const GradesQuerySchema = z.object({
  since: z.coerce.number().int().min(0).optional().describe('only buildings changed after this version'),
});

export const GradeMapSchema = z.object({
  version: z.number(),
  since: z.number().nullable(),
  buildings: z.record(z.string(), z.tuple([GradeSchema.nullable(), PlanStatusSchema.nullable()])).describe('code → [grade, plan status]'),
});
export type GradeMapView = z.infer<typeof GradeMapSchema>;
