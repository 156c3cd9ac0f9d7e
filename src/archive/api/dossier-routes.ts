/**
 * `GET /api/buildings/:code`: one building's whole dossier, served from a per-version
 * cache of serialized JSON. `GET /api/buildings/:code/footprint`: its footprint from
 * the registry import, under the same read policy, for the outline and close-up (the
 * viewer once downloaded the whole 5.6 MB buildings.geojson source file for one outline).
 */
import type { FastifyReply } from 'fastify';
import type { ArchiveApiContext, ZodApp } from './api-context.ts';
import { BuildingFootprintSchema, DossierSchema } from '../../core/api/dossier-contracts.ts';
import { ApiErrorSchema } from '../../core/api/error-contract.ts';
import { CodeParamsSchema } from '../../core/api/request-fields.ts';
import { sendError } from './api-errors.ts';

export function registerDossierRoutes(app: ZodApp, ctx: ArchiveApiContext): void {
  app.get(
    '/buildings/:code',
    {
      onRequest: ctx.requireReader,
      schema: {
        tags: ['buildings'],
        summary: '楼栋档案 / a building’s dossier: current grade, appraisal history, hazards, inspections, plan',
        params: CodeParamsSchema,
        response: { 200: DossierSchema, 400: ApiErrorSchema, 401: ApiErrorSchema, 404: ApiErrorSchema },
      },
    },
    async (request, reply) => {
      const { code } = request.params;
      const version = await ctx.store.dataVersion();
      let json = ctx.dossiers.get(version, code);
      if (json === undefined) {
        const dossier = await ctx.archive.dossier(code);
        if (!dossier) return sendError(reply, 404, 'not_found', `找不到楼栋 ${code}，请检查编码 / no building with code ${code}: check the code`);
        json = JSON.stringify(dossier);
        ctx.dossiers.set(version, code, json);
      }
      // A string payload skips the response serializer: the cached JSON goes out as is.
      return (reply as FastifyReply).type('application/json; charset=utf-8').header('cache-control', 'no-cache').send(json);
    },
  );

  app.get(
    '/buildings/:code/footprint',
    {
      onRequest: ctx.requireReader,
      schema: {
        tags: ['buildings'],
        summary: '楼栋轮廓 / a building’s footprint (GeoJSON Feature, WGS84 lon/lat) from the registry import',
        params: CodeParamsSchema,
        response: { 200: BuildingFootprintSchema, 400: ApiErrorSchema, 401: ApiErrorSchema, 404: ApiErrorSchema },
      },
    },
    async (request, reply) => {
      const { code } = request.params;
      const found = await ctx.store.getFootprint(code);
      if (!found) return sendError(reply, 404, 'not_found', `找不到楼栋 ${code}，请检查编码 / no building with code ${code}: check the code`);
      const geometry = found.geometry;
      if (!geometry || (geometry.type !== 'Polygon' && geometry.type !== 'MultiPolygon')) {
        return sendError(reply, 404, 'no_footprint', `楼栋 ${code} 没有轮廓，请重新导入楼栋登记 / building ${code} has no footprint: re-import the registry (npm run archive:import -- --source var/source)`);
      }
      void reply.header('cache-control', 'no-cache');
      return { type: 'Feature' as const, properties: { code }, geometry };
    },
  );
}
