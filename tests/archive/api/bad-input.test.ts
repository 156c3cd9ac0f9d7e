import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dossier, SearchPage } from '../../../src/archive/store/archive-store.ts';
import { type ApiHarness, startApiHarness } from './api-harness.ts';

type ErrorBody = { error: string; message: string };

describe('archive API: bad input', () => {
  let h: ApiHarness;
  let inspector: string;
  let admin: string;
  let version: number;

  beforeAll(async () => {
    h = await startApiHarness();
    inspector = await h.login('inspector');
    admin = await h.login('admin');
    version = (await h.http('GET', '/api/buildings/YZ-00010')).json<Dossier>().version;
  });
  afterAll(async () => h.close());

  const expectJsonError = (res: { status: number; json: <T>() => T; headers: Record<string, unknown> }, status: number, error?: string) => {
    expect(res.status).toBe(status);
    expect(String(res.headers['content-type'])).toMatch(/application\/json/);
    const body = res.json<ErrorBody>();
    expect(typeof body.message).toBe('string');
    expect(body.message.length).toBeGreaterThan(5);
    if (error) expect(body.error).toBe(error);
    return body;
  };

  it('wrong types in a body → 400 naming the field', async () => {
    const cases: unknown[] = [
      { date: 20261101, findings: 'x', version },
      { date: '2026-11-01', findings: 42, version },
      { date: '2026-11-01', findings: 'x', version: 'latest' },
      { date: '2026-02-30', findings: 'x', version },
      { date: '2026-11-01', findings: 'x', grade: 'E', version },
      { date: '2026-11-01', findings: 'x', hazards: ['不存在的隐患'], version },
      { date: '2026-11-01', findings: '', version },
      { date: '2026-11-01', findings: 'x', version, extra: true },
      { date: '2026-11-01', findings: 'x', photos: ['../../etc/passwd'], version },
      { date: '2026-11-01', findings: 'x', photos: ['%2e%2e/%2e%2e/etc/passwd'], version },
      [1, 2, 3],
      'just a string',
      null,
    ];
    for (const body of cases) {
      const res = await h.http('POST', '/api/buildings/YZ-00010/inspections', { cookie: inspector, body });
      const e = expectJsonError(res, 400);
      expect(e.error, JSON.stringify(body)).toMatch(/invalid_request|invalid_json/);
    }
    const named = (await h.http('POST', '/api/buildings/YZ-00010/inspections', { cookie: inspector, body: { date: '2026-11-01', findings: 'x', grade: 'E', version } })).json<ErrorBody>();
    expect(named.message).toMatch(/grade: 取值无效，可选：A、B、C、D \/ /);
    const typed = (await h.http('POST', '/api/buildings/YZ-00010/inspections', { cookie: inspector, body: { date: '2026-11-01', findings: 42, version } })).json<ErrorBody>();
    expect(typed.message).toMatch(/findings: 类型错误，应为 string \/ .*expected string/);
    expect((await h.http('GET', '/api/buildings/YZ-00010')).json<Dossier>().inspections).toHaveLength(0);
  });

  it('bad query parameters → 400', async () => {
    for (const q of ['grade=Z', 'page=0', 'page=abc', 'page_size=1000', 'year_from=nineteen', 'heritage=maybe', 'use=castle', 'unknown=1', `q=${'x'.repeat(101)}`]) {
      expectJsonError(await h.http('GET', `/api/buildings?${q}`), 400, 'invalid_request');
    }
    expectJsonError(await h.http('GET', '/api/grades?since=-1'), 400, 'invalid_request');
    expectJsonError(await h.http('GET', '/api/export?format=pdf'), 400, 'invalid_request');
  });

  it('SQL-injection strings are just text', async () => {
    for (const q of ["' OR 1=1 --", "'; DROP TABLE buildings; --", '%', '_', '\\', 'YZ-0000%', '" OR ""="']) {
      const res = await h.http('GET', `/api/buildings?q=${encodeURIComponent(q)}`);
      expect(res.status, q).toBe(200);
      expect(res.json<SearchPage>().total, q).toBe(0);
    }
    const areaRes = await h.http('GET', `/api/buildings?area=${encodeURIComponent("x' OR '1'='1")}`);
    expect(areaRes.json<SearchPage>().total).toBe(0);
    expectJsonError(await h.http('GET', `/api/buildings/${encodeURIComponent("YZ-00001' OR '1'='1")}`), 400, 'invalid_request');
    const login = await h.http('POST', '/api/session', { body: { name: "ada' --", password: "' OR '1'='1" } });
    expect([400, 401]).toContain(login.status);
    expect((await h.http('GET', '/api/stats')).json<{ buildings: number }>().buildings).toBe(200);
  });

  it('path tricks in codes never reach a file or another route', async () => {
    for (const path of [
      '/api/buildings/../../etc/passwd',
      '/api/buildings/%2e%2e%2f%2e%2e%2fetc%2fpasswd',
      '/api/buildings/..%252f..%252fetc%252fpasswd',
      '/api/buildings/YZ-00001%00',
      '/api/buildings/YZ-00001%2f..%2f..',
      '/api/buildings/yz-00001',
      '/api/buildings/YZ-1',
      '/api/buildings/%E5%BB%BA%E7%AD%91',
    ]) {
      const res = await h.http('GET', path);
      expect([400, 404], path).toContain(res.status);
      expect(res.text, path).not.toMatch(/root:|\bat \w+ \(/);
      expect(() => res.json(), path).not.toThrow();
    }
  });

  it('invalid JSON → 400, wrong content type → 415', async () => {
    const bad = await h.http('POST', '/api/buildings/YZ-00010/inspections', { cookie: inspector, rawBody: '{"date": "2026-11-01", findings:' });
    expectJsonError(bad, 400, 'invalid_json');
    const empty = await h.http('POST', '/api/session', { rawBody: '' });
    expect(empty.status).toBe(400);
    const text = await h.http('POST', '/api/session', { rawBody: 'name=ada', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expectJsonError(text, 415, 'unsupported_media_type');
  });

  it('a body over 1 MB → 413', async () => {
    const huge = JSON.stringify({ date: '2026-11-01', findings: 'x'.repeat(1_100_000), version });
    const res = await h.http('POST', '/api/buildings/YZ-00010/inspections', { cookie: inspector, rawBody: huge });
    expectJsonError(res, 413, 'payload_too_large');
    const usersRes = await h.http('POST', '/api/users', { cookie: admin, rawBody: huge });
    expect(usersRes.status).toBe(413);
  });

  it('unknown code → 404 on reads and writes', async () => {
    expectJsonError(await h.http('GET', '/api/buildings/YZ-54321'), 404, 'not_found');
    expectJsonError(await h.http('POST', '/api/buildings/YZ-54321/inspections', { cookie: inspector, body: { date: '2026-11-01', findings: 'x', version: 1 } }), 404, 'not_found');
    expectJsonError(await h.http('GET', '/api/no-such-endpoint'), 404, 'not_found');
  });

  it('a forged or oversized session cookie is just no session', async () => {
    const body = { date: '2026-11-01', findings: 'x', version };
    expectJsonError(await h.http('POST', '/api/buildings/YZ-00010/inspections', { cookie: 'yz_session=forged-token', body }), 401, 'unauthorized');
    expectJsonError(await h.http('POST', '/api/buildings/YZ-00010/inspections', { cookie: `yz_session=${'a'.repeat(5000)}`, body }), 401, 'unauthorized');
  });
});
