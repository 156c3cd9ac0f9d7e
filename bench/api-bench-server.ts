/**
 * The archive API alone, for the benchmark: a separate process so the load generator
 * and the server do not share one event loop. Prints `listening <port>` when ready.
 * Usage: tsx bench/api-bench-server.ts <archive.sqlite> [--no-cache]
 */
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { archiveApiPlugin } from '../src/archive/api/archive-api-plugin.ts';
import { createServer } from '../src/server/create-server.ts';
import { SqliteArchiveStore } from '../src/archive/store/sqlite/sqlite-archive-store.ts';

const dbPath = process.argv[2];
if (!dbPath) {
  console.error('usage: tsx bench/api-bench-server.ts <archive.sqlite>');
  process.exit(2);
}
const store = new SqliteArchiveStore({ path: dbPath });
// The API alone: no viewer or tiles folder (they need not exist).
const empty = join(tmpdir(), 'yz-bench-no-static');
const app = await createServer({
  viewerDir: join(empty, 'viewer'),
  tilesDir: join(empty, 'tiles'),
  apiPlugins: [archiveApiPlugin({ store, dossierCacheEntries: process.argv.includes('--no-cache') ? 0 : undefined })],
});
await app.listen({ port: 0, host: '127.0.0.1' });
console.log(`listening ${(app.server.address() as AddressInfo).port}`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void app.close().then(() => process.exit(0)));
