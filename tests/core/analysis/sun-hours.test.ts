import { describe, expect, it } from 'vitest';
import { Geodesic } from 'geographiclib-geodesic';
import { buildPickGrid, insideFootprint, type BuildingPickIndex } from '../../../src/core/building-pick-index.ts';
import type { ElevationGrid } from '../../../src/core/elevation-grid.ts';
import { standardSunWindow } from '../../../src/core/analysis/solar-terms.ts';
import {
  areaSamplePoints,
  buildingSamplePoints,
  computeSunHours,
  facadeShortfalls,
  sunSteps,
  terrainHeightSampler,
  type SunSamples,
} from '../../../src/core/analysis/sun-hours.ts';
import { noaaSun } from './noaa-solar.ts';

const LON = 106.57;
const LAT = 29.56;
const RAD = Math.PI / 180;
const MIN_H = 1 / 60;

/** Hours in [start, end] when `lit(sun)` holds, integrated every 5 s with NOAA's sun. */
function referenceHours(start: number, end: number, lit: (s: { azimuth: number; elevation: number }) => boolean): number {
  const dt = 5_000;
  let hours = 0;
  for (let t = start + dt / 2; t < end; t += dt) if (lit(noaaSun(LON, LAT, t))) hours += dt / 3_600_000;
  return hours;
}

/** The instant in [a, b] the NOAA azimuth crosses 180° (bisection; it rises through the day). */
function azimuthCrossing(a: number, b: number): number {
  for (let i = 0; i < 60; i++) {
    const mid = (a + b) / 2;
    if (noaaSun(LON, LAT, mid).azimuth < 180) a = mid;
    else b = mid;
  }
  return (a + b) / 2;
}

interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  base: number;
  top: number;
}

/** A pick index of axis-aligned boxes, rings counter-clockwise (solid on the left), as decode would give it. */
function boxIndex(boxes: Box[]): BuildingPickIndex {
  const count = boxes.length;
  const ringStart = new Uint32Array(count + 1).map((_, i) => i);
  const vertexStart = new Uint32Array(count + 1).map((_, i) => 4 * i);
  const heights = new Float32Array(boxes.flatMap((b) => [b.base, b.top]));
  const xy = new Float32Array(boxes.flatMap((b) => [b.x0, b.y0, b.x1, b.y0, b.x1, b.y1, b.x0, b.y1]));
  const bounds = new Float32Array(boxes.flatMap((b) => [b.x0, b.y0, b.x1, b.y1]));
  const partial = { origin: { lon: LON, lat: LAT, height: 0 }, count, codes: boxes.map((_, i) => `B${i}`), ringStart, vertexStart, heights, xy, bounds };
  return { ...partial, grid: buildPickGrid(partial) };
}

function points(list: { p: [number, number, number]; n: [number, number, number]; building?: number }[]): SunSamples {
  return {
    positions: new Float64Array(list.flatMap((q) => q.p)),
    normals: new Float32Array(list.flatMap((q) => q.n)),
    buildings: new Int32Array(list.map((q) => q.building ?? -1)),
  };
}

const window2026 = (() => {
  const w = standardSunWindow('major-cold', 2026, LON, LAT);
  if (!w.ok) throw new Error('no window');
  return w.value;
})();
const windowHours = (window2026.end - window2026.start) / 3_600_000;

function steps(stepMinutes: number) {
  const s = sunSteps(window2026, LON, LAT, stepMinutes);
  if (!s.ok) throw new Error('no steps');
  return s.value;
}

