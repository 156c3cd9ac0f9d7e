/**
 * `GET /api/areas/:areaId/plan-outcomes`: the area id in the path. The answer is built by
 * the outcome rule, so its schema lives with it in src/core/plan-outcome.ts (re-exported here).
 */
import { z } from 'zod';

export { AreaPlanOutcomesSchema } from '../plan-outcome.ts';

export const AreaParamsSchema = z.object({
  areaId: z.string().regex(/^[\w-]{1,100}$/, { message: '片区 id 只能含字母、数字、-_ / an area id holds letters, digits, - and _ only' }),
});
