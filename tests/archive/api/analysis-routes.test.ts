/**
 * `GET /api/analysis/flood` and `/flood.csv` over a real archive (the fixture district:
 * 100 square footprints in a 10 × 10 block) and a synthetic analysis grid written with
 * the codec: a river along the west edge, ground rising 0.5 m per column to the east, a
 * wall, and beyond it a hollow below the level that the river cannot reach. Which
 * buildings and pipes flood is worked out here by brute force from that geometry (a
 * breadth-first fill of our own, rectangle overlaps, geodesic lengths), not by the core.
 */
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import geodesic from 'geographiclib-geodesic';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importLifelinesFile } from '../../../src/archive/lifelines/lifeline-file-import.ts';
import { encodeAnalysisGrid } from '../../../src/core/analysis/analysis-grid.ts';
import { FloodReportSchema, type FloodReport } from '../../../src/core/api/analysis-contracts.ts';
import type { ElevationGrid } from '../../../src/core/elevation-grid.ts';
import { startApiHarness, type ApiHarness } from './api-harness.ts';

const WGS84 = geodesic.Geodesic.WGS84;
const W = 81, H = 81, WEST = 106.548, NORTH = 29.556, D = 0.0001;
const WALL = 45;
const LEVEL = 185.7;
const ground = (c: number): number => (c <= 2 ? 160 : c < WALL ? 170 + 0.5 * c : c === WALL ? 300 : 178);
const lonOf = (c: number) => WEST + c * D;
const colOf = (lon: number) => (lon - WEST) / D;

function demGrid(): ElevationGrid {
  const data = new Float32Array(W * H);
  for (let r = 0; r < H; r++) for (let c = 0; c < W; c++) data[r * W + c] = ground(c);
  return { width: W, height: H, west: WEST, north: NORTH, dx: D, dy: D, data };
}
const riverCells = Uint32Array.from({ length: H * 3 }, (_, k) => Math.floor(k / 3) * W + (k % 3));

/** Our own fill: 4-connected from the river cells through cells below the level. */
function floodedColumns(level: number): Set<number> {
  const wet = new Uint8Array(W * H);
  const queue = [...riverCells].filter((i) => ground(i % W) < level);
  for (const i of queue) wet[i] = 1;
  while (queue.length > 0) {
    const i = queue.pop()!;
    const r = Math.floor(i / W), c = i % W;
    for (const [rr, cc] of [[r - 1, c], [r + 1, c], [r, c - 1], [r, c + 1]] as const) {
      if (rr < 0 || cc < 0 || rr >= H || cc >= W) continue;
      const j = rr * W + cc;
      if (!wet[j] && ground(cc) < level) { wet[j] = 1; queue.push(j); }
    }
  }
  // Heights do not vary by row, so a column is wet in every row or none.
  const cols = new Set<number>();
  for (let c = 0; c < W; c++) if (wet[40 * W + c]) cols.add(c);
  return cols;
}

/** Piecewise-linear ground between columns (the DEM's bilinear, rows being equal). */
function groundAtLon(lon: number): number {
  const f = colOf(lon), c0 = Math.min(Math.floor(f), W - 2), t = f - c0;
  return ground(c0) * (1 - t) + ground(c0 + 1) * t;
}

const PIPES = {
  type: 'FeatureCollection',
  features: [
    pipe('W-1', 'water', [[lonOf(10), 29.552], [lonOf(40), 29.552]]),
    pipe('G-1', 'gas', [[lonOf(50), 29.551], [lonOf(70), 29.551]]),
    { ...pipe('S-1', 'sewage', []), geometry: { type: 'MultiLineString', coordinates: [[[lonOf(5), 29.553], [lonOf(15), 29.553]], [[lonOf(50), 29.553], [lonOf(60), 29.553]]] } },
  ],
};
function pipe(id: string, network: string, coordinates: number[][]) {
  return {
    type: 'Feature',
    properties: { id, network, diameter_mm: 300, depth_m: 1.5, material: '球墨铸铁', install_year: 1990, condition: '一般', pressure: network === 'gas' ? '中压' : null },
    geometry: { type: 'LineString', coordinates },
  };
}
const lengthM = (a: number[], b: number[]) => WGS84.Inverse(a[1]!, a[0]!, b[1]!, b[0]!).s12!;

let dir: string;
let api: ApiHarness;
let report: FloodReport;
const gridPath = () => join(dir, 'tiles', 'terrain', 'analysis-grid.bin');

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'yz-flood-api-'));
  mkdirSync(join(dir, 'tiles', 'terrain'), { recursive: true });
  writeFileSync(gridPath(), encodeAnalysisGrid({ grid: demGrid(), riverCells }));
  writeFileSync(join(dir, 'lifelines.geojson'), JSON.stringify(PIPES));
  api = await startApiHarness({ buildings: 100, dir, api: { config: { analysisGridPath: gridPath() } } });
  const imported = await importLifelinesFile(api.store, join(dir, 'lifelines.geojson'));
  if (!imported.ok) throw new Error(imported.error);
  const res = await api.http('GET', `/api/analysis/flood?level=${LEVEL}`);
  expect(res.status).toBe(200);
  report = FloodReportSchema.parse(res.json());
}, 60_000);