describe('sun hours: an isolated, very long east–west wall (30 m high, 2 m thick, 10 km long)', () => {
  const wall = boxIndex([{ x0: -5000, y0: 0, x1: 5000, y1: 2, base: 0, top: 30 }]);
  /** Lit north of the wall, d m from its north face, ray starting 5 cm up: it must clear the top. */
  const litNorth = (d: number) => (s: { azimuth: number; elevation: number }) => {
    if (!(s.elevation > 0)) return false;
    const off = Math.cos((s.azimuth - 180) * RAD);
    if (off <= 0) return true; // sun in the north half: the wall is behind
    return Math.tan(s.elevation * RAD) * (d / off) + 0.05 >= 30;
  };
  const scene = points([
    { p: [0, 5, 0], n: [0, 0, 1] }, // 3 m north of the wall
    { p: [0, 42, 0], n: [0, 0, 1] }, // 40 m north: lit around noon only
    { p: [0, 0, 0.9], n: [0, -1, 0], building: 0 }, // on the south face
  ]);

  it('a point just north gets no sun all day; the south face gets the whole 8–16 window', () => {
    expect(referenceHours(window2026.start, window2026.end, litNorth(3))).toBe(0);
    const southLit = referenceHours(window2026.start, window2026.end, (s) => s.elevation > 0 && Math.cos((s.azimuth - 180) * RAD) > 0);
    expect(southLit).toBeCloseTo(windowHours, 3);
    const r = computeSunHours(scene, steps(5), wall);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.hours[0]).toBe(0);
    expect(r.value.hours[2]).toBeCloseTo(windowHours, 4);
  });

  it('a point 40 m north gets the hours the sun clears the wall top, to half a step per edge', () => {
    const expected = referenceHours(window2026.start, window2026.end, litNorth(40));
    expect(expected).toBeGreaterThan(1);
    expect(expected).toBeLessThan(windowHours - 1);
    const coarse = computeSunHours(scene, steps(5), wall);
    const fine = computeSunHours(scene, steps(1), wall);
    if (!coarse.ok || !fine.ok) throw new Error('failed');
    expect(Math.abs(coarse.value.hours[1]! - expected)).toBeLessThan(5.5 * MIN_H);
    expect(Math.abs(fine.value.hours[1]! - expected)).toBeLessThan(1.2 * MIN_H);
  });

  it('shares and failures follow the hours against the 1 h / 2 h marks', () => {
    const expected40 = referenceHours(window2026.start, window2026.end, litNorth(40));
    const r = computeSunHours(scene, steps(1), wall, { thresholdHours: 2 });
    if (!r.ok) throw new Error('failed');
    const hours = [0, expected40, windowHours];
    const below = (h: number) => hours.filter((x) => x < h).length / hours.length;
    expect(r.value.shares.all.belowOneHour).toBeCloseTo(below(1), 10);
    expect(r.value.shares.all.belowTwoHours).toBeCloseTo(below(2), 10);
    expect(r.value.shares.ground.points).toBe(2);
    expect(r.value.shares.facade).toEqual({ points: 1, belowOneHour: 0, belowTwoHours: 0 });
    expect([...r.value.failed]).toEqual(hours.map((h) => (h < 2 ? 1 : 0)));
  });
});

describe('sun hours: facades by orientation (an isolated 10 m box, 20 m high)', () => {
  const box = boxIndex([{ x0: 0, y0: 0, x1: 10, y1: 10, base: 0, top: 20 }]);
  const scene = points([
    { p: [10, 5, 0.9], n: [1, 0, 0], building: 0 }, // east face
    { p: [0, 5, 0.9], n: [-1, 0, 0], building: 0 }, // west face
    { p: [5, 10, 0.9], n: [0, 1, 0], building: 0 }, // north face
  ]);

  it('an east face gets sun from the window start until the azimuth crosses 180°, a west face after', () => {
    const crossing = azimuthCrossing(window2026.start, window2026.end);
    const east = (crossing - window2026.start) / 3_600_000;
    const west = (window2026.end - crossing) / 3_600_000;
    expect(east).toBeGreaterThan(3.5); // sanity: the crossing is near true solar noon
    for (const [stepMinutes, tolerance] of [[5, 2.6 * MIN_H], [1, 0.6 * MIN_H]] as const) {
      const r = computeSunHours(scene, steps(stepMinutes), box);
      if (!r.ok) throw new Error('failed');
      expect(Math.abs(r.value.hours[0]! - east)).toBeLessThan(tolerance);
      expect(Math.abs(r.value.hours[1]! - west)).toBeLessThan(tolerance);
      expect(r.value.hours[2]).toBe(0); // north face on 大寒日: the sun never comes round
      expect(r.value.possibleHours[0]).toBe(r.value.hours[0]); // nothing around to block
    }
  });
});

