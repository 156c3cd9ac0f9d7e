/** `GET /api/buildings?q=…`: find buildings by code, address, name or community, with filters and paging. */
import type { ArchiveApiContext, ZodApp } from './api-context.ts';
import { apiRoute } from './api-route.ts';
import { SearchPageSchema, SearchQuerySchema } from '../../core/api/search-contracts.ts';

export function registerSearchRoutes(app: ZodApp, ctx: ArchiveApiContext): void {
  app.get(
    '/buildings',
    apiRoute(ctx, { access: 'reader', tag: 'buildings', summary: '搜索楼栋 / search buildings by code, address, name, community; filter by grade, use, structure, year, area, heritage' }, { querystring: SearchQuerySchema, response: { 200: SearchPageSchema } }),
    async (request) => {
      const q = request.query;
      return ctx.store.search({
        q: q.q,
        grade: q.grade,
        use: q.use,
        structure: q.structure,
        yearFrom: q.year_from,
        yearTo: q.year_to,
        area: q.area,
        heritage: q.heritage,
        page: q.page,
        pageSize: q.page_size,
      });
    },
  );
}
