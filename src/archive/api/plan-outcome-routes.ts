/**
 * `GET /api/areas/:areaId/plan-outcomes`: the before/after of a renewal area for
 * planning meetings — every building in the area with its grade (today), heritage
 * flag, plan status and what its plan does to it (the outcome, decided by
 * src/core/plan-outcome.ts), plus counts per outcome. Cached per archive version.
 */
import { z } from 'zod';
import { SAFETY_GRADES } from '../../core/grades.ts';
import { type AreaPlanOutcomes, areaPlanOutcomes, PLAN_OUTCOMES } from '../../core/plan-outcome.ts';
import { AREA_KINDS } from '../../core/renewal-areas.ts';
import { PLAN_STATUSES, RENOVATION_MEASURES } from '../../core/renovation-plan.ts';
import type { ArchiveApiContext, ZodApp } from './api-context.ts';
import { sendError } from './api-errors.ts';
import { ErrorBody } from './api-schemas.ts';
import { VersionedCache } from './versioned-cache.ts';

export const AreaParams = z.object({
  areaId: z.string().regex(/^[\w-]{1,100}$/, { message: '片区 id 只能含字母、数字、-_ / an area id holds letters, digits, - and _ only' }),
});

const Outcome = z.enum(PLAN_OUTCOMES);

export const AreaPlanOutcomesBody = z.object({
  area: z.object({ id: z.string(), kind: z.enum(AREA_KINDS), name: z.string(), nameEn: z.string() }),
  buildings: z.array(
    z.object({
      code: z.string(),
      name: z.string().nullable(),
      grade: z.enum(SAFETY_GRADES).nullable().describe('current safety grade (today); null: not appraised'),
      heritage: z.boolean(),
      lon: z.number(),
      lat: z.number(),
      height: z.number(),
      planStatus: z.enum(PLAN_STATUSES).nullable(),
      measures: z.array(z.enum(RENOVATION_MEASURES)).nullable().describe('the plan’s measures; null: no plan'),
      outcome: Outcome.describe('protect (heritage, always), demolish (拆除重建), convert (change of use), renovate (any other measure), none (no plan)'),
    }),
  ),
  counts: z.record(Outcome, z.number()).describe('buildings per outcome; every outcome present'),
});

export function registerPlanOutcomeRoutes(app: ZodApp, ctx: ArchiveApiContext): void {
  const cache = new VersionedCache<AreaPlanOutcomes>(64);
  app.get(
    '/areas/:areaId/plan-outcomes',
    {
      onRequest: ctx.requireReader,
      schema: {
        tags: ['areas'],
        summary: '改造前后 / an area’s buildings today (grade) and after the plan (outcome), with counts per outcome',
        params: AreaParams,
        response: { 200: AreaPlanOutcomesBody, 400: ErrorBody, 401: ErrorBody, 404: ErrorBody },
      },
    },
    async (request, reply) => {
      const { areaId } = request.params;
      const version = await ctx.store.dataVersion();
      const cached = cache.get(version, areaId);
      if (cached) return cached;
      const found = await ctx.store.areaPlans(areaId);
      if (!found) {
        return sendError(
          reply,
          404,
          'not_found',
          `找不到片区 ${areaId}，片区 id 见 GET /api/stats 的 byArea 或 tiles/overlays/areas.geojson / no area with id "${areaId}": the ids are listed in byArea of GET /api/stats and in /tiles/overlays/areas.geojson (e.g. core-jiefangbei)`,
        );
      }
      const body = areaPlanOutcomes(found.area, found.buildings);
      cache.set(version, areaId, body);
      return body;
    },
  );
}
