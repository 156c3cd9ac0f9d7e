/**
 * The Excavate and Section panels from their inputs and the archive's answers: a pit on
 * flat ground (volume = area × depth by hand), which pipes it reaches (depth against the
 * pit's floor), the pipes without a cover depth left unjudged; a section over a plane
 * DEM crossing one box building of a known grade, the chart's series built from them.
 */
import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { createEnuFrame } from '../../../src/core/analysis/geodesy.ts';
import { decodeBuildingPickIndex, encodeBuildingPickIndex } from '../../../src/core/building-pick-index.ts';
import type { ElevationGrid } from '../../../src/core/elevation-grid.ts';
import { GRADE_INFO } from '../../../src/core/grades.ts';
import type { AnalysisScene } from '../../../src/viewer/analysis/analysis-scene.ts';
import type { ToolPoint } from '../../../src/viewer/analysis/analysis-url-state.ts';
import { excavateResult, type PitPipe } from '../../../src/viewer/analysis/excavate/excavate-result.ts';
import { groundAt, sectionChartOption, sectionResult, type CrossedPipe } from '../../../src/viewer/analysis/section/section-result.ts';

const t = ((key: string) => key) as unknown as TFunction;
const LON0 = 106.57, LAT0 = 29.56;
const frame = createEnuFrame([LON0, LAT0, 0]);
const pt = (x: number, y: number, h = 250): ToolPoint => {
  const g = frame.toGeodetic(x, y, 0);
  return [g.lon, g.lat, h];
};
const grid = (h: (col: number) => number): ElevationGrid => {
  const cols = 300, rows = 300, d = 0.00002, west = LON0 - 0.003, north = LAT0 + 0.003;
  const data = new Float32Array(cols * rows);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) data[r * cols + c] = h(c);
  return { width: cols, height: rows, west, north, dx: d, dy: d, data };
};

const pipe = (id: string, depthM: number | null, groundM: number | null): PitPipe => ({ id, network: 'water', depthM, installYear: 1985, ageYears: 41, condition: '一般', atRisk: id === 'B', lengthInsideM: 12, lon: LON0, lat: LAT0, groundM, buildings: [{ code: 'YZ-00001', grade: 'C' }] });

describe('Excavate panel', () => {
  it('a 20 × 30 m pit 4 m deep in flat ground: 600 m², 2,400 m³, floor 4 m down; reaches the pipes within 4 m', () => {
    const scene = { terrain: grid(() => 250), problems: [] };
    const ring = [pt(0, 0), pt(20, 0), pt(20, 30), pt(0, 30)];
    const { result, pit } = excavateResult(ring, 4, scene, [pipe('A', 1.5, 250), pipe('B', 6, 250), pipe('C', null, 250)], t);
    expect(pit!.floorM).toBeCloseTo(246, 3);
    expect(result.numbers.areaM2).toBeCloseTo(600, 0);
    expect(result.numbers.volumeM3! / 2400).toBeCloseTo(1, 2);
    expect(result.numbers).toMatchObject({ pipes: 3, exposedPipes: 1, atRiskPipes: 1 });
    const rows = result.tables[0]!.rows;
    expect(rows.map((r) => [r.id, r.reached])).toEqual([['A', true], ['B', false], ['C', false]]);
    expect(rows[0]!.buildings).toBe('YZ-00001 (C)');
    expect(result.features[0]!.geometry.type).toBe('Polygon');
  });

  it('asks for three points, and says the terrain is missing', () => {
    expect(excavateResult([pt(0, 0), pt(1, 1)], 5, { terrain: grid(() => 250), problems: [] }, null, t).result.notes).toContain('excavate.needPoints');
    expect(excavateResult([pt(0, 0), pt(10, 0), pt(0, 10)], 5, { terrain: null, problems: ['no grid'] }, null, t).result.notes).toContain('no grid');
  });
});

describe('Section panel', () => {
  const index = decodeBuildingPickIndex(encodeBuildingPickIndex([{
    code: 'YZ-00007',
    polygons: [[Float64Array.from([pt(40, -5), pt(60, -5), pt(60, 5), pt(40, 5)].flatMap((p) => [p[0], p[1]]))]],
    base: 250, roof: 280,
  }], { origin: [LON0, LAT0, 250] }));
  const scene: AnalysisScene = { terrain: grid((c) => 240 + 0.1 * c), riverCells: null, buildings: index, frame: null, problems: [] };
  const crossing: CrossedPipe = { id: 'G-9', network: 'gas', depthM: 1.2, installYear: 1990, ageYears: 36, condition: null, atRisk: false, distanceM: 25, lon: LON0, lat: LAT0 };

  it('crosses the building where it stands, coloured by its grade; a pipe at its depth under the ground there', () => {
    const out = sectionResult([pt(0, 0), pt(100, 0)], scene, new Map([['YZ-00007', 'D']]), [crossing], t);
    expect(out.crossed).toHaveLength(1);
    expect(out.crossed[0]!.from).toBeCloseTo(40, 1);
    expect(out.crossed[0]!.to).toBeCloseTo(60, 1);
    expect(out.result.numbers).toMatchObject({ buildings: 1, pipes: 1 });
    expect(out.result.numbers.lengthM).toBeCloseTo(100, 1);
    // The DEM rises 0.1 m per column (d = 0.00002° ≈ 1.94 m east): ≈ 5.2 m over 100 m.
    expect(out.result.numbers.climbM! / (100 / 1.936 * 0.1)).toBeCloseTo(1, 1);
    expect(out.pipes[0]!.groundM).toBeCloseTo(groundAt(out.profile!, 25)!, 6);
    const option = sectionChartOption(out, t) as { series: { type: string; data: { value: number[]; itemStyle: { color: string } }[] }[] };
    const [ground, buildings, pipes] = option.series;
    expect(ground!.data.length).toBeGreaterThan(40);
    expect(buildings!.data[0]!.itemStyle.color).toBe(GRADE_INFO.D.color);
    expect(buildings!.data[0]!.value[3]! - buildings!.data[0]!.value[2]!).toBeCloseTo(30, 1);
    expect(pipes!.data[0]!.value[1]).toBeCloseTo(out.pipes[0]!.groundM! - 1.2, 2);
  });
});
