/** What every route module of the archive API gets: the service and its store, settings, caches and guards. */
import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault, onRequestAsyncHookHandler } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { ArchiveConfig } from '../config.ts';
import type { ArchiveService } from '../service/archive-service.ts';
import type { Role } from '../../core/roles.ts';
import type { ArchiveStore, UserRecord } from '../store/archive-store.ts';
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
  /** The domain rules (inspections, plans, dossier hazards, pipe risk, counts); writes go through it. */
  archive: ArchiveService;
  /** Its store, for the reads that need no rule. */
  store: ArchiveStore;
  config: Pick<ArchiveConfig, 'reads' | 'cookieSecure' | 'sessionHours'>;
  feed: GradesFeed;
  dossiers: VersionedCache<string>;
  /** onRequest guard for reads: open, or any logged-in user when ARCHIVE_READS=login. */
  requireReader: onRequestAsyncHookHandler;
  /** onRequest guard that lets only these roles (and admin) through: 401 without a session, 403 with the wrong role. */
  requireRole(...roles: Role[]): onRequestAsyncHookHandler;
}