afterAll(async () => {
  await api.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('GET /api/analysis/flood', () => {
  it('lists exactly the buildings a brute-force footprint × DEM check floods, with the ground at the door', () => {
    const wetCols = floodedColumns(LEVEL);
    expect(wetCols.has(WALL + 5)).toBe(false); // the hollow beyond the wall is below the level but dry
    const expected = api.district.buildings.features.flatMap((f) => {
      const ring = f.geometry.coordinates[0]!;
      const x0 = Math.min(...ring.map((p) => p[0]!)), x1 = Math.max(...ring.map((p) => p[0]!));
      let low = Infinity;
      for (let k = 0; k <= 400; k++) low = Math.min(low, groundAtLon(x0 + ((x1 - x0) * k) / 400));
      // Meets a flooded cell: the closed square of a wet sample's column overlaps [x0, x1].
      const meets = [...wetCols].some((c) => lonOf(c) - D / 2 <= x1 && lonOf(c) + D / 2 >= x0);
      return meets && low < LEVEL ? [{ code: f.properties.id, groundM: low }] : [];
    });
    expect(expected.length).toBeGreaterThan(10);
    expect(expected.length).toBeLessThan(100);
    expect(report.buildings.map((b) => b.code).sort()).toEqual(expected.map((b) => b.code).sort());
    for (const b of report.buildings) {
      const want = expected.find((e) => e.code === b.code)!.groundM;
      expect(Math.abs(b.groundM - want)).toBeLessThan(0.01);
      expect(b.depthM).toBeCloseTo(LEVEL - b.groundM, 9);
    }
    // Deepest door first.
    const depths = report.buildings.map((b) => b.depthM);
    expect(depths).toEqual([...depths].sort((a, b) => b - a));
  });

  it('joins the archive: address, current grade, plan, renewal area; counts add up', () => {
    const byCode = new Map(api.district.buildings.features.map((f) => [f.properties.id, f.properties]));
    const records = new Map(api.district.records.map((r) => [r.code, r]));
    for (const b of report.buildings) {
      expect(b.address).toBe(byCode.get(b.code)!.address);
      const rec = records.get(b.code)!;
      expect(b.grade).toBe(rec.appraisal?.grade ?? null);
      expect(b.plan).toBe(rec.plan ? `${rec.plan.measures.join('、')} · ${rec.plan.status}` : null);
      // The fixture's core and zone split the block at mid-latitude; the old community is no renewal area.
      expect(['core-jiefangbei', 'zone-daping']).toContain(b.areaId);
      expect(b.areaName).toBe(b.areaId === 'core-jiefangbei' ? '解放碑中央商务区' : '大坪潮流商圈');
    }
    const count = (key: (b: FloodReport['buildings'][number]) => string | null) => {
      const m = new Map<string | null, number>();
      for (const b of report.buildings) m.set(key(b), (m.get(key(b)) ?? 0) + 1);
      return m;
    };
    expect(new Map(report.byGrade.map((g) => [g.key, g.count]))).toEqual(count((b) => b.grade));
    expect(new Map(report.byArea.map((a) => [a.key, a.count]))).toEqual(count((b) => b.areaId));
    expect(report.byArea.find((a) => a.key === 'zone-daping')?.name).toBe('大坪潮流商圈');
    expect(report.skipped).toEqual([]);
  });

  it('gives the flooded length of each pipe: geodesic, up to the last wet column; nothing in the hollow', () => {
    const edge = WEST + 31.5 * D; // the east side of the last wet column's cell (ground 185.5 < 185.7 < 186)
    expect(floodedColumns(LEVEL).has(31)).toBe(true);
    expect(floodedColumns(LEVEL).has(32)).toBe(false);
    const w1 = report.pipes.find((p) => p.id === 'W-1')!;
    expect(w1.network).toBe('water');
    expect(w1.depthM).toBe(1.5);
    expect(w1.lengthM).toBeCloseTo(lengthM([lonOf(10), 29.552], [lonOf(40), 29.552]), 3);
    expect(w1.floodedLengthM).toBeCloseTo(lengthM([lonOf(10), 29.552], [edge, 29.552]), 3);
    expect(w1.maxWaterDepthM).toBeCloseTo(LEVEL - ground(10), 2);
    const s1 = report.pipes.find((p) => p.id === 'S-1')!;
    expect(s1.lengthM).toBeCloseTo(lengthM([lonOf(5), 29.553], [lonOf(15), 29.553]) + lengthM([lonOf(50), 29.553], [lonOf(60), 29.553]), 3);
    expect(s1.floodedLengthM).toBeCloseTo(lengthM([lonOf(5), 29.553], [lonOf(15), 29.553]), 3);
    expect(report.pipes.map((p) => p.id)).toEqual(['W-1', 'S-1']); // G-1 lies in the hollow
    expect(report.totalFloodedLengthM).toBeCloseTo(w1.floodedLengthM + s1.floodedLengthM, 6);
  });

  it('answers the same again (from its cache) and differently at another level', async () => {
    const again = (await api.http('GET', `/api/analysis/flood?level=${LEVEL}`)).json<FloodReport>();
    expect(again).toEqual(report);
    const lower = FloodReportSchema.parse((await api.http('GET', '/api/analysis/flood?level=181.1')).json());
    expect(lower.buildings.length).toBeLessThan(report.buildings.length);
    expect(lower.floodedCells).toBe(floodedColumns(181.1).size * H);
  });

  it('refuses a level that is not a number, empty, twice or none, with 400', async () => {
    for (const q of ['level=abc', '', 'level=', 'level=1e9', 'level=0x10', 'level=182&level=183']) {
      const res = await api.http('GET', `/api/analysis/flood?${q}`);
      expect(res.status).toBe(400);
      expect(res.json<{ error: string }>().error).toBeTruthy();
    }
  });
});

describe('GET /api/analysis/flood.csv', () => {
  it('is the buildings list with a BOM and bilingual headers, in the report order', async () => {
    const res = await api.http('GET', `/api/analysis/flood.csv?level=${LEVEL}&list=buildings`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="flood-${LEVEL}m-buildings.csv"`);
    expect(res.body.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(true);
    const rows = Papa.parse<string[]>(res.text.slice(1).trim(), { newline: '\r\n' }).data;
    expect(rows[0]![0]).toBe('房屋编号 / Code');
    expect(rows[0]![6]).toBe('门口水深(米) / Water depth at door (m)');
    expect(rows.slice(1).map((r) => r[0])).toEqual(report.buildings.map((b) => b.code));
    const first = report.buildings[0]!;
    expect(rows[1]).toEqual([first.code, first.address, first.grade ?? '', first.plan ?? '', first.areaName ?? '', String(Math.round(first.groundM * 100) / 100), String(Math.round(first.depthM * 100) / 100)]);
  });

  it('is the pipes list with ?list=pipes', async () => {
    const res = await api.http('GET', `/api/analysis/flood.csv?level=${LEVEL}&list=pipes`);
    const rows = Papa.parse<string[]>(res.text.slice(1).trim(), { newline: '\r\n' }).data;
    expect(rows[0]![0]).toBe('管段编号 / Segment');
    expect(rows.slice(1).map((r) => [r[0], r[1]])).toEqual([['W-1', '供水 / Water supply'], ['S-1', '污水 / Sewage']]);
    expect((await api.http('GET', `/api/analysis/flood.csv?level=${LEVEL}&list=roads`)).status).toBe(400);
  });
});

describe('without the build', () => {
  it('says to run the build when the analysis grid is missing (404), and reads it again once it is back', async () => {
    renameSync(gridPath(), `${gridPath()}.away`);
    try {
      const res = await api.http('GET', `/api/analysis/flood?level=${LEVEL}`);
      expect(res.status).toBe(404);
      const body = res.json<{ error: string; message: string }>();
      expect(body.error).toBe('no_analysis_grid');
      expect(body.message).toMatch(/[\u4e00-\u9fff].* \/ .*run the build/);
      expect((await api.http('GET', `/api/analysis/flood.csv?level=${LEVEL}`)).status).toBe(404);
    } finally {
      renameSync(`${gridPath()}.away`, gridPath());
    }
    expect((await api.http('GET', `/api/analysis/flood?level=${LEVEL}`)).status).toBe(200);
  });

  it('refuses a damaged grid file with what is wrong, and an archive without pipes; reads need a login when the archive says so', async () => {
    const other = mkdtempSync(join(tmpdir(), 'yz-flood-api-2-'));
    const bad = join(other, 'analysis-grid.bin');
    writeFileSync(bad, encodeAnalysisGrid({ grid: demGrid(), riverCells }).subarray(0, 5000));
    const noPipes = await startApiHarness({ buildings: 20, api: { config: { analysisGridPath: bad, reads: 'login' } } });
    try {
      expect((await noPipes.http('GET', '/api/analysis/flood?level=185')).status).toBe(401);
      const cookie = await noPipes.login('viewer');
      const damaged = await noPipes.http('GET', '/api/analysis/flood?level=185', { cookie });
      expect(damaged.status).toBe(404);
      expect(damaged.json<{ error: string; message: string }>()).toMatchObject({ error: 'bad_analysis_grid', message: expect.stringMatching(/truncated/) });
      writeFileSync(bad, encodeAnalysisGrid({ grid: demGrid(), riverCells }));
      const empty = await noPipes.http('GET', '/api/analysis/flood?level=185', { cookie });
      expect(empty.status).toBe(404);
      expect(empty.json<{ error: string; message: string }>()).toMatchObject({ error: 'no_lifelines', message: expect.stringMatching(/run the build/) });
    } finally {
      await noPipes.close();
      rmSync(other, { recursive: true, force: true });
    }
  });
});
