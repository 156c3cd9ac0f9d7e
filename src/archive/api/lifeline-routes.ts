/**
 * Lifelines: a segment with the buildings it runs under or near, the pipes near a
 * building, and every at-risk segment (for the map's highlight). Risk follows the
 * buildings' current grades; age and distance come from the query string.
 */
import type { FastifyReply } from 'fastify';
import { BuildingPipesSchema, PipeRiskSchema, RiskListSchema, RiskQuerySchema, SegmentParamsSchema } from '../../core/api/lifeline-contracts.ts';
import { CodeParamsSchema } from '../../core/api/request-fields.ts';
import { RiskOptionError, type Lifelines, type RiskOptions, type RiskSettings } from '../service/lifelines.ts';
import type { ArchiveApiContext, ZodApp } from './api-context.ts';
import { noBuildingMessage, sendError } from './api-errors.ts';
import { apiRoute } from './api-route.ts';

const NO_LIFELINES = '档案中没有管线数据，请先导入 / the archive holds no lifelines: import them first (npm run archive:import -- --lifelines var/source/lifelines.geojson)';

/** `?age=&distance=` as the service's options. */
const riskOptions = (query: { age: number; distance: number }): RiskOptions => ({ ageYears: query.age, distanceM: query.distance });

/** A query's answer as the API sends it: the settings it ran with flattened in front. */
function withSettings<T extends { settings: RiskSettings }>(found: T | null): (Omit<T, 'settings'> & { ageYears: number; distanceM: number }) | null {
  if (!found) return null;
  const { settings, ...rest } = found;
  return { ageYears: settings.ageYears, distanceM: settings.distanceM, ...rest };
}

export function registerLifelineRoutes(app: ZodApp, ctx: ArchiveApiContext): void {
  /** Runs a query, turning a bad option into a JSON error and no answer into a 404. */
  const answer = async <T>(reply: FastifyReply, run: (q: Lifelines) => Promise<T | null>, notFound: string): Promise<T | FastifyReply> => {
    try {
      const result = await run(ctx.archive.lifelines);
      return result ?? sendError(reply, 404, 'not_found', notFound);
    } catch (error) {
      if (error instanceof RiskOptionError) return sendError(reply, 400, 'invalid_query', error.message);
      throw error;
    }
  };

  app.get(
    '/lifelines/risk',
    apiRoute(ctx, { access: 'reader', tag: 'lifelines', summary: '风险管段 / segments old or in poor condition within the distance of a C/D building', errors: [404] }, { querystring: RiskQuerySchema, response: { 200: RiskListSchema } }),
    async (request, reply) => answer(reply, (q) => q.risk(riskOptions(request.query)), NO_LIFELINES),
  );

  app.get(
    '/lifelines/:id',
    apiRoute(ctx, { access: 'reader', tag: 'lifelines', summary: '管段 / a segment, its risk, and the buildings it runs under or near (nearest first)', errors: [404] }, { params: SegmentParamsSchema, querystring: RiskQuerySchema, response: { 200: PipeRiskSchema } }),
    async (request, reply) => {
      const { id } = request.params;
      return answer(reply, async (q) => withSettings(await q.segment(id, riskOptions(request.query))), `找不到管段 ${id} / no pipe segment with id ${id}: check the id`);
    },
  );

  app.get(
    '/buildings/:code/lifelines',
    apiRoute(ctx, { access: 'reader', tag: 'lifelines', summary: '楼栋周边管线 / pipes within the distance of a building (nearest first), with their risk', errors: [404] }, { params: CodeParamsSchema, querystring: RiskQuerySchema, response: { 200: BuildingPipesSchema } }),
    async (request, reply) => {
      const { code } = request.params;
      return answer(reply, async (q) => withSettings(await q.buildingPipes(code, riskOptions(request.query))), noBuildingMessage(code));
    },
  );
}
