import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dossier } from '../../src/archive/store/archive-store.ts';
import { type ApiHarness, TEST_PASSWORD, startApiHarness } from '../archive/api/api-harness.ts';

const EVIL = 'https://evil.example';
const VIEWER = 'https://viewer.example.org';
const LOGIN = { name: 'ivan', password: TEST_PASSWORD };

describe('cross-site writes are refused (default: same origin only)', () => {
  let h: ApiHarness;
  let inspector: string;
  beforeAll(async () => {
    h = await startApiHarness({ buildings: 5 });
    inspector = await h.login('inspector');
  });
  afterAll(async () => h.close());

  const inspect = async (headers: Record<string, string>) => {
    const d = (await h.http('GET', '/api/buildings/YZ-00001')).json<Dossier>();
    return h.http('POST', '/api/buildings/YZ-00001/inspections', { cookie: inspector, headers, body: { date: '2026-11-01', findings: '巡查', version: d.version } });
  };

  it('a write with a foreign Origin gets 403 with a bilingual message and changes nothing', async () => {
    const before = (await h.http('GET', '/api/buildings/YZ-00001')).json<Dossier>();
    const res = await inspect({ origin: EVIL });
    expect(res.status).toBe(403);
    expect(res.json()).toMatchObject({ error: 'cross_site_write' });
    expect(res.json<{ message: string }>().message).toMatch(/拒绝来自其他网站的写请求.*\/ cross-site write refused \(origin https:\/\/evil\.example\)/);
    expect((await h.http('GET', '/api/buildings/YZ-00001')).json<Dossier>().version).toBe(before.version);
    // Login and logout are writes too (login CSRF).
    expect((await h.http('POST', '/api/session', { body: LOGIN, headers: { origin: EVIL } })).status).toBe(403);
    expect((await h.http('DELETE', '/api/session', { cookie: inspector, headers: { origin: EVIL } })).status).toBe(403);
  });

  it('refuses Origin: null, a sibling subdomain, and Sec-Fetch-Site cross-site / same-site without an allowed Origin', async () => {
    expect((await inspect({ origin: 'null' })).status).toBe(403);
    expect((await inspect({ origin: 'http://other.127.0.0.1.nip.io', 'sec-fetch-site': 'same-site' })).status).toBe(403);
    expect((await inspect({ 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await inspect({ 'sec-fetch-site': 'same-site' })).status).toBe(403);
  });

  it('allows its own origin, Sec-Fetch-Site same-origin or none, and clients that send neither header', async () => {
    expect((await inspect({ origin: `http://127.0.0.1:${h.port}` })).status).toBe(201);
    // A proxy may rewrite Host; the browser's own Sec-Fetch-Site still vouches.
    expect((await inspect({ origin: 'https://archive.example.gov.cn', 'sec-fetch-site': 'same-origin' })).status).toBe(201);
    expect((await inspect({ 'sec-fetch-site': 'none' })).status).toBe(201);
    expect((await inspect({})).status).toBe(201);
    expect((await h.http('POST', '/api/session', { body: LOGIN, headers: { origin: `http://127.0.0.1:${h.port}` } })).status).toBe(200);
  });

  it('reads are not writes: a GET from another origin is answered, but without CORS headers', async () => {
    const res = await h.http('GET', '/api/buildings/YZ-00001', { headers: { origin: EVIL } });
    expect(res.status).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('API preflight from an unlisted origin → 403; tiles preflight → 204 with Access-Control-Allow-Origin: *', async () => {
    const pre = await h.http('OPTIONS', '/api/buildings/YZ-00001/inspections', { headers: { origin: VIEWER, 'access-control-request-method': 'POST' } });
    expect(pre.status).toBe(403);
    expect(pre.json()).toMatchObject({ error: 'cors_origin_not_allowed' });
    expect(pre.headers['access-control-allow-origin']).toBeUndefined();
    mkdirSync(join(h.dir, 'tiles'), { recursive: true });
    writeFileSync(join(h.dir, 'tiles', 'tileset.json'), '{}');
    const tiles = await h.http('OPTIONS', '/tiles/tileset.json', { headers: { origin: VIEWER, 'access-control-request-method': 'GET', 'access-control-request-headers': 'range' } });
    expect(tiles.status).toBe(204);
    expect(tiles.headers['access-control-allow-origin']).toBe('*');
    expect(tiles.headers['access-control-allow-headers']).toBe('range');
  });
});

describe('ARCHIVE_CORS_ORIGINS: a viewer hosted elsewhere', () => {
  let h: ApiHarness;
  beforeAll(async () => {
    h = await startApiHarness({ buildings: 5, corsOrigins: [VIEWER] });
  });
  afterAll(async () => h.close());

  it('answers preflight and requests of a listed origin with CORS and credentials; others get none', async () => {
    const pre = await h.http('OPTIONS', '/api/buildings/YZ-00001/inspections', { headers: { origin: VIEWER, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' } });
    expect(pre.status).toBe(204);
    expect(pre.headers).toMatchObject({ 'access-control-allow-origin': VIEWER, 'access-control-allow-credentials': 'true' });
    expect(String(pre.headers['access-control-allow-methods'])).toContain('POST');
    expect(String(pre.headers['access-control-allow-headers'])).toContain('content-type');

    const read = await h.http('GET', '/api/grades', { headers: { origin: VIEWER, 'accept-encoding': 'gzip' } });
    expect(read.status).toBe(200);
    expect(read.headers).toMatchObject({ 'access-control-allow-origin': VIEWER, 'access-control-allow-credentials': 'true' });
    expect(String(read.headers.vary)).toMatch(/origin/i);

    const login = await h.http('POST', '/api/session', { body: LOGIN, headers: { origin: VIEWER, 'sec-fetch-site': 'cross-site' } });
    expect(login.status).toBe(200);
    expect(login.headers['access-control-allow-origin']).toBe(VIEWER);

    const evilPre = await h.http('OPTIONS', '/api/session', { headers: { origin: EVIL, 'access-control-request-method': 'POST' } });
    expect(evilPre.status).toBe(403);
    const evilRead = await h.http('GET', '/api/grades', { headers: { origin: EVIL } });
    expect(evilRead.headers['access-control-allow-origin']).toBeUndefined();
    expect((await h.http('POST', '/api/session', { body: LOGIN, headers: { origin: EVIL } })).status).toBe(403);
  });
});
