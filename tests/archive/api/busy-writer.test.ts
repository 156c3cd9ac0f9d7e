/**
 * A writer next to the running server (issue 15, item 9): another connection holds the
 * write lock (BEGIN IMMEDIATE) for 2 s, ten times the server's busy timeout, from a
 * worker thread, so the server's event loop is free to show how it behaves. The server is
 * opened the way `npm start` opens it (openArchiveApi) and driven over loopback HTTP.
 * Before the fix the inspection POST waited the whole 2 s (its busy timeout was 10 s) and
 * /api/health, the dossier and the tiles waited behind it; now the POST is 503 +
 * Retry-After within a fraction of a second and the reads answer at once.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openArchiveApi, SERVER_BUSY_TIMEOUT_MS, type OpenedArchiveApi } from '../../../src/server/archive-api-from-env.ts';
import { createServer } from '../../../src/server/create-server.ts';
import { httpRequest, startApiHarness, TEST_PASSWORD, TEST_USERS } from './api-harness.ts';

const HOLD_MS = 2_000;

/** A second connection in its own thread: takes the write lock, says so, holds it `holdMs`, commits. */
const HOLDER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.module);
const db = new Database(workerData.path);
db.pragma('busy_timeout = 5000');
db.exec('BEGIN IMMEDIATE');
db.prepare("UPDATE meta SET value = value WHERE key = 'change_version'").run();
parentPort.postMessage('locked');
Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, workerData.holdMs);
db.exec('COMMIT');
db.close();
parentPort.postMessage('released');
`;

function holdWriteLock(path: string, holdMs: number): Promise<{ released: Promise<void> }> {
  const worker = new Worker(HOLDER, { eval: true, workerData: { path, holdMs, module: createRequire(import.meta.url).resolve('better-sqlite3') } });
  return new Promise((resolve, reject) => {
    worker.once('error', reject);
    worker.once('message', () => resolve({ released: new Promise((done) => worker.once('message', () => done())) }));
  });
}

describe('a write lock held by another connection', () => {
  const dir = mkdtempSync(join(tmpdir(), 'yz-busy-'));
  const dbPath = join(dir, 'archive.sqlite');
  let api: OpenedArchiveApi;
  let app: FastifyInstance;
  let port: number;
  let cookie: string;
  let version: number;

  beforeAll(async () => {
    // The harness writes the fixture district and its users into dir/archive.sqlite; the server under test reopens it as npm start does.
    await (await startApiHarness({ dir, buildings: 25 })).close();
    api = openArchiveApi(dir, { env: { ARCHIVE_DB: dbPath } });
    mkdirSync(join(dir, 'tiles', 'buildings'), { recursive: true });
    writeFileSync(join(dir, 'tiles', 'buildings', 'tileset.json'), '{"asset":{"version":"1.1"}}');
    app = await createServer({ viewerDir: join(dir, 'viewer'), tilesDir: join(dir, 'tiles'), apiPlugins: [api.plugin] });
    await app.listen({ port: 0, host: '127.0.0.1' });
    port = (app.server.address() as AddressInfo).port;
    const login = await httpRequest(port, 'POST', '/api/session', { body: { name: TEST_USERS.inspector, password: TEST_PASSWORD } });
    expect(login.status).toBe(200);
    cookie = String(login.headers['set-cookie']).split(';')[0]!;
    version = (await httpRequest(port, 'GET', '/api/buildings/YZ-00001')).json<{ version: number }>().version;
  });
  afterAll(async () => {
    await app.close();
    await api.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const timed = async <T>(work: Promise<T>, since = performance.now()) => {
    const value = await work;
    return { value, ms: performance.now() - since };
  };
  const inspect = () =>
    httpRequest(port, 'POST', '/api/buildings/YZ-00001/inspections', { cookie, body: { date: '2026-11-20', findings: '外墙空鼓 / render loose', version } });

  it('is the database in WAL mode (readers never wait on a writer)', () => {
    expect(api.store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(api.store.db.pragma('busy_timeout', { simple: true })).toBe(SERVER_BUSY_TIMEOUT_MS);
  });

  it('a concurrent inspection POST gets 503 + Retry-After quickly; health, dossier and tiles answer promptly meanwhile', async () => {
    const lock = await holdWriteLock(dbPath, HOLD_MS);
    const started = performance.now();
    const [post, health, dossier] = await Promise.all([
      timed(inspect(), started),
      timed(httpRequest(port, 'GET', '/api/health'), started),
      timed(httpRequest(port, 'GET', '/api/buildings/YZ-00002'), started),
    ]);
    expect(post.value.status, post.value.text).toBe(503);
    expect(post.value.headers['retry-after']).toBe('1');
    expect(post.value.json()).toMatchObject({ error: 'busy', message: expect.stringMatching(/另一进程写入.*another process.*try again/) });
    expect(post.ms).toBeLessThan(1_000);
    expect(health.value.status).toBe(200);
    expect(health.ms).toBeLessThan(1_000);
    expect(dossier.value.status).toBe(200);
    expect(dossier.ms).toBeLessThan(1_000);

    // Still locked: reads on their own are not slowed at all.
    const alone = await Promise.all([
      timed(httpRequest(port, 'GET', '/api/health')),
      timed(httpRequest(port, 'GET', '/api/buildings/YZ-00003')),
      timed(httpRequest(port, 'GET', '/tiles/buildings/tileset.json')),
      timed(httpRequest(port, 'GET', '/api/grades')),
    ]);
    expect(performance.now() - started).toBeLessThan(HOLD_MS);
    for (const r of alone) {
      expect(r.value.status).toBe(200);
      expect(r.ms).toBeLessThan(SERVER_BUSY_TIMEOUT_MS);
    }

    await lock.released;
    const retry = await inspect();
    expect(retry.status, retry.text).toBe(201);
  });
});
