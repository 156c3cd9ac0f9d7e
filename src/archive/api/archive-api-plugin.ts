/**
 * The archive API as one Fastify plugin for `createServer({ apiPlugins })`, mounted
 * under `/api`: Zod validation of every request, JSON errors, session cookies, the
 * grades feed, and an OpenAPI document generated from the same schemas at
 * `/api/openapi.json`.
 */
import fastifyCookie from '@fastify/cookie';
import fastifySwagger from '@fastify/swagger';
import type { FastifyPluginAsync } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { ArchiveConfig } from '../config.ts';
import { LoginThrottle, type LoginThrottleOptions } from '../auth/login-throttle.ts';
import { ArchiveService } from '../service/archive-service.ts';
import type { ArchiveStore } from '../store/archive-store.ts';
import type { ArchiveApiContext } from './api-context.ts';
import { archiveErrorHandler } from './api-errors.ts';
import { registerAnalysisRoutes } from './analysis-routes.ts';
import { registerDossierRoutes } from './dossier-routes.ts';
import { registerExportRoutes } from './export-routes.ts';
import { FloodReports } from './flood-reports.ts';
import { GradesFeed, type GradesFeedOptions } from './grades-feed.ts';
import { registerGradesRoutes } from './grades-routes.ts';
import { registerInspectionRoutes } from './inspection-routes.ts';
import { registerLifelineRoutes } from './lifeline-routes.ts';
import { registerPlanOutcomeRoutes } from './plan-outcome-routes.ts';
import { registerPlanRoutes } from './plan-routes.ts';
import { registerSearchRoutes } from './search-routes.ts';
import { roleGuard, sessionResolver } from './session-guard.ts';
import { registerSessionRoutes } from './session-routes.ts';
import { registerStatsRoutes } from './stats-routes.ts';
import { registerUserRoutes } from './user-routes.ts';
import { VersionedCache } from './versioned-cache.ts';

export interface ArchiveApiOptions {
  store: ArchiveStore;
  /** Defaults: reads open, cookie not Secure, 12-hour sessions, no analysis grid (the flood route answers 404). */
  config?: Partial<Pick<ArchiveConfig, 'reads' | 'cookieSecure' | 'sessionHours' | 'analysisGridPath'>>;
  feed?: GradesFeedOptions;
  /** Version shown in the OpenAPI document. */
  version?: string;
  /** Serialized dossiers kept per archive version. Default 20 000 (a district); 0 turns the cache off (benchmarks). */
  dossierCacheEntries?: number;
  /** Login throttle limits (tests shorten the delays). Defaults in `auth/login-throttle.ts`. */
  loginThrottle?: LoginThrottleOptions;
  /** The clock "today" (Asia/Shanghai calendar day) is read from; tests pass a fixed one. Default: the system clock. */
  clock?: () => Date;
}

export const OPENAPI_INFO = {
  title: '渝中数字孪生 房屋安全隐患数字档案 API / Yuzhong Twin building-hazard archive API',
  description:
    'JSON API of the building-hazard digital archive (房屋安全隐患数字档案). Errors are `{error, message}` with a zh-CN / English message. ' +
    'Writes need a session cookie from `POST /api/session` and send the dossier `version` they saw (stale → 409).',
};

export function archiveApiPlugin(options: ArchiveApiOptions): FastifyPluginAsync {
  return async (instance) => {
    const app = instance.withTypeProvider<ZodTypeProvider>();
    app.setValidatorCompiler(validatorCompiler);
    app.setSerializerCompiler(serializerCompiler);
    app.setErrorHandler(archiveErrorHandler);
    await app.register(fastifyCookie);
    await app.register(fastifySwagger, {
      openapi: {
        openapi: '3.0.3',
        info: { ...OPENAPI_INFO, version: options.version ?? 'dev' },
        tags: [
          { name: 'buildings', description: '楼栋档案 / dossiers, search, inspections, plans' },
          { name: 'grades', description: '地图着色 / the map’s grade feed' },
          { name: 'stats', description: '大屏统计 / big-screen counts' },
          { name: 'areas', description: '更新片区 / renewal areas: before and after the plan' },
          { name: 'lifelines', description: '城市生命线 / pipes near dangerous buildings' },
          { name: 'analysis', description: '分析工具 / the analysis tools’ lists: flood' },
          { name: 'export', description: '导出 / export' },
          { name: 'session', description: '登录 / log in and out' },
          { name: 'users', description: '用户 / accounts (admin)' },
        ],
        components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'yz_session' } } },
      },
      transform: jsonSchemaTransform,
    });

    const config = { reads: options.config?.reads ?? 'open', cookieSecure: options.config?.cookieSecure ?? false, sessionHours: options.config?.sessionHours ?? 12 };
    const feed = new GradesFeed(options.store, options.feed);
    const archive = new ArchiveService(options.store, { clock: options.clock });
    const readerGuard = roleGuard('viewer', 'inspector', 'planner');
    const ctx: ArchiveApiContext = {
      archive,
      store: options.store,
      config,
      feed,
      dossiers: new VersionedCache<string>(options.dossierCacheEntries ?? 20_000),
      requireReader: config.reads === 'open' ? async () => {} : readerGuard,
      requireRole: roleGuard,
    };

    app.decorateRequest('archiveUser', null);
    app.addHook('onRequest', sessionResolver(options.store));
    app.addHook('preClose', async () => feed.closeAll());

    registerDossierRoutes(app, ctx);
    registerSearchRoutes(app, ctx);
    registerGradesRoutes(app, ctx);
    registerStatsRoutes(app, ctx);
    registerPlanOutcomeRoutes(app, ctx);
    registerLifelineRoutes(app, ctx);
    registerAnalysisRoutes(app, ctx, new FloodReports(options.store, options.config?.analysisGridPath ?? null));
    registerInspectionRoutes(app, ctx);
    registerPlanRoutes(app, ctx);
    registerSessionRoutes(app, ctx, new LoginThrottle(options.loginThrottle));
    registerUserRoutes(app, ctx);
    registerExportRoutes(app, ctx);
    app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  };
}
