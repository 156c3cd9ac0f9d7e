/**
 * The OpenAPI document of the archive API, generated from the route schemas by
 * mounting the plugin on a throwaway in-memory store. `npm run archive:openapi`
 * writes it to src/archive/api/openapi.json; a test keeps that file current.
 */
import type { ArchiveStore } from '../store/archive-store.ts';
import { archiveApiPlugin } from './archive-api-plugin.ts';

/** Version of the API contract in the committed file: bump it when the API changes incompatibly. */
export const ARCHIVE_API_VERSION = '1.0.0';

export async function archiveOpenApiDocument(version: string = ARCHIVE_API_VERSION): Promise<Record<string, unknown>> {
  const [{ default: Fastify }, { SqliteArchiveStore }] = await Promise.all([import('fastify'), import('../store/sqlite/sqlite-archive-store.ts')]);
  const store: ArchiveStore = new SqliteArchiveStore({ path: ':memory:' });
  const app = Fastify();
  await app.register(archiveApiPlugin({ store, version }), { prefix: '/api' });
  try {
    const res = await app.inject({ method: 'GET', url: '/api/openapi.json' });
    return res.json<Record<string, unknown>>();
  } finally {
    await app.close();
    await store.close();
  }
}

export function openApiJson(doc: Record<string, unknown>): string {
  return `${JSON.stringify(doc, null, 2)}\n`;
}
