/**
 * Pipe risk on the real sample (var/source): the proximity table, the risk lists and
 * the API answers must match a brute-force computation with no spatial index and no
 * SQL, and must follow a building's grade when an inspection changes it.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Feature, Geometry, LineString, MultiLineString } from 'geojson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { archiveApiPlugin } from '../../../src/archive/api/archive-api-plugin.ts';
import { importSourceFolder } from '../../../src/archive/import/archive-importer.ts';
import { importLifelinesFile } from '../../../src/archive/lifelines/lifeline-file-import.ts';
import { lineToPolygonsDistance, segmentSegmentDistance, type LocalPolygon, type Xy } from '../../../src/archive/lifelines/pipe-distance.ts';
import { ArchiveService } from '../../../src/archive/service/archive-service.ts';
import type { Lifelines } from '../../../src/archive/service/lifelines.ts';
import { createServer } from '../../../src/server/create-server.ts';
import { SqliteArchiveStore } from '../../../src/archive/store/sqlite/sqlite-archive-store.ts';
import { generateSampleWorld } from '../../../src/sample/sample-world.ts';
import { createLocalProjection } from '../../../src/core/local-projection.ts';
import { NETWORKS } from '../../../src/core/lifelines.ts';
import { httpRequest } from '../api/api-harness.ts';

/** The built sample when there is one (npm start made it); otherwise generated for this test (a clean clone). */
const BUILT_SOURCE = 'var/source';
let SOURCE = BUILT_SOURCE;
const NOW = new Date('2026-11-26T00:00:00Z');
const projection = createLocalProjection(106.55, 29.55);

interface BrutePipe { id: string; props: Record<string, unknown>; lines: Xy[][]; box: number[] }
interface BruteBuilding { code: string; polygons: LocalPolygon[]; box: number[] }

function boxOf(points: Xy[]): number[] {
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}
function boxGap(a: number[], b: number[]): number {
  const dx = Math.max(0, a[0]! - b[2]!, b[0]! - a[2]!);
  const dy = Math.max(0, a[1]! - b[3]!, b[1]! - a[3]!);
  return Math.hypot(dx, dy);
}
const distance = (p: BrutePipe, b: BruteBuilding) => Math.min(...p.lines.map((l) => lineToPolygonsDistance(l, b.polygons)));

describe('the distance between a pipe and a footprint', () => {
  const square: LocalPolygon = [[[0, 0], [10, 0], [10, 10], [0, 10]]];
  it('is 0 under or across a building, else the gap', () => {
    expect(lineToPolygonsDistance([[2, 2], [3, 3]], [square])).toBe(0);
    expect(lineToPolygonsDistance([[-5, 5], [15, 5]], [square])).toBe(0);
    expect(lineToPolygonsDistance([[-5, 13], [15, 13]], [square])).toBeCloseTo(3, 9);
    expect(lineToPolygonsDistance([[13, 14], [20, 20]], [square])).toBeCloseTo(5, 9);
    expect(segmentSegmentDistance([0, 0], [1, 0], [0, 2], [1, 2])).toBeCloseTo(2, 9);
  });
});

