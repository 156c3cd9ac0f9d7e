/**
 * `GET /api/analysis/pipes-within` and `/pipes-along` over a real archive (the fixture
 * district) with two pipes laid here: one straight through a building's centre, one far
 * off. What the answers must be is worked out here with GeographicLib (lengths and
 * distances along a meridian or parallel) and the building the pipe was laid under.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import geodesic from 'geographiclib-geodesic';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importLifelinesFile } from '../../../src/archive/lifelines/lifeline-file-import.ts';
import { encodeAnalysisGrid } from '../../../src/core/analysis/analysis-grid.ts';
import { PipesAlongSchema, PipesWithinSchema } from '../../../src/core/api/analysis-contracts.ts';
import { startApiHarness, type ApiHarness } from './api-harness.ts';

const WGS84 = geodesic.Geodesic.WGS84;
let dir: string;
let api: ApiHarness;
let bare: ApiHarness;
let centre: [number, number];
let under: string;

const coords = (pts: number[][]) => encodeURIComponent(pts.map(([x, y]) => `${x},${y}`).join(';'));

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'yz-pipes-api-'));
  api = await startApiHarness({ buildings: 100, dir, api: { config: { analysisGridPath: join(dir, 'tiles', 'terrain', 'analysis-grid.bin') } } });
  const b = api.district.buildings.features[44]!;
  under = b.properties.id;
  const ring = b.geometry.coordinates[0]!;
  centre = [(Math.min(...ring.map((p) => p[0]!)) + Math.max(...ring.map((p) => p[0]!))) / 2, (Math.min(...ring.map((p) => p[1]!)) + Math.max(...ring.map((p) => p[1]!))) / 2];
  // A flat 200 m ground around the district.
  const W = 200, H = 200, d = 0.0001;
  mkdirSync(join(dir, 'tiles', 'terrain'), { recursive: true });
  writeFileSync(join(dir, 'tiles', 'terrain', 'analysis-grid.bin'), encodeAnalysisGrid({ grid: { width: W, height: H, west: centre[0] - 0.01, north: centre[1] + 0.01, dx: d, dy: d, data: new Float32Array(W * H).fill(200) }, riverCells: Uint32Array.of(0) }));
  const feature = (id: string, network: string, coordinates: number[][]) => ({
    type: 'Feature',
    properties: { id, network, diameter_mm: 300, depth_m: 1.5, material: '球墨铸铁', install_year: 1980, condition: '较差', pressure: null },
    geometry: { type: 'LineString', coordinates },
  });
  writeFileSync(join(dir, 'lifelines.geojson'), JSON.stringify({ type: 'FeatureCollection', features: [
    feature('W-UNDER', 'water', [[centre[0] - 0.001, centre[1]], [centre[0] + 0.001, centre[1]]]),
    feature('G-FAR', 'gas', [[centre[0] + 0.02, centre[1] + 0.02], [centre[0] + 0.021, centre[1] + 0.02]]),
  ] }));
  const imported = await importLifelinesFile(api.store, join(dir, 'lifelines.geojson'));
  if (!imported.ok) throw new Error(imported.error);
  bare = await startApiHarness({ buildings: 20 });
}, 60_000);

afterAll(async () => {
  await api.close();
  await bare.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('GET /api/analysis/pipes-within', () => {
  it('lists the pipe inside the outline with its length inside, depth, age, the building it runs under, and the ground there', async () => {
    const h = 0.0003;
    const ring = [[centre[0] - h, centre[1] - h], [centre[0] + h, centre[1] - h], [centre[0] + h, centre[1] + h], [centre[0] - h, centre[1] + h]];
    const res = await api.http('GET', `/api/analysis/pipes-within?ring=${coords(ring)}`);
    expect(res.status).toBe(200);
    const body = PipesWithinSchema.parse(res.json());
    expect(body.pipes.map((p) => p.id)).toEqual(['W-UNDER']);
    const p = body.pipes[0]!;
    const expected = WGS84.Inverse(centre[1], centre[0] - h, centre[1], centre[0] + h).s12!;
    expect(p.lengthInsideM).toBeCloseTo(expected, 1);
    expect(p).toMatchObject({ network: 'water', depthM: 1.5, installYear: 1980, condition: '较差', groundM: 200 });
    expect(p.ageYears).toBe(new Date().getFullYear() - 1980);
    expect(p.buildings.map((b) => b.code)).toContain(under);
    expect(body.truncated).toBe(false);
  });

  it('answers nothing for an outline away from every pipe, and refuses two points or garbage', async () => {
    const far = [[centre[0] - 0.005, centre[1] - 0.005], [centre[0] - 0.004, centre[1] - 0.005], [centre[0] - 0.004, centre[1] - 0.004]];
    expect(PipesWithinSchema.parse((await api.http('GET', `/api/analysis/pipes-within?ring=${coords(far)}`)).json()).pipes).toEqual([]);
    expect((await api.http('GET', `/api/analysis/pipes-within?ring=${coords(far.slice(0, 2))}`)).status).toBe(400);
    const bad = await api.http('GET', '/api/analysis/pipes-within?ring=north-of-the-river');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.json())).toMatch(/经度,纬度.*lon,lat/);
  });

  it('says to import the lifelines when the archive has none', async () => {
    const res = await bare.http('GET', `/api/analysis/pipes-within?ring=${coords([[106.5, 29.5], [106.51, 29.5], [106.51, 29.51]])}`);
    expect(res.status).toBe(404);
    expect(JSON.stringify(res.json())).toMatch(/archive:import/);
  });
});

describe('GET /api/analysis/pipes-along', () => {
  it('finds where the drawn line crosses the pipe, at the distance GeographicLib gives along the meridian', async () => {
    const start = centre[1] - 0.0005;
    const res = await api.http('GET', `/api/analysis/pipes-along?line=${coords([[centre[0], start], [centre[0], centre[1] + 0.0005]])}`);
    expect(res.status).toBe(200);
    const body = PipesAlongSchema.parse(res.json());
    expect(body.pipes.map((p) => p.id)).toEqual(['W-UNDER']);
    const p = body.pipes[0]!;
    expect(p.distanceM).toBeCloseTo(WGS84.Inverse(start, centre[0], centre[1], centre[0]).s12!, 1);
    expect(p.lat).toBeCloseTo(centre[1], 6);
    expect(p.depthM).toBe(1.5);
  });
});