describe('sun hours: terrain', () => {
  // A DEM at 10 m: flat (0 m) from 100 m north of the point to 300 m south of it, a ramp to
  // a 200 m plateau that starts 310 m south and runs on for 1.6 km; 6 km east–west.
  // Placed with Karney's geodesics (geographiclib), not with the module's frame maths.
  const geod = Geodesic.WGS84;
  const latAt = (north: number) => geod.Direct(LAT, LON, north >= 0 ? 0 : 180, Math.abs(north)).lat2!;
  const lonAt = (east: number) => geod.Direct(LAT, LON, east >= 0 ? 90 : 270, Math.abs(east)).lon2!;
  const rows = 201;
  const cols = 601;
  const data = new Float32Array(rows * cols);
  for (let r = 0; r < rows; r++) data.fill(100 - 10 * r <= -310 ? 200 : 0, r * cols, (r + 1) * cols);
  const grid: ElevationGrid = {
    width: cols,
    height: rows,
    west: lonAt(-3000),
    north: latAt(100),
    dx: (lonAt(3000) - lonAt(-3000)) / (cols - 1),
    dy: (latAt(100) - latAt(-1900)) / (rows - 1),
    data,
  };
  const terrain = { grid, origin: { lon: LON, lat: LAT, height: 0 }, stepMetres: 1, toleranceMetres: 1 };

  it('a ridge to the south hides the low morning and afternoon sun, by the plateau edge', () => {
    const expected = referenceHours(window2026.start, window2026.end, (s) => {
      if (!(s.elevation > 0)) return false;
      const off = Math.cos((s.azimuth - 180) * RAD);
      if (off <= 0) return true;
      // Blocked while the plateau edge (310 m south) stands more than 1 m above the ray.
      return Math.tan(s.elevation * RAD) * (310 / off) + 0.05 >= 200 - 1;
    });
    expect(expected).toBeGreaterThan(1);
    expect(expected).toBeLessThan(windowHours - 1);
    const r = computeSunHours(points([{ p: [0, 0, 0], n: [0, 0, 1] }]), steps(1), null, { terrain });
    if (!r.ok) throw new Error('failed');
    expect(Math.abs(r.value.hours[0]! - expected)).toBeLessThan(1.5 * MIN_H);
    // The frame's ground: 0 m here, the plateau's 200 m less the fall below the plane (~1 cm at 400 m).
    const ground = terrainHeightSampler(terrain);
    expect(ground(0, 0)).toBeCloseTo(0, 3);
    expect(ground(0, -400)).toBeCloseTo(200 - 400 ** 2 / (2 * 6_371_000), 2);
    // Ground points laid around a building on this DEM stand on it; facade points on the building's base + sill.
    const lone = boxIndex([{ x0: -5, y0: -305, x1: 5, y1: -295, base: 0, top: 10 }]);
    const placed = buildingSamplePoints(lone, 0, { radius: 20, groundSpacing: 5, terrain });
    if (!placed.ok) throw new Error('failed');
    const p = placed.value;
    for (let k = 0; k < p.buildings.length; k++) {
      const [y, z] = [p.positions[3 * k + 1]!, p.positions[3 * k + 2]!];
      const onDem = y >= -300 ? 0 : y <= -310 ? 200 : (200 * (-300 - y)) / 10;
      expect(z).toBeCloseTo(p.buildings[k]! < 0 ? onDem : 0.9, 1);
    }
    // Without the terrain the same point has the whole window.
    const open = computeSunHours(points([{ p: [0, 0, 0], n: [0, 0, 1] }]), steps(1), null);
    if (!open.ok) throw new Error('failed');
    expect(open.value.hours[0]).toBeCloseTo(windowHours, 4);
  });
});

describe('sample points for a building', () => {
  // The analysed building 0 (20 × 10 m), a neighbour 1 sharing its east wall, one farther
  // off. Corners at odd metres, so no grid node (multiples of 4 or 5 m) lies on an edge.
  const index = boxIndex([
    { x0: 1, y0: 1, x1: 21, y1: 11, base: 0, top: 18 },
    { x0: 21, y0: 1, x1: 31, y1: 11, base: 0, top: 18 },
    { x0: -41, y0: -41, x1: -29, y1: -29, base: 0, top: 50 },
  ]);

  it('puts facade points along each free wall at the sill, with outward normals', () => {
    const r = buildingSamplePoints(index, 0, { facadeSpacing: 5, groundSpacing: 4, radius: 12, sillHeight: 0.9 });
    if (!r.ok) throw new Error('failed');
    const s = r.value;
    const facade = [...s.buildings.keys()].filter((p) => s.buildings[p] === 0);
    // South and north walls 20 m → 4 each, west wall 10 m → 2, the shared east wall → none.
    expect(facade.length).toBe(10);
    for (const p of facade) {
      const [x, y, z] = [s.positions[3 * p]!, s.positions[3 * p + 1]!, s.positions[3 * p + 2]!];
      const [nx, ny, nz] = [s.normals[3 * p]!, s.normals[3 * p + 1]!, s.normals[3 * p + 2]!];
      expect(z).toBeCloseTo(0.9, 6);
      expect(Math.hypot(nx, ny, nz)).toBeCloseTo(1, 6);
      expect(x).toBeLessThan(21 - 1e-6); // nothing on the party wall
      expect(insideFootprint(index, 0, x + 0.5 * nx, y + 0.5 * ny)).toBe(false);
      expect(insideFootprint(index, 0, x - 0.5 * nx, y - 0.5 * ny)).toBe(true);
    }
  });

  it('lays the ground grid over the box grown by the radius, outside every footprint', () => {
    const r = buildingSamplePoints(index, 0, { groundSpacing: 4, radius: 12 });
    if (!r.ok) throw new Error('failed');
    const s = r.value;
    const ground = [...s.buildings.keys()].filter((p) => s.buildings[p] === -1);
    // Grid nodes at multiples of 4 m in [−11, 33] × [−11, 23], minus those in buildings 0 and 1.
    let expected = 0;
    for (let y = -8; y <= 20; y += 4) for (let x = -8; x <= 32; x += 4) if (!(x > 1 && x < 31 && y > 1 && y < 11)) expected++;
    expect(ground.length).toBe(expected);
    for (const p of ground) expect([s.normals[3 * p], s.normals[3 * p + 1], s.normals[3 * p + 2]]).toEqual([0, 0, 1]);
  });

  it('makes a drawn area a grid inside the ring', () => {
    const ring = Float64Array.from([-51, -51, -19, -51, -19, -19, -51, -19]);
    const r = areaSamplePoints(index, ring, { groundSpacing: 5 });
    if (!r.ok) throw new Error('failed');
    // Nodes −50…−20 every 5 m (7 × 7) minus building 2's −40…−30 (3 × 3).
    expect(r.value.buildings.length).toBe(49 - 9);
    expect([...r.value.buildings].every((b) => b === -1)).toBe(true);
  });

  it('refuses a building the index does not have', () => {
    const r = buildingSamplePoints(index, 7);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0]!.reason).toBe('bad-building');
  });
});

