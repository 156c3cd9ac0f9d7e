/** `GET /api/export?format=csv|xlsx|geojson`: the archive in the import format (csv, xlsx) or as GeoJSON. */
import type { FastifyReply } from 'fastify';
import { archiveFeatureCollection } from '../export/geojson-exporter.ts';
import { archiveTableCsv, archiveTableXlsx } from '../export/archive-table-writer.ts';
import type { ArchiveApiContext, ZodApp } from './api-context.ts';
import { apiRoute } from './api-route.ts';
import { ExportQuerySchema } from '../../core/api/export-contracts.ts';

export function registerExportRoutes(app: ZodApp, ctx: ArchiveApiContext): void {
  app.get(
    '/export',
    apiRoute(ctx, { access: 'reader', tag: 'export', summary: '导出档案 / export: csv and xlsx in the import format (round-trip), geojson = footprints with grade and plan' }, { querystring: ExportQuerySchema }),
    async (request, zodReply) => {
      // Files, not JSON: the raw reply (the schema documents only the error bodies).
      const reply = zodReply as FastifyReply;
      const { format } = request.query;
      const day = new Date().toISOString().slice(0, 10);
      const attachment = (ext: string) => `attachment; filename="archive-${day}.${ext}"`;
      if (format === 'geojson') {
        const collection = archiveFeatureCollection(await ctx.store.exportFeatures());
        return reply.type('application/geo+json').header('content-disposition', attachment('geojson')).send(JSON.stringify(collection));
      }
      const records = await ctx.store.exportRecords();
      if (format === 'xlsx') {
        return reply
          .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .header('content-disposition', attachment('xlsx'))
          .send(await archiveTableXlsx(records));
      }
      return reply.type('text/csv; charset=utf-8').header('content-disposition', attachment('csv')).send(archiveTableCsv(records));
    },
  );
}