describe('lifeline risk on the sample', () => {
  let dir: string;
  let store: SqliteArchiveStore;
  let queries: Lifelines;
  let app: FastifyInstance;
  let port: number;
  let pipes: BrutePipe[];
  let buildings: Map<string, BruteBuilding>;
  const grades = new Map<string, string | null>();

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'yz-lifelines-'));
    if (!existsSync(join(BUILT_SOURCE, 'lifelines.geojson'))) {
      SOURCE = join(dir, 'source');
      await generateSampleWorld({ outDir: SOURCE });
    }
    store = new SqliteArchiveStore({ path: join(dir, 'archive.sqlite') });
    const imported = await importSourceFolder(store, SOURCE);
    if (!imported.ok) throw new Error(JSON.stringify(imported.error).slice(0, 500));
    const lifelines = await importLifelinesFile(store, join(SOURCE, 'lifelines.geojson'));
    if (!lifelines.ok) throw new Error(lifelines.error);
    queries = new ArchiveService(store).lifelines;
    mkdirSync(join(dir, 'viewer'));
    app = await createServer({ viewerDir: join(dir, 'viewer'), tilesDir: join(dir, 'tiles'), apiPlugins: [archiveApiPlugin({ store })] });
    await app.listen({ port: 0, host: '127.0.0.1' });
    port = (app.server.address() as AddressInfo).port;

    const fc = JSON.parse(readFileSync(join(SOURCE, 'lifelines.geojson'), 'utf8')) as { features: Feature<LineString | MultiLineString>[] };
    pipes = fc.features.map((f) => {
      const parts = f.geometry.type === 'LineString' ? [f.geometry.coordinates] : f.geometry.coordinates;
      const lines = parts.map((l) => l.map((p) => projection.toLocal(p[0]!, p[1]!) as Xy));
      return { id: String(f.properties!.id), props: f.properties!, lines, box: boxOf(lines.flat()) };
    });
    buildings = new Map();
    for (const row of store.db.prepare('SELECT f.code, f.geometry, b.grade FROM footprints f JOIN buildings b ON b.code = f.code').all() as { code: string; geometry: string; grade: string | null }[]) {
      const g = JSON.parse(row.geometry) as Geometry;
      const list = g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : [];
      const polygons = list.map((rings) => rings.map((r) => r.map((p) => projection.toLocal(p[0]!, p[1]!) as Xy)));
      buildings.set(row.code, { code: row.code, polygons, box: boxOf(polygons.flat(2)) });
      grades.set(row.code, row.grade);
    }
  }, 300_000);
  afterAll(async () => {
    await app?.close();
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const get = async <T>(path: string) => {
    const res = await httpRequest(port, 'GET', path);
    return { status: res.status, body: res.json<T>() };
  };

  it('stores every segment of the sample', () => {
    expect(pipes.length).toBeGreaterThanOrEqual(20_000);
    expect(store.db.prepare('SELECT COUNT(*) FROM lifeline_segments').pluck().get()).toBe(pipes.length);
  });

  it('lists, for sampled segments, exactly the buildings a brute-force scan finds within 50 m', () => {
    const all = [...buildings.values()];
    for (let i = 0; i < pipes.length; i += 401) {
      const p = pipes[i]!;
      const brute = all.map((b) => [b.code, distance(p, b)] as const).filter(([, d]) => d <= 50).sort((a, b) => (a[0] < b[0] ? -1 : 1));
      const stored = store.db.prepare('SELECT code, distance_m FROM lifeline_proximity WHERE segment_id = ? ORDER BY code').all(p.id) as { code: string; distance_m: number }[];
      // Pairs within a centimetre of the limit may round either way.
      const far = (d: number) => Math.abs(d - 50) < 0.01;
      expect(stored.filter((r) => !far(r.distance_m)).map((r) => r.code), p.id).toEqual(brute.filter(([, d]) => !far(d)).map(([c]) => c));
      for (const r of stored) expect(r.distance_m).toBeCloseTo(brute.find(([c]) => c === r.code)![1], 1);
    }
  });

  it('GET /api/buildings/:code/lifelines lists the pipes a brute-force scan finds within 15 m', async () => {
    const dangerous = [...grades].filter(([, g]) => g === 'C' || g === 'D').map(([c]) => c);
    expect(dangerous.length).toBeGreaterThan(10);
    for (const code of dangerous.filter((_, i) => i % Math.ceil(dangerous.length / 25) === 0)) {
      const b = buildings.get(code)!;
      const brute = pipes.filter((p) => boxGap(p.box, b.box) <= 15).map((p) => [p.id, distance(p, b)] as const).filter(([, d]) => d <= 15 - 0.01);
      const { status, body } = await get<{ pipes: { id: string; distanceM: number; atRisk: boolean; old: boolean; poorCondition: boolean }[] }>(`/api/buildings/${code}/lifelines?distance=15`);
      expect(status).toBe(200);
      const ids = new Set(body.pipes.map((p) => p.id));
      for (const [id] of brute) expect(ids.has(id), `${code} ${id}`).toBe(true);
      expect(body.pipes.length - brute.length).toBeLessThanOrEqual(body.pipes.filter((p) => Math.abs(p.distanceM - 15) < 0.02).length);
      // Next to a C/D building, old or poor means at risk.
      for (const p of body.pipes) expect(p.atRisk).toBe(p.old || p.poorCondition);
    }
  });

  it('flags as at risk exactly the old or poor segments within 15 m of a C/D building (brute force over all segments)', async () => {
    const dangerous = [...buildings.values()].filter((b) => grades.get(b.code) === 'C' || grades.get(b.code) === 'D');
    const oldYear = NOW.getFullYear() - 30;
    const expected = new Set<string>();
    const borderline = new Set<string>();
    for (const p of pipes) {
      const y = p.props.install_year as number;
      if (!(y <= oldYear || p.props.condition === '较差' || p.props.condition === '危险')) continue;
      let best = Infinity;
      for (const b of dangerous) if (boxGap(p.box, b.box) <= 15) best = Math.min(best, distance(p, b));
      if (best <= 15) expected.add(p.id);
      if (Math.abs(best - 15) < 0.01) borderline.add(p.id);
    }
    const risk = await queries.risk({ now: NOW });
    const got = new Set(risk.ids);
    const diff = [...expected].filter((id) => !got.has(id)).concat([...got].filter((id) => !expected.has(id)));
    expect(diff.filter((id) => !borderline.has(id))).toEqual([]);
    expect(risk.total).toBe(risk.ids.length);
    expect(Object.values(risk.byNetwork).reduce((a, b) => a + b, 0)).toBe(risk.total);
    for (const n of NETWORKS) expect(risk.byNetwork[n]).toBe(risk.ids.filter((id) => pipes.find((p) => p.id === id)!.props.network === n).length);
  }, 120_000);

  it('GET /api/lifelines/:id gives the segment and its nearby buildings nearest first', async () => {
    const id = (await queries.risk({ now: NOW })).ids[0]!;
    const { status, body } = await get<{ segment: { id: string; atRisk: boolean; network: string }; buildings: { code: string; distanceM: number; grade: string | null }[] }>(`/api/lifelines/${id}`);
    expect(status).toBe(200);
    expect(body.segment.id).toBe(id);
    expect(body.segment.atRisk).toBe(true);
    expect(body.buildings.some((b) => b.grade === 'C' || b.grade === 'D')).toBe(true);
    const ds = body.buildings.map((b) => b.distanceM);
    expect(ds).toEqual([...ds].sort((a, b) => a - b));
    expect(ds.every((d) => d <= 15)).toBe(true);
    // For sampled segments, the list is exactly the buildings a brute-force scan finds within 15 m.
    const all = [...buildings.values()];
    for (let i = 0; i < pipes.length; i += 997) {
      const p = pipes[i]!;
      const brute = all.map((b) => [b.code, distance(p, b)] as const).filter(([, d]) => d <= 15);
      const answer = (await get<{ buildings: { code: string; distanceM: number; under: boolean }[] }>(`/api/lifelines/${p.id}`)).body.buildings;
      const edge = (d: number) => Math.abs(d - 15) < 0.01;
      expect(answer.filter((b) => !edge(b.distanceM)).map((b) => b.code).sort(), p.id).toEqual(brute.filter(([, d]) => !edge(d)).map(([c]) => c).sort());
      for (const b of answer) expect(b.under, `${p.id} ${b.code}`).toBe(brute.find(([c]) => c === b.code)![1] === 0);
    }
    expect((await get(`/api/lifelines/NO-SUCH`)).status).toBe(404);
    expect((await get(`/api/lifelines/${id}?distance=80`)).status).toBe(400);
  });

  it('/api/stats has the lifelines block, and risk follows a grade change', async () => {
    const stats = (await get<{ lifelines: { total: number; segments: number; byNetwork: Record<string, number> } }>('/api/stats')).body.lifelines;
    expect(stats.segments).toBe(pipes.length);
    expect(stats.total).toBe((await queries.riskStats()).total);
    // A segment whose only C/D neighbour gets upgraded to A stops being at risk.
    const risk = await queries.risk();
    const lone = (await Promise.all(risk.ids.map(async (id) => (await queries.segment(id))!))).find((s) => s.buildings.filter((b) => b.grade === 'C' || b.grade === 'D').length === 1)!;
    const code = lone.buildings.find((b) => b.grade === 'C' || b.grade === 'D')!.code;
    const dossier = (await store.getDossier(code))!;
    const outcome = await new ArchiveService(store).recordInspection(code, { date: '2026-11-20', findings: '加固完成 / retrofitted', hazards: [], grade: 'A', photos: [], version: dossier.version }, { name: 'test', userId: null });
    expect(outcome.ok).toBe(true);
    const after = await get<{ segment: { atRisk: boolean } }>(`/api/lifelines/${lone.segment.id}`);
    expect(after.body.segment.atRisk).toBe(false);
    const stats2 = (await get<{ lifelines: { total: number } }>('/api/stats')).body.lifelines;
    expect(stats2.total).toBeLessThan(stats.total);
  });
});
