import { request } from 'node:http';
import { gunzipSync } from 'node:zlib';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArchiveStats, Dossier, GradeMap, SearchPage } from '../../../src/archive/store/archive-store.ts';
import { parseXlsxTable } from '../../../src/sources/archive-table-reader.ts';
import { archiveTableCsv } from '../../../src/archive/export/archive-table-writer.ts';
import type { z } from 'zod';
import { DossierSchema } from '../../../src/core/api/dossier-contracts.ts';
import { GradeMapSchema } from '../../../src/core/api/grade-contracts.ts';
import { type ApiHarness, startApiHarness } from './api-harness.ts';

/** Parses with the contract and refuses keys it does not name (zod drops them, so the result differs). */
function expectContract(schema: z.ZodType, value: unknown): void {
  const result = schema.safeParse(value);
  expect(result.success, JSON.stringify(result.error?.issues.slice(0, 3))).toBe(true);
  expect(result.data).toEqual(value);
}

describe('archive API: reads', () => {
  let h: ApiHarness;
  beforeAll(async () => {
    h = await startApiHarness();
  });
  afterAll(async () => h.close());

  it('GET /api/buildings/:code returns the whole dossier', async () => {
    const res = await h.http('GET', '/api/buildings/YZ-00003');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    const d = res.json<Dossier>();
    expect(d.building.code).toBe('YZ-00003');
    expect(d.grade).toBe('C');
    expect(d.appraisals).toHaveLength(1);
    expect(d.appraisals[0]).toMatchObject({ grade: 'C', source: 'import' });
    expect(d.hazards.length).toBeGreaterThan(0);
    expect(d.plan).toMatchObject({ measures: ['危房改造', '抗震加固'], unit: '渝中区住房城乡建委' });
    expect(d.inspections).toEqual([]);
    expect(d.areas.map((a) => a.id)).toContain('core-jiefangbei');
    expect(d.version).toBeGreaterThan(0);
    // Served twice (second from cache) it is the same.
    expect((await h.http('GET', '/api/buildings/YZ-00003')).text).toBe(res.text);
  });

  it('an unappraised building has no grade and no plan', async () => {
    const d = (await h.http('GET', '/api/buildings/YZ-00008')).json<Dossier>();
    expect(d.grade).toBeNull();
    expect(d.appraisals).toEqual([]);
    expect(d.plan).toBeNull();
  });

  it('unknown code → 404 with an actionable JSON message', async () => {
    const res = await h.http('GET', '/api/buildings/YZ-99999');
    expect(res.status).toBe(404);
    expect(res.json()).toEqual({ error: 'not_found', message: expect.stringContaining('YZ-99999') });
  });

  it('GET /api/buildings searches Chinese text with filters and paging', async () => {
    const all = (await h.http('GET', `/api/buildings?q=${encodeURIComponent('十八梯社区')}`)).json<SearchPage>();
    expect(all.total).toBe(40);
    expect(all.items).toHaveLength(20);
    expect(all.items.every((b) => b.community === '十八梯社区')).toBe(true);
    const page2 = (await h.http('GET', `/api/buildings?q=${encodeURIComponent('十八梯社区')}&page=2&page_size=15`)).json<SearchPage>();
    expect(page2).toMatchObject({ total: 40, page: 2, pageSize: 15 });
    expect(page2.items[0]!.code).toBe(all.items[15]!.code);

    const byCode = (await h.http('GET', '/api/buildings?q=YZ-00042')).json<SearchPage>();
    expect(byCode.items.map((b) => b.code)).toEqual(['YZ-00042']);
    const byAddress = (await h.http('GET', `/api/buildings?q=${encodeURIComponent('民族路 7号')}`)).json<SearchPage>();
    expect(byAddress.items.every((b) => b.address.includes('民族路') && b.address.includes('7号'))).toBe(true);

    const filtered = (
      await h.http('GET', `/api/buildings?grade=D&use=${encodeURIComponent('住宅')}&year_from=1950&year_to=2000&area=core-jiefangbei&page_size=100`)
    ).json<SearchPage>();
    expect(filtered.total).toBeGreaterThan(0);
    for (const b of filtered.items) {
      expect(b).toMatchObject({ grade: 'D', use: '住宅' });
      expect(b.yearBuilt).toBeGreaterThanOrEqual(1950);
      expect(b.yearBuilt).toBeLessThanOrEqual(2000);
      expect(b.areas).toContain('core-jiefangbei');
    }
    const heritage = (await h.http('GET', '/api/buildings?heritage=true')).json<SearchPage>();
    expect(heritage.total).toBe(3); // i % 97 === 5 for i < 200: 5, 102, 199
    const none = (await h.http('GET', '/api/buildings?grade=none&structure=' + encodeURIComponent('框架'))).json<SearchPage>();
    expect(none.items.every((b) => b.grade === null && b.structure === '框架')).toBe(true);
  });

  it('GET /api/grades: the whole map with an ETag, gzipped once, 304 when unchanged', async () => {
    const res = await h.http('GET', '/api/grades', { headers: { 'accept-encoding': 'gzip' } });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('gzip');
    const etag = res.headers.etag as string;
    expect(etag).toMatch(/^"grades-\d+"$/);
    const map = JSON.parse(gunzipSync(res.body).toString('utf8')) as GradeMap;
    expect(Object.keys(map.buildings)).toHaveLength(200);
    expect(map.buildings['YZ-00003']).toEqual(['C', '设计中']);
    expect(map.buildings['YZ-00008']).toEqual([null, null]);
    const plain = await h.http('GET', '/api/grades');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.json()).toEqual(map);
    const again = await h.http('GET', '/api/grades', { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect((await h.http('GET', '/api/grades', { headers: { 'if-none-match': `"x", W/${etag}` } })).status).toBe(304);
    const fromZero = await h.http('GET', '/api/grades?since=0', { headers: { 'accept-encoding': 'gzip' } });
    expect(fromZero.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(fromZero.body).toString('utf8'))).toEqual({ ...map, since: 0 });
    const since = (await h.http('GET', `/api/grades?since=${map.version}`)).json<GradeMap>();
    expect(since).toEqual({ version: map.version, since: map.version, buildings: {} });
  });

  it('GET /api/stats counts by grade, area and plan status', async () => {
    const stats = (await h.http('GET', '/api/stats')).json<ArchiveStats>();
    expect(stats.buildings).toBe(200);
    const g = stats.byGrade;
    expect(g.A + g.B + g.C + g.D + g.unappraised).toBe(200);
    expect(g.unappraised).toBe(10);
    expect(Object.values(stats.byPlanStatus).reduce((a, b) => a + b, 0)).toBe(h.district.records.filter((r) => r.plan).length);
    expect(stats.byArea.find((a) => a.id === 'oc-jiaochangkou')?.buildings).toBe(200);
    expect(stats.month).toMatch(/^\d{4}-\d{2}$/);
    expect(stats.inspectionsThisMonth).toBe(0);
  });

  it('GET /api/export?format=csv round-trips the import file byte for byte', async () => {
    const res = await h.http('GET', '/api/export?format=csv');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/csv/);
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="archive-.*\.csv"/);
    expect(res.text).toBe(archiveTableCsv(h.district.records));
    const parsed = Papa.parse<string[]>(res.text.slice(1), { skipEmptyLines: true });
    expect(parsed.data).toHaveLength(201);
  });

  it('GET /api/export?format=xlsx holds the same rows on its first sheet', async () => {
    const res = await h.http('GET', '/api/export?format=xlsx');
    expect(res.status).toBe(200);
    const { table } = await parseXlsxTable(res.body);
    const csv = Papa.parse<Record<string, string>>(archiveTableCsv(h.district.records).slice(1), { header: true, skipEmptyLines: true });
    expect(table.rows.map((r) => r.cells)).toEqual(csv.data);
  });

  it('GET /api/export?format=geojson gives footprints with grade and plan', async () => {
    const res = await h.http('GET', '/api/export?format=geojson');
    const fc = res.json<{ features: Array<{ geometry: { type: string }; properties: Record<string, unknown> }> }>();
    expect(res.headers['content-type']).toMatch(/geo\+json/);
    expect(fc.features).toHaveLength(200);
    expect(fc.features[2]!.geometry.type).toBe('Polygon');
    expect(fc.features[2]!.properties).toMatchObject({ code: 'YZ-00003', grade: 'C', plan_status: '设计中' });
  });

  it('GET /api/openapi.json documents every endpoint', async () => {
    const doc = (await h.http('GET', '/api/openapi.json')).json<{ openapi: string; paths: Record<string, Record<string, unknown>> }>();
    expect(doc.openapi).toMatch(/^3\./);
    for (const [path, method] of [
      ['/api/buildings/{code}', 'get'],
      ['/api/buildings', 'get'],
      ['/api/grades', 'get'],
      ['/api/grades/stream', 'get'],
      ['/api/stats', 'get'],
      ['/api/buildings/{code}/inspections', 'post'],
      ['/api/buildings/{code}/plan', 'put'],
      ['/api/session', 'post'],
      ['/api/session', 'delete'],
      ['/api/users', 'post'],
      ['/api/export', 'get'],
    ] as const) {
      expect(doc.paths[path]?.[method], `${method} ${path}`).toBeDefined();
    }
  });

  it('GET /api/grades/stream sends a hello event, then each change live', async () => {
    const events: string[] = [];
    const stream = await new Promise<import('node:http').IncomingMessage>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: h.port, path: '/api/grades/stream', headers: { accept: 'text/event-stream' } }, resolve);
      req.on('error', reject);
      req.end();
    });
    expect(stream.statusCode).toBe(200);
    expect(stream.headers['content-type']).toMatch(/text\/event-stream/);
    const received = new Promise<void>((resolve) => {
      stream.setEncoding('utf8');
      let buffer = '';
      stream.on('data', (chunk: string) => {
        buffer += chunk;
        const frames = buffer.split('\n\n');
        buffer = frames.pop()!;
        events.push(...frames);
        if (events.some((e) => e.includes('event: grades'))) resolve();
      });
    });
    await new Promise((r) => setTimeout(r, 50));
    expect(events.some((e) => e.includes('event: hello'))).toBe(true);
    const cookie = await h.login('inspector');
    const { version } = (await h.http('GET', '/api/buildings/YZ-00010')).json<Dossier>();
    const post = await h.http('POST', '/api/buildings/YZ-00010/inspections', {
      cookie,
      body: { date: '2026-11-02', findings: '外墙大面积空鼓', hazards: ['外墙脱落'], grade: 'D', version },
    });
    expect(post.status).toBe(201);
    await received;
    const frame = events.find((e) => e.includes('event: grades'))!;
    const data = JSON.parse(frame.split('\n').find((l) => l.startsWith('data: '))!.slice(6)) as GradeMap;
    expect(data.buildings).toEqual({ 'YZ-00010': ['D', null] });
    stream.destroy();
  });

  // The dossier and the grades map go out pre-serialized (cached JSON, gzip buffers), so
  // Fastify's response serializer never checks them against the contract in src/core/api.
  it('pre-serialized dossiers and grade maps follow the API contract, nothing added or lost', async () => {
    for (const code of ['YZ-00003', 'YZ-00008']) {
      const res = await h.http('GET', `/api/buildings/${code}`);
      expect(res.status).toBe(200);
      expectContract(DossierSchema, res.json());
    }
    expectContract(GradeMapSchema, (await h.http('GET', '/api/grades')).json());
    expectContract(GradeMapSchema, (await h.http('GET', '/api/grades?since=0')).json());
  });
});
