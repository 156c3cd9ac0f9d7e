/**
 * The Measure and Sightline panels' numbers from their URL inputs, against references
 * the tools do not compute: Pythagoras on a constant slope, planar ÷ cos(slope) for an
 * area on a tilted plane, the geodesic of GeographicLib called directly, and a wall
 * between observer and target.
 */
import geodesic from 'geographiclib-geodesic';
import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { createEnuFrame } from '../../../src/core/analysis/geodesy.ts';
import { decodeBuildingPickIndex, encodeBuildingPickIndex } from '../../../src/core/building-pick-index.ts';
import type { ElevationGrid } from '../../../src/core/elevation-grid.ts';
import type { AnalysisScene } from '../../../src/viewer/analysis/analysis-scene.ts';
import type { ToolPoint } from '../../../src/viewer/analysis/analysis-url-state.ts';
import { measureResult, runningLengths } from '../../../src/viewer/analysis/measure/measure-result.ts';
import { sightlineResult } from '../../../src/viewer/analysis/sightline/sightline-result.ts';

const t = ((key: string, o?: Record<string, unknown>) => (o ? `${key} ${JSON.stringify(o)}` : key)) as unknown as TFunction;
const LON0 = 106.57, LAT0 = 29.56, BASE = 200;
const frame = createEnuFrame([LON0, LAT0, BASE]);
const WGS84 = geodesic.Geodesic.WGS84;

/** A DEM rising `slope` metres per metre northwards (in the frame: height = BASE + slope · north). */
function tilted(slope: number): ElevationGrid {
  const cols = 400, rows = 400, d = 0.00002;
  const west = LON0 - 0.004, north = LAT0 + 0.004;
  const data = new Float32Array(cols * rows);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const p = frame.toLocal(west + c * d, north - r * d, BASE);
      data[r * cols + c] = BASE + slope * p[1];
    }
  }
  return { width: cols, height: rows, west, north, dx: d, dy: d, data };
}

const on = (east: number, northM: number, slope: number): ToolPoint => {
  const g = frame.toGeodetic(east, northM, slope * northM);
  return [g.lon, g.lat, g.height];
};

const noScene: AnalysisScene = { terrain: null, riverCells: null, buildings: null, frame: null, problems: [] };

describe('Measure panel numbers', () => {
  it('a line up a 20 % slope: ground = horizontal·√(1+0.04), straight = Pythagoras, height = rise', () => {
    const slope = 0.2;
    const a = on(0, -150, slope), b = on(0, 150, slope);
    const r = measureResult('line', [a, b], { terrain: tilted(slope) }, t).numbers;
    const horizontal = WGS84.Inverse(a[1], a[0], b[1], b[0]).s12!;
    expect(r.horizontalM).toBeCloseTo(horizontal, 3);
    expect(r.heightDiffM).toBeCloseTo(60, 2);
    expect(r.straightM).toBeCloseTo(Math.hypot(300, 60), 1);
    expect(r.groundM! / (300 * Math.sqrt(1 + slope * slope))).toBeCloseTo(1, 3);
    expect(r.areaM2).toBeNull();
  });

  it('a 100 m square on a 30 % slope: terrain area = planar ÷ cos(slope)', () => {
    const slope = 0.3;
    const ring = [on(-50, -50, slope), on(50, -50, slope), on(50, 50, slope), on(-50, 50, slope)];
    const r = measureResult('area', ring, { terrain: tilted(slope) }, t).numbers;
    const poly = WGS84.Polygon(false);
    for (const p of ring) poly.AddPoint(p[1], p[0]);
    const ref = poly.Compute(false, true);
    expect(r.areaM2).toBeCloseTo(Math.abs(ref.area!), 0);
    expect(r.perimeterM).toBeCloseTo(ref.perimeter, 2);
    expect(r.terrainAreaM2! / (Math.abs(ref.area!) * Math.sqrt(1 + slope * slope))).toBeCloseTo(1, 2);
  });

  it('says what is missing: too few points, no terrain for ground figures', () => {
    expect(measureResult('line', [on(0, 0, 0)], noScene, t).notes[0]).toContain('measure.needPoints');
    expect(measureResult('area', [on(0, 0, 0), on(10, 0, 0)], noScene, t).numbers.areaM2).toBeNull();
    const r = measureResult('line', [on(0, 0, 0), on(30, 40, 0)], noScene, t);
    expect(r.numbers.groundM).toBeNull();
    expect(r.numbers.straightM).toBeCloseTo(50, 2);
    expect(r.summary.map((s) => s.key)).not.toContain('groundM');
    expect(r.features[0]!.geometry.type).toBe('LineString');
    expect(r.tables[0]!.rows).toHaveLength(2);
  });

  it('labels the running length at each point', () => {
    expect(runningLengths([on(0, 0, 0), on(300, 400, 0), on(300, 1400, 0)])).toEqual([null, '500 m', '1.50 km']);
  });
});

describe('Sightline panel numbers', () => {
  const wall = (() => {
    const ring = [[90, -20], [110, -20], [110, 20], [90, 20]].flatMap(([x, y]) => {
      const g = frame.toGeodetic(x!, y!, 0);
      return [g.lon, g.lat];
    });
    return decodeBuildingPickIndex(encodeBuildingPickIndex([{ code: 'YZ-09001', polygons: [[Float64Array.from(ring)]], base: BASE, roof: BASE + 25 }], { origin: [LON0, LAT0, BASE] }));
  })();
  const scene: AnalysisScene = { terrain: tilted(0), riverCells: null, buildings: wall, frame, problems: [] };
  const observer = on(0, 0, 0);

  it('names the wall between observer and target, 90 m out at eye height', () => {
    const { result } = sightlineResult({ tool: 'sightline', points: [observer, on(200, 0, 0)], observerHeight: 1.6, radius: null }, scene, t);
    expect(result.numbers).toMatchObject({ visible: false, obstacleKind: 'building', obstacleCode: 'YZ-09001' });
    expect(result.numbers.obstacleDistanceM).toBeCloseTo(90, 0);
    // The ray falls from the eye (1.6 m) to the target's foot: at 90 of 200 m it is 1.6 · 110/200 up.
    expect(result.numbers.obstacleHeight).toBeCloseTo(BASE + (1.6 * 110) / 200, 1);
  });

  it('sees over the wall from above its roof: similar triangles give the lowest eye', () => {
    // Target on the ground 200 m out; the roof edge (25 m at 110 m) is cleared when eye·(90/200) > 25 − 0 → eye > 25·200/90 ≈ 55.6 m.
    const at = (eye: number) => sightlineResult({ tool: 'sightline', points: [observer, on(200, 0, 0)], observerHeight: eye, radius: null }, scene, t).result.numbers.visible;
    expect(at(50)).toBe(false);
    expect(at(58)).toBe(true);
  });

  it('adds a viewshed with its visible share when a radius is given', () => {
    const { result, viewshed } = sightlineResult({ tool: 'sightline', points: [observer], observerHeight: 1.6, radius: 150 }, scene, t);
    expect(viewshed).not.toBeNull();
    const share = result.numbers.visibleShare!;
    // Flat ground, one 20 × 40 m wall 90–110 m east: most is visible, the wall's shadow is not.
    expect(share).toBeGreaterThan(0.85);
    expect(share).toBeLessThan(1);
    expect(result.numbers.visibleCells! + result.numbers.hiddenCells!).toBeGreaterThan(600);
    expect(result.notes).toContain('sightline.needTarget');
  });
});
