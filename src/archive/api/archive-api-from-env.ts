/**
 * The archive API as configured by the environment (ARCHIVE_DB, ARCHIVE_READS, …):
 * what `npm start`, the dev server and the browser tests mount. One call opens the
 * database; `close` belongs in the server's onClose hook.
 */
import type { FastifyPluginAsync } from 'fastify';
import { archiveConfigFromEnv, type ArchiveConfig } from '../config.ts';
import { SqliteArchiveStore } from '../store/sqlite-store.ts';
import { archiveApiPlugin } from './archive-api-plugin.ts';

export interface OpenedArchiveApi {
  plugin: FastifyPluginAsync;
  store: SqliteArchiveStore;
  config: ArchiveConfig;
  close(): Promise<void>;
}

export function openArchiveApi(root: string, options: { env?: NodeJS.ProcessEnv; version?: string } = {}): OpenedArchiveApi {
  const config = archiveConfigFromEnv(root, options.env ?? process.env);
  const store = new SqliteArchiveStore({ path: config.dbPath });
  return { plugin: archiveApiPlugin({ store, config, version: options.version }), store, config, close: () => store.close() };
}
