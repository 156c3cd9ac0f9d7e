/**
 * The section's ground and buildings against references it does not compute: a DEM that
 * is a plane in lon/lat (bilinear is exact there), and the buildings crossed found by
 * brute force — the line sampled every 5 cm with the footprint's own point-in-polygon
 * test — including an L-shaped building the line enters twice and a bend inside one.
 */
import { describe, expect, it } from 'vitest';
import { buildingsAlong, excavation, groundProfile, lengthInside, lineCrossings } from '../../../src/core/analysis/section.ts';
import { createEnuFrame, geodesicDistance } from '../../../src/core/analysis/geodesy.ts';
import { decodeBuildingPickIndex, encodeBuildingPickIndex, insideFootprint, type PickIndexBuilding } from '../../../src/core/building-pick-index.ts';
import type { ElevationGrid } from '../../../src/core/elevation-grid.ts';
import { reasons, value } from './result-helpers.ts';

const LON0 = 106.57, LAT0 = 29.56, BASE = 200;
const frame = createEnuFrame([LON0, LAT0, BASE]);
const at = (x: number, y: number) => {
  const g = frame.toGeodetic(x, y, 0);
  return { lon: g.lon, lat: g.lat };
};

function building(code: string, ring: [number, number][], roof: number): PickIndexBuilding {
  return { code, polygons: [[Float64Array.from(ring.flatMap(([x, y]) => { const p = at(x, y); return [p.lon, p.lat]; }))]], base: BASE, roof: BASE + roof };
}
const index = decodeBuildingPickIndex(encodeBuildingPickIndex([
  building('YZ-00001', [[20, -5], [40, -5], [40, 5], [20, 5]], 10),
  // An L: the line y = 0 crosses its foot (x 60–70) and its arm (x 90–100), not the gap between.
  building('YZ-00002', [[60, -10], [100, -10], [100, 5], [90, 5], [90, -2], [70, -2], [70, 5], [60, 5]], 30),
  building('YZ-00003', [[150, 20], [160, 20], [160, 30], [150, 30]], 5),
], { origin: [LON0, LAT0, BASE] }));

/** Brute force: intervals along the polyline where a dense walk is inside each footprint. */
function bruteForce(points: { lon: number; lat: number }[]): { code: string; from: number; to: number }[] {
  const step = 0.05;
  const out: { code: string; from: number; to: number }[] = [];
  let offset = 0;
  for (let k = 0; k + 1 < points.length; k++) {
    const p = frame.toLocal(points[k]!.lon, points[k]!.lat, 0), q = frame.toLocal(points[k + 1]!.lon, points[k + 1]!.lat, 0);
    const len = geodesicDistance(points[k]!, points[k + 1]!);
    const n = Math.ceil(len / step);
    for (let i = 0; i <= n; i++) {
      const t = i / n, x = p[0] + (q[0] - p[0]) * t, y = p[1] + (q[1] - p[1]) * t, d = offset + t * len;
      for (let b = 0; b < index.count; b++) {
        if (!insideFootprint(index, b, x, y)) continue;
        const last = out.findLast((o) => o.code === index.codes[b]);
        if (last && d - last.to <= step * 1.5) last.to = d;
        else out.push({ code: index.codes[b]!, from: d, to: d });
      }
    }
    offset += len;
  }
  return out.sort((a, b) => a.from - b.from);
}

describe('section along a line', () => {
  it('crosses the buildings where brute force finds them, the L twice', () => {
    const line = [at(0, 0), at(200, 0)];
    const got = value(buildingsAlong(index, line));
    const ref = bruteForce(line);
    expect(got.map((c) => c.code)).toEqual(['YZ-00001', 'YZ-00002', 'YZ-00002']);
    expect(got.map((c) => c.code)).toEqual(ref.map((r) => r.code));
    got.forEach((c, i) => {
      expect(c.from).toBeCloseTo(ref[i]!.from, 1);
      expect(c.to).toBeCloseTo(ref[i]!.to, 1);
    });
    expect(got[0]!.from).toBeCloseTo(20, 1);
    expect(got[1]!.to - got[1]!.from).toBeCloseTo(10, 1);
    expect(got[0]!.top - got[0]!.base).toBeCloseTo(10, 2);
  });

  it('joins a pass where the line bends inside a footprint, and finds a building only a bend reaches', () => {
    const line = [at(0, 0), at(30, 0), at(155, 25)];
    const got = value(buildingsAlong(index, line));
    const ref = bruteForce(line);
    expect(got.map((c) => c.code)).toEqual(ref.map((r) => r.code));
    expect(got.filter((c) => c.code === 'YZ-00001')).toHaveLength(1);
    got.forEach((c, i) => expect(c.to).toBeCloseTo(ref[i]!.to, 1));
    expect(got.at(-1)!.code).toBe('YZ-00003');
  });

  it('samples the ground every 2 m with the vertices’ distances, exact on a plane', () => {
    const west = LON0 - 0.01, north = LAT0 + 0.01, d = 0.0001, cols = 200, rows = 200;
    const data = new Float32Array(cols * rows);
    for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) data[r * cols + c] = 300 + 2 * c - r;
    const grid: ElevationGrid = { width: cols, height: rows, west, north, dx: d, dy: d, data };
    const line = [at(0, 0), at(100, 0), at(100, 60)];
    const p = value(groundProfile(line, grid));
    expect(p.vertices).toHaveLength(3);
    expect(p.length).toBeCloseTo(geodesicDistance(line[0]!, line[1]!) + geodesicDistance(line[1]!, line[2]!), 6);
    for (let i = 1; i < p.distance.length; i++) expect(p.distance[i]! - p.distance[i - 1]!).toBeLessThanOrEqual(2 + 1e-9);
    for (let i = 0; i < p.ground.length; i += 17) {
      const plane = 300 + (2 * (p.lon[i]! - west)) / d - (north - p.lat[i]!) / d;
      expect(p.ground[i]).toBeCloseTo(plane, 2);
    }
  });

  it('refuses a line of one point, in both languages', () => {
    expect(reasons(buildingsAlong(index, [at(0, 0)]))).toEqual(['too-few-points']);
  });
});

