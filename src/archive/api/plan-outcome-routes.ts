/**
 * `GET /api/areas/:areaId/plan-outcomes`: the before/after of a renewal area for
 * planning meetings — every building in the area with its grade (today), heritage
 * flag, plan status and what its plan does to it (the outcome, decided by
 * src/core/plan-outcome.ts), plus counts per outcome. Cached per archive version.
 */
import { type AreaPlanOutcomes, areaPlanOutcomes } from '../../core/plan-outcome.ts';
import { AreaParamsSchema, AreaPlanOutcomesSchema } from '../../core/api/plan-outcome-contracts.ts';
import type { ArchiveApiContext, ZodApp } from './api-context.ts';
import { sendError } from './api-errors.ts';
import { apiRoute } from './api-route.ts';
import { VersionedCache } from './versioned-cache.ts';

export function registerPlanOutcomeRoutes(app: ZodApp, ctx: ArchiveApiContext): void {
  const cache = new VersionedCache<AreaPlanOutcomes>(64);
  app.get(
    '/areas/:areaId/plan-outcomes',
    apiRoute(ctx, { access: 'reader', tag: 'areas', summary: '改造前后 / an area’s buildings today (grade) and after the plan (outcome), with counts per outcome', errors: [404] }, { params: AreaParamsSchema, response: { 200: AreaPlanOutcomesSchema } }),
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
