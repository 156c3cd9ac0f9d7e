import { describe, expect, it } from 'vitest';
import {
  formatArea,
  formatLength,
  groundDistance,
  heightDifference,
  polygonArea,
  polylineLength,
  snapToBuildingCorner,
  straightDistance,
  terrainSurfaceArea,
} from '../../../src/core/analysis/measure.ts';
import { geodesicDirect, geodesicDistance, WGS84_A, WGS84_F } from '../../../src/core/analysis/geodesy.ts';
import { decodeBuildingPickIndex, encodeBuildingPickIndex, type PickIndexBuilding } from '../../../src/core/building-pick-index.ts';
import { reasons, value } from './result-helpers.ts';

const DEG = Math.PI / 180;
const E2 = WGS84_F * (2 - WGS84_F);
const A = { lon: 106.57, lat: 29.56 };



describe('straight distance and height difference', () => {
  it('is the height difference on one vertical', () => {
    expect(value(straightDistance({ ...A, height: 180 }, { ...A, height: 392.5 }))).toBeCloseTo(212.5, 6);
    expect(value(heightDifference({ ...A, height: 392.5 }, { ...A, height: 180 }))).toBeCloseTo(-212.5, 9);
  });

  it('is the chord 2(a + h)·sin(Δλ/2) between two points on the equator at one height', () => {
    const h = 300;
    expect(value(straightDistance({ lon: 0, lat: 0, height: h }, { lon: 0.03, lat: 0, height: h }))).toBeCloseTo(2 * (WGS84_A + h) * Math.sin(0.015 * DEG), 6);
  });

  it('fails with bilingual problems for a missing height or NaN', () => {
    expect(reasons(straightDistance({ ...A, height: Number.NaN }, { ...A, height: 1 }))).toEqual(['not-finite']);
    expect(reasons(heightDifference({ lon: Number.NaN, lat: 29.5, height: 0 }, { ...A, height: 1 }))).toEqual(['not-finite']);
  });
});

describe('polyline length', () => {
  it('adds up to the quarter meridian (10 001 965.729 m) along a meridian', () => {
    const r = value(polylineLength([0, 30, 60, 90].map((lat) => ({ lon: 0, lat }))));
    expect(r.geodesic).toBeCloseTo(10_001_965.729, 2);
    expect(r.segments).toHaveLength(3);
    expect(r.spatial).toBeNull();
  });

  it('in space, goes straight up and down between points on one vertical', () => {
    const r = value(polylineLength([{ ...A, height: 0 }, { ...A, height: 100 }, { ...A, height: 40 }]));
    expect(r.geodesic).toBe(0);
    expect(r.spatial).toBeCloseTo(160, 6);
  });

  it('needs two points', () => {
    expect(reasons(polylineLength([A]))).toEqual(['too-few-points']);
    expect(reasons(polylineLength([]))).toEqual(['too-few-points']);
  });
});

describe('ground distance', () => {
  // A ridge line: up at slope k to the middle vertex, down at slope k after it, along one
  // geodesic of length L. Its surface length is L·√(1 + k²) by Pythagoras (heights ≤ 100 m
  // lengthen it by ≤ 100/6.4e6: under 2 cm on a kilometre).
  const L = 1000;
  const k = 0.2;
  const mid = geodesicDirect(A, 60, L / 2);
  const end = geodesicDirect(A, 60, L);
  const ridge = (lon: number, lat: number) => 100 - k * Math.abs(geodesicDistance(A, { lon, lat }) - L / 2);
  const expected = L * Math.sqrt(1 + k * k);

  it('follows a constant slope up and down: L·√(1 + k²)', () => {
    const r = value(groundDistance([A, mid, end], ridge));
    expect(Math.abs(r.distance - expected)).toBeLessThan(0.02);
    expect(r.geodesic).toBeCloseTo(L, 6);
    expect(r.samples).toBe(2 * Math.ceil(L / 2 / 5) + 1);
    expect(r.missing).toBe(0);
    expect(r.missingShare).toBe(0);
  });

  it('bridges a no-data gap with a straight line (exact on a constant slope)', () => {
    const gappy = (lon: number, lat: number) => {
      const s = geodesicDistance(A, { lon, lat });
      return s > 100 && s < 300 ? Number.NaN : ridge(lon, lat);
    };
    const r = value(groundDistance([A, mid, end], gappy));
    expect(Math.abs(r.distance - expected)).toBeLessThan(0.02);
    expect(r.missingShare).toBeGreaterThan(0.2);
    expect(r.missingShare).toBeLessThan(0.2 + 0.011);
  });

  it('counts no-data ends flat', () => {
    const start = (lon: number, lat: number) => (geodesicDistance(A, { lon, lat }) < 100 ? Number.NaN : ridge(lon, lat));
    const r = value(groundDistance([A, mid, end], start, { step: 10 }));
    // The first 100 m flat, the rest on the slope.
    expect(Math.abs(r.distance - (100 + (L - 100) * Math.sqrt(1 + k * k)))).toBeLessThan(0.02);
  });

  it('fails without ground or with a bad step', () => {
    expect(reasons(groundDistance([A, end], () => Number.NaN))).toEqual(['no-ground']);
    expect(reasons(groundDistance([A, end], ridge, { step: 0 }))).toEqual(['bad-option']);
    expect(reasons(groundDistance([A], ridge))).toEqual(['too-few-points']);
  });
});

