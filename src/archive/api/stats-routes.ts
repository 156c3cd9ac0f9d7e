/** `GET /api/stats`: the big screen's numbers, cached per archive version and month. */
import type { LifelineRiskStats } from '../../core/lifelines.ts';
import type { ArchiveStats } from '../store/archive-store.ts';
import type { ArchiveApiContext, ZodApp } from './api-context.ts';
import { apiRoute } from './api-route.ts';
import { StatsResponseSchema } from '../../core/api/stats-contracts.ts';
import { VersionedCache } from './versioned-cache.ts';

export function registerStatsRoutes(app: ZodApp, ctx: ArchiveApiContext): void {
  const cache = new VersionedCache<ArchiveStats & { lifelines: LifelineRiskStats }>(4);
  app.get(
    '/stats',
    apiRoute(ctx, { access: 'reader', tag: 'stats', summary: '统计 / counts by grade, renewal area and plan status; inspections this month; pipes at risk by network' }, { response: { 200: StatsResponseSchema } }),
    async () => {
      const now = new Date();
      const version = await ctx.store.dataVersion();
      const key = now.toISOString().slice(0, 7);
      let stats = cache.get(version, key);
      if (!stats) {
        stats = await ctx.archive.stats(now);
        cache.set(version, key, stats);
      }
      return stats;
    },
  );
}
