/**
 * The Flood panel's parts from a level: the water on a synthetic valley (a river channel
 * along the west edge, a bank rising east, a closed hollow beyond a ridge) checked by
 * counting cells by hand; the water's GeoJSON runs cover exactly the flooded cells; the
 * archive's lists become the panel's counts and tables as given.
 */
import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import type { ElevationGrid } from '../../../src/core/elevation-grid.ts';
import type { AnalysisScene } from '../../../src/viewer/analysis/analysis-scene.ts';
import { floodOf, floodResult, waterPolygons, type FloodReportLike } from '../../../src/viewer/analysis/flood/flood-result.ts';

const t = ((key: string) => key) as unknown as TFunction;
const W = 40, H = 10, D = 0.0001;

/** Height by column: channel 150 m (cols 0–1), bank rising 1 m per column, a ridge at col 30 (250 m), a hollow at cols 33–36 (150 m). */
function valley(): ElevationGrid {
  const data = new Float32Array(W * H);
  for (let r = 0; r < H; r++) {
    for (let c = 0; c < W; c++) data[r * W + c] = c <= 1 ? 150 : c === 30 ? 250 : c >= 33 && c <= 36 ? 150 : 150 + c;
  }
  return { width: W, height: H, west: 106.5, north: 29.6, dx: D, dy: D, data };
}

const scene = (): AnalysisScene => {
  const grid = valley();
  const river = Uint32Array.from({ length: H }, (_, r) => r * W);
  return { terrain: grid, riverCells: river, buildings: null, frame: null, problems: [] };
};

describe('Flood panel', () => {
  it('floods from the river up the bank, not into the hollow behind the ridge', () => {
    // Level 160.5: columns 0–1 (150) and the bank's columns 2–10 (152–160) are below it.
    const { map } = floodOf(scene(), 160.5);
    expect(map).not.toBeNull();
    expect(map!.floodedCells).toBe(11 * H);
    for (let r = 0; r < H; r++) for (let c = 33; c <= 36; c++) expect(map!.mask[r * W + c]).toBe(0);
    expect(map!.maxDepthM).toBeCloseTo(10.5, 5);
  });

  it('writes the water as one rectangle per run, covering the flooded cells exactly', () => {
    const { map } = floodOf(scene(), 160.5);
    const polys = waterPolygons(map!);
    expect(polys).toHaveLength(H);
    const [[ring]] = [polys[0]!];
    const lons = ring!.map((p) => p[0]!), lats = ring!.map((p) => p[1]!);
    // Cells 0–10 of a row: from half a step west of col 0 to half a step east of col 10.
    expect(Math.min(...lons)).toBeCloseTo(106.5 - D / 2, 9);
    expect(Math.max(...lons)).toBeCloseTo(106.5 + 10.5 * D, 9);
    expect(Math.max(...lats) - Math.min(...lats)).toBeCloseTo(D, 9);
  });

  it('says there is no water without a grid, and asks for a level without one', () => {
    expect(floodOf({ ...scene(), terrain: null }, 170).map).toBeNull();
    expect(floodResult(null, null, null, t).notes).toContain('flood.needLevel');
  });

  it('shows the archive’s lists as given: counts by grade, the tables, the CSV columns', () => {
    const report: FloodReportLike = {
      level: 160.5,
      floodedAreaM2: 1234.5,
      maxDepthM: 10.5,
      buildings: [
        { code: 'YZ-00002', address: '朝天门 1号', grade: 'D', plan: '拆除重建', areaId: 'core', areaName: '解放碑', groundM: 152.25, depthM: 8.25 },
        { code: 'YZ-00001', address: '朝天门 2号', grade: null, plan: null, areaId: null, areaName: null, groundM: 158, depthM: 2.5 },
      ],
      byGrade: [{ key: 'D', count: 1 }, { key: null, count: 1 }],
      byArea: [{ key: 'core', name: '解放碑', count: 1 }, { key: null, name: null, count: 1 }],
      pipes: [{ id: 'W-1', network: 'water', depthM: 1.2, lengthM: 80, floodedLengthM: 40.125, maxWaterDepthM: 3 }],
      totalFloodedLengthM: 40.125,
    };
    const { map } = floodOf(scene(), 160.5);
    const r = floodResult(160.5, map, report, t);
    expect(r.numbers).toMatchObject({ level: 160.5, floodedAreaM2: 1234.5, buildings: 2, gradeA: 0, gradeD: 1, gradeNone: 1, pipes: 1, pipesFloodedLengthM: 40.125 });
    const buildings = r.tables.find((x) => x.name === 'buildings')!;
    expect(buildings.rows.map((b) => b.code)).toEqual(['YZ-00002', 'YZ-00001']);
    expect(buildings.rows[0]).toMatchObject({ address: '朝天门 1号', grade: 'D', depthM: 8.25, area: '解放碑', plan: '拆除重建' });
    expect(r.tables.find((x) => x.name === 'areas')!.rows).toEqual([{ area: '解放碑', count: 1 }, { area: 'flood.noArea', count: 1 }]);
    expect(r.tables.find((x) => x.name === 'pipes')!.rows[0]).toMatchObject({ id: 'W-1', floodedLengthM: 40.13 });
    expect(r.features[0]!.geometry.type).toBe('MultiPolygon');
  });
});
