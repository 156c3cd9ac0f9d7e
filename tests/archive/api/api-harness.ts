/**
 * A real archive server for API tests: createServer + the archive plugin on a free
 * loopback port, over a temp SQLite file holding the fixture district, with one user
 * per role. Requests go through node:http so paths are sent exactly as written.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { archiveApiPlugin, type ArchiveApiOptions } from '../../../src/archive/api/archive-api-plugin.ts';
import { hashPassword } from '../../../src/archive/auth/passwords.ts';
import { importSourceFolder } from '../../../src/archive/import/archive-importer.ts';
import type { Role } from '../../../src/core/roles.ts';
import { SqliteArchiveStore } from '../../../src/archive/store/sqlite/sqlite-archive-store.ts';
import { createServer } from '../../../src/server/create-server.ts';
import { writeFixtureDistrict, type FixtureDistrict } from '../fixtures/fixture-district.ts';

export const TEST_PASSWORD = 'correct-horse-battery';
export const TEST_USERS: Record<Role, string> = { viewer: 'vera', inspector: 'ivan', planner: 'pia', admin: 'ada' };

export interface HttpResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  text: string;
  json: <T = unknown>() => T;
}

export interface RequestOptions {
  body?: unknown;
  /** Sent as is (for malformed JSON). */
  rawBody?: string | Buffer;
  cookie?: string;
  headers?: Record<string, string>;
  /** Client address to connect from (any 127.x.y.z on Linux), to act as another machine. */
  localAddress?: string;
}

export interface ApiHarness {
  dir: string;
  dbPath: string;
  port: number;
  app: FastifyInstance;
  store: SqliteArchiveStore;
  district: FixtureDistrict;
  http(method: string, path: string, options?: RequestOptions): Promise<HttpResponse>;
  login(role: Role): Promise<string>;
  close(): Promise<void>;
}

export function httpRequest(port: number, method: string, path: string, options: RequestOptions = {}): Promise<HttpResponse> {
  const payload = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  const headers: Record<string, string> = { ...options.headers };
  if (payload !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['content-type'] = 'application/json';
  if (payload !== undefined) headers['content-length'] = String(Buffer.byteLength(payload));
  if (options.cookie) headers.cookie = options.cookie;
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, headers, localAddress: options.localAddress }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const body = Buffer.concat(chunks);
        const text = body.toString('utf8');
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body, text, json: <T>() => JSON.parse(text) as T });
      });
    });
    req.on('error', reject);
    if (payload !== undefined) req.write(payload);
    req.end();
  });
}

export async function startApiHarness(
  options: { buildings?: number; api?: Partial<ArchiveApiOptions>; dir?: string; corsOrigins?: string[]; trustProxy?: string[] } = {},
): Promise<ApiHarness> {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'yz-api-'));
  const source = join(dir, 'source');
  const dbPath = join(dir, 'archive.sqlite');
  const district = await writeFixtureDistrict(source, options.buildings ?? 200);
  const store = new SqliteArchiveStore({ path: dbPath });
  if ((await store.countUsers()) === 0) {
    const imported = await importSourceFolder(store, source);
    if (!imported.ok) throw new Error(JSON.stringify(imported.error));
    const hash = await hashPassword(TEST_PASSWORD);
    for (const [role, name] of Object.entries(TEST_USERS)) await store.createUser(name, role as Role, hash, { name: 'test', userId: null });
  }
  const viewerDir = join(dir, 'viewer');
  mkdirSync(viewerDir, { recursive: true });
  const app = await createServer({ viewerDir, tilesDir: join(dir, 'tiles'), apiPlugins: [archiveApiPlugin({ store, ...options.api })], corsOrigins: options.corsOrigins, trustProxy: options.trustProxy });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const port = (app.server.address() as AddressInfo).port;
  const http = (method: string, path: string, o?: RequestOptions) => httpRequest(port, method, path, o);
  return {
    dir,
    dbPath,
    port,
    app,
    store,
    district,
    http,
    async login(role: Role) {
      const res = await http('POST', '/api/session', { body: { name: TEST_USERS[role], password: TEST_PASSWORD } });
      if (res.status !== 200) throw new Error(`login as ${role} failed: ${res.status} ${res.text}`);
      const setCookie = res.headers['set-cookie'];
      const cookie = (Array.isArray(setCookie) ? setCookie[0] : setCookie)?.split(';')[0];
      if (!cookie) throw new Error('no session cookie');
      return cookie;
    },
    async close() {
      await app.close();
      await store.close();
      if (!options.dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}
