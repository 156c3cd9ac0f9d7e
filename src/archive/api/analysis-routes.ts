/**
 * The analysis toolkit's answers from the archive (issue 18): `GET /analysis/flood?level=`
 * (what a river flood at that level covers: the buildings whose door is under water with
 * address, grade, plan and renewal area, counted by grade and area, and the pipe segments
 * under flooded ground) and `GET /analysis/flood.csv?level=&list=buildings|pipes` (one of
 * those lists for a spreadsheet), so the wall screen, a printed report and the viewer's
 * Flood tool give the same lists. Same access as the lifelines routes (reader).
 *
 * A missing analysis grid (the build has not run, or ran before it was written) or an
 * archive without pipes is a 404 that says to run the build.
 */
import type { FastifyReply } from 'fastify';
import { FloodCsvQuerySchema, FloodQuerySchema, FloodReportSchema } from '../../core/api/analysis-contracts.ts';
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
}
