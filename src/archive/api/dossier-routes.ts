/**
 * `GET /api/buildings/:code`: one building's whole dossier, served from a per-version
 * cache of serialized JSON. `GET /api/buildings/:code/footprint`: its footprint from
 * the registry import, under the same read policy, for the outline and close-up (the
 * viewer once downloaded the whole 5.6 MB buildings.geojson source file for one outline).
 */
import type { FastifyReply } from 'fastify';
import type { ArchiveApiContext, ZodApp } from './api-context.ts';
import { BuildingFootprintSchema, DossierSchema } from '../../core/api/dossier-contracts.ts';
import { CodeParamsSchema } from '../../core/api/request-fields.ts';
import { noBuildingMessage, sendError } from './api-errors.ts';
import { apiRoute } from './api-route.ts';

export function registerDossierRoutes(app: ZodApp, ctx: ArchiveApiContext): void {
  app.get(
    '/buildings/:code',
    apiRoute(ctx, { access: 'reader', tag: 'buildings', summary: '楼栋档案 / a building’s dossier: current grade, appraisal history, hazards, inspections, plan', errors: [404] }, { params: CodeParamsSchema, response: { 200: DossierSchema } }),
    async (request, reply) => {
      const { code } = request.params;
      const version = await ctx.store.dataVersion();
      let json = ctx.dossiers.get(version, code);
      if (json === undefined) {
        const dossier = await ctx.archive.dossier(code);
        if (!dossier) return sendError(reply, 404, 'not_found', noBuildingMessage(code));
        json = JSON.stringify(dossier);
        ctx.dossiers.set(version, code, json);
      }
      // A string payload skips the response serializer: the cached JSON goes out as is.
      return (reply as FastifyReply).type('application/json; charset=utf-8').header('cache-control', 'no-cache').send(json);
    },
  );

  app.get(
    '/buildings/:code/footprint',
    apiRoute(ctx, { access: 'reader', tag: 'buildings', summary: '楼栋轮廓 / a building’s footprint (GeoJSON Feature, WGS84 lon/lat) from the registry import', errors: [404] }, { params: CodeParamsSchema, response: { 200: BuildingFootprintSchema } }),
    async (request, reply) => {
      const { code } = request.params;
      const found = await ctx.store.getFootprint(code);
      if (!found) return sendError(reply, 404, 'not_found', noBuildingMessage(code));
      const geometry = found.geometry;
      if (!geometry || (geometry.type !== 'Polygon' && geometry.type !== 'MultiPolygon')) {
        return sendError(reply, 404, 'no_footprint', `楼栋 ${code} 没有轮廓，请重新导入楼栋登记 / building ${code} has no footprint: re-import the registry (npm run archive:import -- --source var/source)`);
      }
      void reply.header('cache-control', 'no-cache');
      return { type: 'Feature' as const, properties: { code }, geometry };
    },
  );
}
