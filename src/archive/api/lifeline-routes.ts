/**
 * Lifelines: a segment with the buildings it runs under or near, the pipes near a
 * building, and every at-risk segment (for the map's highlight). Risk follows the
 * buildings' current grades; age and distance come from the query string.
 */
import type { FastifyReply } from 'fastify';
import { RiskOptionError, type Lifelines } from '../service/lifelines.ts';
import type { ArchiveApiContext, ZodApp } from './api-context.ts';
import { sendError } from './api-errors.ts';
import { ApiErrorSchema } from '../../core/api/error-contract.ts';
import { BuildingPipesSchema, PipeRiskSchema, RiskListSchema, RiskQuerySchema, SegmentParamsSchema } from '../../core/api/lifeline-contracts.ts';
import { CodeParamsSchema } from '../../core/api/request-fields.ts';

const NO_LIFELINES = '档案中没有管线数据，请先导入 / the archive holds no lifelines: import them first (npm run archive:import -- --lifelines var/source/lifelines.geojson)';

export function registerLifelineRoutes(app: ZodApp, ctx: ArchiveApiContext): void {
  /** Runs a query, turning a bad option into a JSON error. */
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
    {
      onRequest: ctx.requireReader,
      schema: {
        tags: ['lifelines'],
        summary: '风险管段 / segments old or in poor condition within the distance of a C/D building',
        querystring: RiskQuerySchema,
        response: { 200: RiskListSchema, 400: ApiErrorSchema, 401: ApiErrorSchema, 404: ApiErrorSchema },
      },
    },
    async (request, reply) => {
      const { age, distance } = request.query;
      return answer(reply, (q) => q.risk({ ageYears: age, distanceM: distance }), NO_LIFELINES);
    },
  );

  app.get(
    '/lifelines/:id',
    {
      onRequest: ctx.requireReader,
      schema: {
        tags: ['lifelines'],
        summary: '管段 / a segment, its risk, and the buildings it runs under or near (nearest first)',
        params: SegmentParamsSchema,
        querystring: RiskQuerySchema,
        response: { 200: PipeRiskSchema, 400: ApiErrorSchema, 401: ApiErrorSchema, 404: ApiErrorSchema },
      },
    },
    async (request, reply) => {
      const { age, distance } = request.query;
      const { id } = request.params;
      return answer(
        reply,
        async (q) => {
          const r = await q.segment(id, { ageYears: age, distanceM: distance });
          return r && { ageYears: r.settings.ageYears, distanceM: r.settings.distanceM, segment: r.segment, buildings: r.buildings };
        },
        `找不到管段 ${id} / no pipe segment with id ${id}: check the id`,
      );
    },
  );

  app.get(
    '/buildings/:code/lifelines',
    {
      onRequest: ctx.requireReader,
      schema: {
        tags: ['lifelines'],
        summary: '楼栋周边管线 / pipes within the distance of a building (nearest first), with their risk',
        params: CodeParamsSchema,
        querystring: RiskQuerySchema,
        response: { 200: BuildingPipesSchema, 400: ApiErrorSchema, 401: ApiErrorSchema, 404: ApiErrorSchema },
      },
    },
    async (request, reply) => {
      const { age, distance } = request.query;
      const { code } = request.params;
      return answer(
        reply,
        async (q) => {
          const r = await q.buildingPipes(code, { ageYears: age, distanceM: distance });
          return r && { ageYears: r.settings.ageYears, distanceM: r.settings.distanceM, code: r.code, grade: r.grade, pipes: r.pipes };
        },
        `找不到楼栋 ${code}，请检查编码 / no building with code ${code}: check the code`,
      );
    },
  );
}