describe('excavation', () => {
  const west = LON0 - 0.01, north = LAT0 + 0.01, d = 0.0001, cols = 200, rows = 200;
  const gridOf = (h: (lon: number, lat: number) => number): ElevationGrid => {
    const data = new Float32Array(cols * rows);
    for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) data[r * cols + c] = h(west + c * d, north - r * d);
    return { width: cols, height: rows, west, north, dx: d, dy: d, data };
  };
  const square = [at(-20, -20), at(20, -20), at(20, 20), at(-20, 20)];

  it('on flat ground: floor = ground − depth, volume = area × depth', () => {
    const p = value(excavation(square, 6, gridOf(() => 250)));
    expect(p.floorM).toBeCloseTo(244, 4);
    expect(p.areaM2).toBeCloseTo(1600, 0);
    expect(p.volumeM3 / (1600 * 6)).toBeCloseTo(1, 2);
    expect(p.outline.length).toBeGreaterThanOrEqual(80);
  });

  it('on a slope rising 10 % east: the floor under the low rim, volume = area × (depth + mean rise above the rim)', () => {
    // Height = 250 + 0.1 · east (m), east from the frame origin; the low rim is at x = −20 (248 m).
    const grid = gridOf((lon, lat) => 250 + 0.1 * frame.toLocal(lon, lat, 0)[0]);
    const p = value(excavation(square, 5, grid));
    expect(p.rimMinM).toBeCloseTo(248, 1);
    expect(p.rimMaxM).toBeCloseTo(252, 1);
    expect(p.floorM).toBeCloseTo(243, 1);
    // Mean ground over the square is 250 → 7 m above the floor on average.
    expect(p.volumeM3 / (1600 * 7)).toBeCloseTo(1, 2);
  });

  it('refuses an outline of two points and a depth of zero', () => {
    expect(reasons(excavation(square.slice(0, 2), 0, gridOf(() => 250))).sort()).toEqual(['bad-option', 'too-few-points']);
  });
});

describe('pipes against a drawn line or outline', () => {
  it('finds where a pipe crosses the section, in order, at the right distance', () => {
    const section = [at(0, 0), at(100, 0), at(100, 100)];
    // A zigzag pipe crossing y = 0 at x = 30 and x = 70, then x = 100 at y = 50.
    const pipe = [[10, 10], [30, -10], [50, 10], [70, -10]].map(([x, y]) => { const p = at(x!, y!); return [p.lon, p.lat]; });
    const other = [[90, 50], [110, 50]].map(([x, y]) => { const p = at(x!, y!); return [p.lon, p.lat]; });
    const a = lineCrossings(section, pipe);
    expect(a.map((c) => Math.round(c.distanceM))).toEqual([20, 40, 60]);
    const b = lineCrossings(section, other);
    expect(b).toHaveLength(1);
    expect(b[0]!.distanceM).toBeCloseTo(geodesicDistance(section[0]!, section[1]!) + 50, 0);
  });

  it('measures a pipe’s length inside a notched outline as plane geometry gives it', () => {
    const ring = [at(0, 0), at(40, 0), at(40, 40), at(20, 20), at(0, 40)]; // a notched square
    const pipe = [[-10, 30], [50, 30]].map(([x, y]) => { const p = at(x!, y!); return [p.lon, p.lat]; });
    const got = lengthInside(ring, pipe)!;
    // Inside where 0 ≤ x ≤ 10 and 30 ≤ x ≤ 40 (the notch's edges y = x and y = 40 − x at y = 30): 20 m.
    expect(got.lengthM).toBeCloseTo(20, 2);
    expect(lengthInside(ring, [[at(100, 100).lon, at(100, 100).lat], [at(120, 100).lon, at(120, 100).lat]])).toBeNull();
  });
});