describe('polygon area', () => {
  /** Closed-form area of the zone lat1..lat2 over dLon degrees on the ellipsoid. */
  function zoneArea(lat1: number, lat2: number, dLon: number): number {
    const e = Math.sqrt(E2);
    const b = WGS84_A * (1 - WGS84_F);
    const q = (lat: number) => {
      const s = Math.sin(lat * DEG);
      return s / (1 - E2 * s * s) + (1 / (2 * e)) * Math.log((1 + e * s) / (1 - e * s));
    };
    return ((b * b * dLon * DEG) / 2) * (q(lat2) - q(lat1));
  }
  // A 0.01° cell in the district: its geodesic edges bow off the parallels by 1 cm, and
  // the north and south bows cancel to well under 1 m².
  const cell = [
    { lon: 106.56, lat: 29.55 },
    { lon: 106.57, lat: 29.55 },
    { lon: 106.57, lat: 29.56 },
    { lon: 106.56, lat: 29.56 },
  ];

  it('matches the closed-form zone area for a 0.01° cell, closed or not, either winding', () => {
    const expected = zoneArea(29.55, 29.56, 0.01);
    expect(Math.abs(value(polygonArea(cell)).area - expected)).toBeLessThan(1);
    expect(Math.abs(value(polygonArea([...cell, cell[0]!])).area - expected)).toBeLessThan(1);
    expect(Math.abs(value(polygonArea([...cell].reverse())).area - expected)).toBeLessThan(1);
  });

  it('fails for an empty, too small, NaN or collinear ring', () => {
    expect(reasons(polygonArea([]))).toEqual(['too-few-points']);
    expect(reasons(polygonArea(cell.slice(0, 2)))).toEqual(['too-few-points']);
    expect(reasons(polygonArea([...cell.slice(0, 3), { lon: Number.NaN, lat: 29.56 }]))).toEqual(['not-finite']);
    // Three points on one meridian (a geodesic), and a point twice.
    expect(reasons(polygonArea([A, { lon: 106.57, lat: 29.565 }, { lon: 106.57, lat: 29.57 }]))).toEqual(['degenerate-polygon']);
    expect(reasons(polygonArea([A, A, { lon: 106.58, lat: 29.56 }]))).toEqual(['degenerate-polygon']);
  });
});

describe('terrain surface area', () => {
  // Metres per degree from short geodesics (the reference, not the module's own scale).
  const mLon = geodesicDistance({ lon: 106.57, lat: 29.56 }, { lon: 106.571, lat: 29.56 }) / 0.001;
  const mLat = geodesicDistance({ lon: 106.57, lat: 29.5595 }, { lon: 106.57, lat: 29.5605 }) / 0.001;
  const east = (lon: number) => (lon - A.lon) * mLon;
  const north = (lat: number) => (lat - A.lat) * mLat;
  // A concave (L-shaped, notched) ring about 300 m across, so the clipping matters.
  const ring = [
    [0, 0], [300, 0], [300, 120], [140, 120], [140, 260], [0, 260], [60, 130],
  ].map(([x, y]) => ({ lon: A.lon + x! / mLon, lat: A.lat + y! / mLat }));

  it('is the geodesic area on flat ground', () => {
    const flat = value(polygonArea(ring)).area;
    const r = value(terrainSurfaceArea(ring, () => 250));
    expect(r.area / flat).toBeCloseTo(1, 10);
    expect(r.planarArea).toBe(flat);
    expect(r.missingShare).toBe(0);
  });

  it('is planar / cos(slope) on a tilted plane, any direction, any cell size', () => {
    const flat = value(polygonArea(ring)).area;
    const slope = 30 * DEG;
    const tiltedEast = (lon: number) => 200 + Math.tan(slope) * east(lon);
    expect(value(terrainSurfaceArea(ring, tiltedEast)).area / (flat / Math.cos(slope))).toBeCloseTo(1, 4);
    const gx = 0.3;
    const gy = -0.4; // slope tan⁻¹ 0.5
    const oblique = (lon: number, lat: number) => 200 + gx * east(lon) + gy * north(lat);
    const expected = flat * Math.sqrt(1 + gx * gx + gy * gy);
    expect(value(terrainSurfaceArea(ring, oblique)).area / expected).toBeCloseTo(1, 4);
    const coarse = value(terrainSurfaceArea(ring, oblique, { maxCells: 50 }));
    expect(coarse.cellSize).toBeGreaterThan(30);
    expect(coarse.area / expected).toBeCloseTo(1, 4);
  });

  it('counts no-data ground flat and says how much', () => {
    const flat = value(polygonArea(ring)).area;
    const slope = 45 * DEG;
    // Ground known east of x = 140 m only: the 160 m × 120 m block of the ring.
    const half = (lon: number) => (east(lon) < 140 ? Number.NaN : 100 + Math.tan(slope) * east(lon));
    const r = value(terrainSurfaceArea(ring, half, { cellSize: 4 }));
    const shoelace = 300 * 120 + 140 * 140 - (260 * 60) / 2; // the L less the notch triangle
    const knownShare = (160 * 120) / shoelace;
    expect(r.missingShare).toBeGreaterThan(1 - knownShare - 0.02);
    expect(r.missingShare).toBeLessThan(1 - knownShare + 0.02);
    const expected = flat * (1 - knownShare + knownShare / Math.cos(slope));
    expect(Math.abs(r.area / expected - 1)).toBeLessThan(0.02);
  });

  it('fails for no ground, a bad cell size or a bad ring', () => {
    expect(reasons(terrainSurfaceArea(ring, () => Number.NaN))).toEqual(['no-ground']);
    expect(reasons(terrainSurfaceArea(ring, () => 0, { cellSize: -1 }))).toEqual(['bad-option']);
    expect(reasons(terrainSurfaceArea([], () => 0))).toEqual(['too-few-points']);
  });
});

