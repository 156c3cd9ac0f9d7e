/**
 * The lifelines routes' requests: risk settings in the query string, a segment id in the
 * path. Their answers are built from the lifelines vocabularies, so their schemas live
 * with them in src/core/lifelines.ts and are re-exported here for the routes.
 */
import { z } from 'zod';
import { DEFAULT_RISK_AGE_YEARS, DEFAULT_RISK_DISTANCE_M } from '../lifelines.ts';

export { BuildingPipesSchema, LifelineRiskStatsSchema, PipeRiskSchema, RiskListSchema } from '../lifelines.ts';

export const RiskQuerySchema = z.object({
  age: z.coerce.number().int().min(1).max(150).default(DEFAULT_RISK_AGE_YEARS)
    .describe('a pipe this many years old or older counts as old'),
  distance: z.coerce.number().min(0).max(50).default(DEFAULT_RISK_DISTANCE_M)
    .describe('distance (m) to a C/D building; at most the range precomputed at import (50 m)'),
});

export const SegmentParamsSchema = z.object({
  id: z.string().min(1).max(100).regex(/^[\w\-.]+$/, { message: '管段编号只能含字母、数字和 -_. / segment ids hold letters, digits and -_. only' }),
});
