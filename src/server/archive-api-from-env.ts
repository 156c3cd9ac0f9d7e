/**
 * The archive API as configured by the environment (ARCHIVE_DB, ARCHIVE_READS, …):
 * what `npm start`, the dev server and the browser tests mount. One call opens the
 * database; `close` belongs in the server's onClose hook.
 *
 * The server's connection waits at most {@link SERVER_BUSY_TIMEOUT_MS} for another
 * process's write lock. better-sqlite3 is synchronous: its busy wait blocks the event
 * loop, so with the store's 10 s default a transaction held for 15 s next to the server
 * made an inspection POST fail with 500 after 10 s and held `/api/health` and tiles for
 * those 10 s too. Now the POST answers 503 + Retry-After after 200 ms (api-errors.ts) and
 * nothing else waits longer than that; reads never wait at all (WAL).
 */
import type { FastifyPluginAsync } from 'fastify';
import { archiveConfigFromEnv, type ArchiveConfig } from '../archive/config.ts';
import { SqliteArchiveStore } from '../archive/store/sqlite/sqlite-archive-store.ts';
import { archiveApiPlugin } from '../archive/api/archive-api-plugin.ts';

/**
 * ms the server waits for a write lock held by another process (an import, archive:user).
 * The lifelines import holds it for ≤ 25 ms batches (the swap: ~110 ms on the sample), so
 * a write that arrives meanwhile still gets through; a longer holder gets 503.
 */
export const SERVER_BUSY_TIMEOUT_MS = 200;

export interface OpenedArchiveApi {
  plugin: FastifyPluginAsync;
  store: SqliteArchiveStore;
  config: ArchiveConfig;
  close(): Promise<void>;
}

export function openArchiveApi(root: string, options: { env?: NodeJS.ProcessEnv; version?: string } = {}): OpenedArchiveApi {
  const config = archiveConfigFromEnv(root, options.env ?? process.env);
  const store = new SqliteArchiveStore({ path: config.dbPath, busyTimeoutMs: SERVER_BUSY_TIMEOUT_MS });
  return { plugin: archiveApiPlugin({ store, config, version: options.version }), store, config, close: () => store.close() };
}