describe('labels', () => {
  it.each([
    [0, '0.0 m'],
    [8.46, '8.5 m'],
    [9.96, '10 m'],
    [850.4, '850 m'],
    [999.6, '1.00 km'],
    [1250, '1.25 km'],
    [12_549, '12.5 km'],
    [125_400, '125 km'],
    [1_234_000, '1,234 km'],
    [-42, '-42 m'],
    [Number.NaN, '—'],
  ])('formatLength(%s) = %s', (m, text) => expect(formatLength(m)).toBe(text));

  it.each([
    [3.21, '3.2 m²'],
    [950.2, '950 m²'],
    [125_000, '125,000 m²'],
    [999_999.7, '1.00 km²'],
    [1_200_000, '1.20 km²'],
    [18_440_000, '18.4 km²'],
    [Number.POSITIVE_INFINITY, '—'],
  ])('formatArea(%s) = %s', (m2, text) => expect(formatArea(m2)).toBe(text));
});

describe('snapping to building corners', () => {
  const M_LAT = 110_800;
  const M_LON = 111_320 * Math.cos(A.lat * DEG);
  const box = (code: string, cx: number, cy: number, half: number, base: number, roof: number): PickIndexBuilding => ({
    code,
    polygons: [[Float64Array.from([[-1, -1], [1, -1], [1, 1], [-1, 1]].flatMap(([x, y]) => [A.lon + (cx + x! * half) / M_LON, A.lat + (cy + y! * half) / M_LAT]))]],
    base,
    roof,
  });
  const index = decodeBuildingPickIndex(encodeBuildingPickIndex([box('YZ-1', 0, 0, 10, 200, 260), box('YZ-2', 30, 0, 5, 210, 230)], { origin: [A.lon, A.lat, 0] }));
  const corner = (v: number): [number, number] => [index.xy[2 * v]!, index.xy[2 * v + 1]!];
  const top = index.heights[1]!;
  const base = index.heights[0]!;

  it('snaps to the nearest corner within the tolerance, top or base', () => {
    const [x, y] = corner(2);
    const s = snapToBuildingCorner(index, [x + 1, y - 1, top - 0.5]);
    expect(s).toMatchObject({ building: 0, code: 'YZ-1', vertex: 2, level: 'top' });
    expect(s!.distance).toBeCloseTo(1.5, 6);
    expect(s!.position).toEqual([x, y, top]);
    expect(snapToBuildingCorner(index, [x, y, base + 1])).toMatchObject({ vertex: 2, level: 'base' });
  });

  it('snaps to the second building when it is nearer', () => {
    const v = index.vertexStart[1]!;
    const [x, y] = corner(v);
    expect(snapToBuildingCorner(index, [x - 0.5, y, index.heights[3]!])).toMatchObject({ building: 1, code: 'YZ-2', vertex: v, level: 'top' });
  });

  it('gives null beyond the tolerance (default 2 m) and snaps with a larger one', () => {
    const [x, y] = corner(0);
    expect(snapToBuildingCorner(index, [x - 2, y - 2, top])).toBeNull();
    expect(snapToBuildingCorner(index, [x - 2, y - 2, top], { tolerance: 3 })).toMatchObject({ building: 0, vertex: 0 });
    expect(snapToBuildingCorner(index, [500, 500, 0])).toBeNull();
    expect(snapToBuildingCorner(index, [Number.NaN, 0, 0])).toBeNull();
  });
});
