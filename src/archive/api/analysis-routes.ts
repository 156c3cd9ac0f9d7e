/**
 * The analysis toolkit's answers from the archive (issue 18): `GET /analysis/flood?level=`
 * (what a river flood at that level covers: the buildings whose door is under water with
 * address, grade, plan and renewal area, counted by grade and area, and the pipe segments
 * under flooded ground) and `GET /analysis/flood.csv?level=&list=buildings|pipes` (one of
 * those lists for a spreadsheet), so the wall screen, a printed report and the viewer's
 * Flood tool give the same lists. Same access as the lifelines routes (reader).
 *
 * `GET /analysis/pipes-along?line=` and `/analysis/pipes-within?ring=` answer the Section
 * and Excavate tools: the pipes a drawn line crosses (where, at what depth) and the pipes
 * inside a drawn outline (length inside, depth, age, risk, the buildings they run under).
 *
 * A missing analysis grid (the build has not run, or ran before it was written) or an
 * archive without pipes is a 404 that says to run the build.
 */
import type { FastifyReply } from 'fastify';
import {
  FloodCsvQuerySchema,
  FloodQuerySchema,
  FloodReportSchema,
  parseCoordinates,
  PipesAlongQuerySchema,
  PipesAlongSchema,
  PipesWithinQuerySchema,
  PipesWithinSchema,
} from '../../core/api/analysis-contracts.ts';
import { pipesAlong, pipesWithin } from '../service/pipe-sections.ts';
import { floodCsv, floodCsvFileName } from '../export/flood-csv.ts';
import type { ArchiveApiContext, ZodApp } from './api-context.ts';
import { sendError } from './api-errors.ts';
import { apiRoute } from './api-route.ts';
import type { FloodReports } from './flood-reports.ts';

export function registerAnalysisRoutes(app: ZodApp, ctx: ArchiveApiContext, reports: FloodReports): void {
  app.get(
    '/analysis/flood',
    apiRoute(
      ctx,
      { access: 'reader', tag: 'analysis', summary: '淹没分析 / a river flood at a level (m, DEM frame): flooded area, the buildings whose door is under water (grade, plan, area) and the pipes under flooded ground', errors: [404] },
      { querystring: FloodQuerySchema, response: { 200: FloodReportSchema } },
    ),
    async (request, reply) => {
      const answer = await reports.report(request.query.level);
      return answer.ok ? answer.report : sendError(reply, answer.status, answer.error, answer.message);
    },
  );

  app.get(
    '/analysis/flood.csv',
    apiRoute(
      ctx,
      { access: 'reader', tag: 'analysis', summary: '淹没分析清单 / the flood report’s buildings or pipes as CSV (UTF-8 with BOM, bilingual headers)', errors: [404] },
      { querystring: FloodCsvQuerySchema },
    ),
    async (request, zodReply) => {
      // A file, not JSON: the raw reply (the schema documents only the error bodies).
      const reply = zodReply as FastifyReply;
      const { level, list } = request.query;
      const answer = await reports.report(level);
      if (!answer.ok) return sendError(reply, answer.status, answer.error, answer.message);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${floodCsvFileName(level, list)}"`)
        .send(floodCsv(answer.report, list));
    },
  );

  const NO_PIPES = '档案中没有管线数据 / the archive holds no lifelines: run the build (npm start), or import them (npm run archive:import -- --lifelines var/source/lifelines.geojson)';
  const toLonLat = (text: string) => parseCoordinates(text).map(([lon, lat]) => ({ lon, lat }));

  app.get(
    '/analysis/pipes-along',
    apiRoute(
      ctx,
      { access: 'reader', tag: 'analysis', summary: '剖面管线 / the pipes a drawn line crosses: where along it, network, depth, age, risk', errors: [404] },
      { querystring: PipesAlongQuerySchema, response: { 200: PipesAlongSchema } },
    ),
    async (request, reply) => {
      const lines = await reports.pipeLines();
      if (lines.length === 0) return sendError(reply, 404, 'no_lifelines', NO_PIPES);
      return pipesAlong(lines, toLonLat(request.query.line), ctx.archive.lifelines);
    },
  );

  app.get(
    '/analysis/pipes-within',
    apiRoute(
      ctx,
      { access: 'reader', tag: 'analysis', summary: '坑内管线 / the pipes inside a drawn outline (an excavation): length inside, depth, age, risk, the buildings they run under', errors: [404] },
      { querystring: PipesWithinQuerySchema, response: { 200: PipesWithinSchema } },
    ),
    async (request, reply) => {
      const lines = await reports.pipeLines();
      if (lines.length === 0) return sendError(reply, 404, 'no_lifelines', NO_PIPES);
      return pipesWithin(lines, toLonLat(request.query.ring), ctx.archive.lifelines, await reports.terrain());
    },
  );
}