describe('residential buildings whose ground-floor facade falls short', () => {
  // Building 0 (residential) with a 60 m slab 15 m to its south; building 1 in the open.
  const index = boxIndex([
    { x0: 0, y0: 0, x1: 20, y1: 10, base: 0, top: 18 },
    { x0: -10, y0: -30, x1: 30, y1: -15, base: 0, top: 60 },
    { x0: 200, y0: 0, x1: 220, y1: 10, base: 0, top: 18 },
  ]);
  const samples = (b: number) => {
    const r = buildingSamplePoints(index, b, { radius: 0, groundSpacing: 100 });
    if (!r.ok) throw new Error('failed');
    const s = r.value;
    const keep = [...s.buildings.keys()].filter((p) => s.buildings[p]! >= 0);
    return { positions: Float64Array.from(keep.flatMap((p) => [...s.positions.subarray(3 * p, 3 * p + 3)])), normals: Float32Array.from(keep.flatMap((p) => [...s.normals.subarray(3 * p, 3 * p + 3)])), buildings: Int32Array.from(keep.map((p) => s.buildings[p]!)) };
  };
  const both = (() => {
    const a = samples(0);
    const c = samples(2);
    return { positions: Float64Array.from([...a.positions, ...c.positions]), normals: Float32Array.from([...a.normals, ...c.normals]), buildings: Int32Array.from([...a.buildings, ...c.buildings]) };
  })();

  it('flags the shaded building, not the open one, and only residential ones when asked', () => {
    // Analytic check that the slab does shade building 0's south face: at transit the sun
    // (NOAA) is under atan((60 − 0.9) / 15) high, so the whole south wall is in shadow then.
    const noon = noaaSun(LON, LAT, window2026.solarNoon);
    expect(Math.tan(noon.elevation * RAD) * 15).toBeLessThan(60 - 0.9);
    const r = computeSunHours(both, steps(5), index);
    if (!r.ok) throw new Error('failed');
    const short = facadeShortfalls(both, r.value);
    expect(short.map((s) => s.building)).toEqual([0]);
    expect(short[0]!.couldMeet).toBeGreaterThan(0);
    expect(short[0]!.short).toBeGreaterThan(0);
    const residential = new Uint8Array([0, 0, 1]);
    expect(facadeShortfalls(both, r.value, residential)).toEqual([]);
  });
});

describe('running in a worker', () => {
  it('reports progress in order and ends with the total', () => {
    const index = boxIndex([{ x0: 0, y0: 0, x1: 10, y1: 10, base: 0, top: 20 }]);
    const s = buildingSamplePoints(index, 0, { radius: 10, groundSpacing: 2 });
    if (!s.ok) throw new Error('failed');
    const calls: [number, number][] = [];
    const r = computeSunHours(s.value, steps(15), index, { onProgress: (d, t) => calls.push([d, t]), progressEvery: 10 });
    expect(r.ok).toBe(true);
    const n = s.value.buildings.length;
    expect(calls.at(-1)).toEqual([n, n]);
    expect(calls.length).toBe(Math.ceil(n / 10));
    for (let i = 1; i < calls.length; i++) expect(calls[i]![0]).toBeGreaterThan(calls[i - 1]![0]);
  });

  it('returns problems for mismatched arrays and bad steps', () => {
    const bad = computeSunHours({ positions: new Float64Array(6), normals: new Float32Array(3), buildings: new Int32Array(2) }, steps(15), null);
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.problems[0]!.reason).toBe('bad-samples');
    const step = sunSteps(window2026, LON, LAT, 0);
    expect(step.ok).toBe(false);
    if (!step.ok) expect(step.problems[0]!.reason).toBe('bad-step');
  });
});
