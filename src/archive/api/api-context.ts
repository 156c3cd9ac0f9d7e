/** What every route module of the archive API gets: the store, settings, caches and guards. */
import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault, onRequestAsyncHookHandler } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { ArchiveConfig } from '../config.ts';
import type { LifelineQueries } from '../store/sqlite/lifelines.ts';
import type { ArchiveStore, Role, UserRecord } from '../store/archive-store.ts';
import type { GradesFeed } from './grades-feed.ts';
import type { VersionedCache } from './versioned-cache.ts';

export type ZodApp = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, ZodTypeProvider>;

declare module 'fastify' {
  interface FastifyRequest {
    /** The logged-in user, or null. Set by the session hook. */
    archiveUser: UserRecord | null;
  }
}

export interface ArchiveApiContext {
  store: ArchiveStore;
  config: Pick<ArchiveConfig, 'reads' | 'cookieSecure' | 'sessionHours'>;
  feed: GradesFeed;
  dossiers: VersionedCache<string>;
  /** Pipe risk queries, when the store is SQLite (the lifelines tables live beside the archive). */
  lifelines: LifelineQueries | null;
  /** onRequest guard for reads: open, or any logged-in user when ARCHIVE_READS=login. */
  requireReader: onRequestAsyncHookHandler;
  /** onRequest guard that lets only these roles (and admin) through: 401 without a session, 403 with the wrong role. */
  requireRole(...roles: Role[]): onRequestAsyncHookHandler;
  /** Today as YYYY-MM-DD in Asia/Shanghai, from the API's clock (injectable for tests). */
  today(): string;
}
