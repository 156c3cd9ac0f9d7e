import geodesic from 'geographiclib-geodesic';
import { describe, expect, it } from 'vitest';
import {
  buildingsUnderWater,
  floodFill,
  pipesUnderWater,
  type FloodMap,
  type FootprintInput,
  type PipeSegmentInput,
} from '../../../src/core/analysis/flood.ts';
import type { ElevationGrid } from '../../../src/core/elevation-grid.ts';

const WGS84 = geodesic.Geodesic.WGS84;

// A synthetic valley: a river channel along column 50 (160 m at the bottom, banks rising
// 2 m per column), so at a level L the channel floods the columns with 160 + 2|c − 50| < L.
const W = 101, H = 81, WEST = 106.55, NORTH = 29.57, D = 1e-4;
const channel = (c: number): number => 160 + 2 * Math.abs(c - 50);

function valley(edit?: (data: Float32Array) => void): ElevationGrid {
  const data = new Float32Array(W * H);
  for (let r = 0; r < H; r++) for (let c = 0; c < W; c++) data[r * W + c] = channel(c);
  edit?.(data);
  return { width: W, height: H, west: WEST, north: NORTH, dx: D, dy: D, data };
}
const lonOf = (c: number): number => WEST + c * D;
const latOf = (r: number): number => NORTH - r * D;
const RIVER = { kind: 'points' as const, points: [[lonOf(50), latOf(40)]] };

function flood(grid: ElevationGrid, level: number, connectivity: 4 | 8 = 4): FloodMap {
  const res = floodFill(grid, level, RIVER, { connectivity });
  if (!res.ok) throw new Error(res.problems.map((p) => p.message).join('; '));
  return res.value;
}

function bilingual(message: string | undefined): void {
  expect(message).toMatch(/[\u4e00-\u9fff]/);
  expect(message).toMatch(/ \/ [A-Za-z]/);
}

describe('floodFill', () => {
  // A closed hollow at 150 m around (40, 85), ringed by banks at 220 m and more.
  const withHollow = valley((d) => {
    for (let r = 36; r <= 44; r++) for (let c = 81; c <= 89; c++) if ((r - 40) ** 2 + (c - 85) ** 2 <= 16) d[r * W + c] = 150;
  });

  it('floods the channel and its banks up to the level and leaves the closed hollow dry', () => {
    const f = flood(withHollow, 180);
    // |c − 50| < 10: columns 41…59 on every row; 160 + 2·10 = 180 is not below 180.
    for (let r = 0; r < H; r++) {
      for (let c = 0; c < W; c++) {
        const expected = Math.abs(c - 50) < 10 ? 1 : 0;
        if (f.mask[r * W + c] !== expected) throw new Error(`cell (${r}, ${c}): ${f.mask[r * W + c]} ≠ ${expected}`);
      }
    }
    expect(f.floodedCells).toBe(19 * H);
    expect(f.mask[40 * W + 85]).toBe(0); // the hollow, 30 m below the level
    expect(f.depth[40 * W + 85]).toBe(0);
    expect(f.depth[10 * W + 50]).toBeCloseTo(20, 5);
    expect(f.depth[10 * W + 45]).toBeCloseTo(10, 5);
    expect(f.maxDepthM).toBeCloseTo(20, 5);
    expect(f.bounds).toMatchObject({ minCol: 41, maxCol: 59, minRow: 0, maxRow: H - 1 });
    // One run per row: (row, 41, 59).
    expect(f.runs.length).toBe(3 * H);
    expect([...f.runs.slice(3 * 7, 3 * 8)]).toEqual([7, 41, 59]);
  });

  it('measures the flooded area as the ellipsoidal quadrangle the flooded cells tile', () => {
    const f = flood(withHollow, 180);
    // Cells are centred on samples: the flood covers lon west + 40.5D … west + 59.5D and
    // lat from half a cell south of the last row to half a cell north of the first.
    const w = lonOf(40.5), e = lonOf(59.5), n = NORTH + D / 2, s = latOf(H - 1) - D / 2;
    const p = WGS84.Polygon(false);
    p.AddPoint(s, w); p.AddPoint(s, e); p.AddPoint(n, e); p.AddPoint(n, w);
    const reference = Math.abs(p.Compute(false, true).area!);
    expect(f.areaM2 / reference - 1).toBeLessThan(1e-5);
    expect(f.areaM2 / reference - 1).toBeGreaterThan(-1e-5);
    // And roughly 19 × 81 cells of ~9.7 m × 11.1 m.
    expect(f.areaM2).toBeGreaterThan(19 * 81 * 9.6 * 11.0);
    expect(f.areaM2).toBeLessThan(19 * 81 * 9.8 * 11.2);
  });

  it('reaches a pocket through a corner only with 8-connectivity', () => {
    // Pocket (10, 60) at 170 m: its edge neighbours are dry (wall (10, 59) at 190 m, the
    // others at 180–182 m), its corner neighbours (9, 59), (11, 59) are flooded.
    const g = valley((d) => { d[10 * W + 60] = 170; d[10 * W + 59] = 190; });
    const four = flood(g, 180, 4);
    const eight = flood(g, 180, 8);
    expect(four.mask[10 * W + 60]).toBe(0);
    expect(eight.mask[10 * W + 60]).toBe(1);
    expect(four.mask[10 * W + 59]).toBe(0);
    expect(four.floodedCells).toBe(19 * H - 1);
    expect(eight.floodedCells).toBe(19 * H);
  });

  it('floods the same from grid-edge seeds, and nothing from a dry seed', () => {
    const edge = floodFill(withHollow, 180, { kind: 'edge' });
    expect(edge.ok && edge.value.floodedCells).toBe(19 * H);
    const dry = floodFill(withHollow, 180, { kind: 'points', points: [[lonOf(80), latOf(40)]] });
    expect(dry.ok && dry.value.floodedCells).toBe(0);
    expect(dry.ok && dry.value.seedsDry).toBe(1);
    expect(dry.ok && dry.value.bounds).toBeNull();
    // A seed cell inside the hollow floods the hollow alone: 49 cells within radius 4.
    const inHollow = floodFill(withHollow, 180, { kind: 'cells', cells: [40 * W + 85] });
    expect(inHollow.ok && inHollow.value.floodedCells).toBe(49);
  });

  it('never floods no-data and lets it block the flow', () => {
    // A no-data wall across the channel at row 30, north of the seed (row 40): rows 0…29 stay dry.
    const g = valley((d) => { for (let c = 0; c < W; c++) d[30 * W + c] = Number.NaN; });
    const f = flood(g, 180);
    expect(f.floodedCells).toBe(19 * (H - 31));
    expect(f.mask[29 * W + 50]).toBe(0);
    expect(f.mask[30 * W + 50]).toBe(0);
    expect(f.mask[31 * W + 50]).toBe(1);
  });

  it('refuses bad input with bilingual problems', () => {
    const g = valley();
    const nanLevel = floodFill(g, Number.NaN, RIVER);
    expect(nanLevel.ok).toBe(false);
    if (!nanLevel.ok) { expect(nanLevel.problems[0]!.reason).toBe('bad-level'); bilingual(nanLevel.problems[0]!.message); bilingual(nanLevel.problems[0]!.fix); }

    const empty = floodFill({ width: 0, height: 0, west: WEST, north: NORTH, dx: D, dy: D, data: new Float32Array(0) }, 180, RIVER);
    expect(empty.ok).toBe(false);
    if (!empty.ok) { expect(empty.problems[0]!.reason).toBe('empty-grid'); bilingual(empty.problems[0]!.message); }

    const outside = floodFill(g, 180, { kind: 'points', points: [[lonOf(50), latOf(40)], [106.7, 29.57]] });
    expect(outside.ok).toBe(false);
    if (!outside.ok) {
      expect(outside.problems).toHaveLength(1);
      expect(outside.problems[0]).toMatchObject({ reason: 'seed-outside-grid', index: 1 });
      bilingual(outside.problems[0]!.message);
    }

    const badCell = floodFill(g, 180, { kind: 'cells', cells: [W * H] });
    expect(!badCell.ok && badCell.problems[0]!.reason).toBe('seed-outside-grid');
    const none = floodFill(g, 180, { kind: 'points', points: [] });
    expect(!none.ok && none.problems[0]!.reason).toBe('no-seeds');
  });
});

// A small deterministic generator, so the random cases are the same on every run.
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

function pointInRingRef(ring: number[][], x: number, y: number): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!, [xj, yj] = ring[j]!;
    if (yi! > y !== yj! > y && x < ((xj! - xi!) * (y - yi!)) / (yj! - yi!) + xi!) inside = !inside;
  }
  return inside;
}

function segmentsMeet(a: number[], b: number[], c: number[], d: number[]): boolean {
  const o = (p: number[], q: number[], r: number[]): number => Math.sign((q[0]! - p[0]!) * (r[1]! - p[1]!) - (q[1]! - p[1]!) * (r[0]! - p[0]!));
  const on = (p: number[], q: number[], r: number[]): boolean =>
    Math.min(p[0]!, q[0]!) <= r[0]! && r[0]! <= Math.max(p[0]!, q[0]!) && Math.min(p[1]!, q[1]!) <= r[1]! && r[1]! <= Math.max(p[1]!, q[1]!);
  const o1 = o(a, b, c), o2 = o(a, b, d), o3 = o(c, d, a), o4 = o(c, d, b);
  if (o1 !== o2 && o3 !== o4) return true;
  return (o1 === 0 && on(a, b, c)) || (o2 === 0 && on(a, b, d)) || (o3 === 0 && on(c, d, a)) || (o4 === 0 && on(c, d, b));
}

/** Whether the closed square around sample (r, c) meets the polygon ring (brute force). */
function cellMeetsRing(r: number, c: number, ring: number[][]): boolean {
  const x0 = lonOf(c - 0.5), x1 = lonOf(c + 0.5), y0 = latOf(r + 0.5), y1 = latOf(r - 0.5);
  if (ring.some(([x, y]) => x! >= x0 && x! <= x1 && y! >= y0 && y! <= y1)) return true;
  const sq = [[x0, y0], [x1, y0], [x1, y1], [x0, y1]];
  if (sq.some(([x, y]) => pointInRingRef(ring, x!, y!))) return true;
  for (let i = 0; i < ring.length; i++) {
    for (let k = 0; k < 4; k++) if (segmentsMeet(ring[i]!, ring[(i + 1) % ring.length]!, sq[k]!, sq[(k + 1) % 4]!)) return true;
  }
  return false;
}

describe('buildingsUnderWater', () => {
  const LEVEL = 183.5; // floods |c − 50| < 11.75: columns 39…61
  const wetCol = (c: number): boolean => Math.abs(c - 50) < 11.75;
  const grid = valley();
  const f = flood(grid, LEVEL);

  // Random quadrilaterals (convex, rotated), 0.2–4 cells across, anywhere in the grid.
  const rnd = lcg(18);
  const grades = ['A', 'B', 'C', 'D', null];
  const areas = ['core', 'wing', null];
  const footprints: FootprintInput[] = [];
  for (let k = 0; k < 300; k++) {
    const cx = 3 + rnd() * (W - 7), cy = 3 + rnd() * (H - 7);
    const half = (0.1 + rnd() * 1.9), rot = rnd() * Math.PI;
    const ring: number[][] = [];
    for (let v = 0; v < 4; v++) {
      const a = rot + (v * Math.PI) / 2 + (rnd() - 0.5) * 0.6;
      const rad = half * (0.6 + rnd() * 0.4);
      ring.push([lonOf(cx + rad * Math.cos(a)), latOf(cy + rad * Math.sin(a))]);
    }
    ring.push(ring[0]!);
    footprints.push({ code: `B${k}`, geometry: { type: 'Polygon', coordinates: [ring] }, grade: grades[k % 5]!, areaId: areas[k % 3]! });
  }

  // Brute force: every footprint × every DEM cell; the ground from the channel's closed form.
  const expected = new Map<string, number>();
  for (const fp of footprints) {
    const ring = (fp.geometry.coordinates[0] as number[][]).slice(0, -1);
    let touchesWater = false;
    for (let r = 0; r < H && !touchesWater; r++) for (let c = 0; c < W; c++) if (wetCol(c) && cellMeetsRing(r, c, ring)) { touchesWater = true; break; }
    // |c − 50| along a straight edge is smallest at a vertex, or 0 where the edge crosses c = 50.
    const cols = ring.map(([lon]) => (lon! - WEST) / D);
    let minDist = Math.min(...cols.map((c) => Math.abs(c - 50)));
    for (let i = 0; i < cols.length; i++) if ((cols[i]! - 50) * (cols[(i + 1) % cols.length]! - 50) <= 0) minDist = 0;
    const ground = 160 + 2 * minDist;
    if (touchesWater && ground < LEVEL) expected.set(fp.code, ground);
  }

  it('lists the buildings a brute-force footprint × cell comparison finds, with the ground at the door', () => {
    const res = buildingsUnderWater(f, footprints);
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    // The random set exercises both sides: doors below the level, dry or wet.
    expect(expected.size).toBeGreaterThan(20);
    expect(expected.size).toBeLessThan(footprints.length - 20);
    expect(new Set(res.value.buildings.map((b) => b.code))).toEqual(new Set(expected.keys()));
    for (const b of res.value.buildings) {
      expect(b.groundM, b.code).toBeCloseTo(expected.get(b.code)!, 6);
      expect(b.depthM, b.code).toBeCloseTo(LEVEL - expected.get(b.code)!, 6);
    }
    for (let i = 1; i < res.value.buildings.length; i++) expect(res.value.buildings[i - 1]!.depthM).toBeGreaterThanOrEqual(res.value.buildings[i]!.depthM);
    expect(res.value.skipped).toEqual([]);
  });

  it('counts the flooded buildings by grade and by area', () => {
    const res = buildingsUnderWater(f, footprints);
    if (!res.ok) throw new Error('failed');
    const byGrade = new Map<string | null, number>();
    const byArea = new Map<string | null, number>();
    for (const fp of footprints) {
      if (!expected.has(fp.code)) continue;
      byGrade.set(fp.grade ?? null, (byGrade.get(fp.grade ?? null) ?? 0) + 1);
      byArea.set(fp.areaId ?? null, (byArea.get(fp.areaId ?? null) ?? 0) + 1);
    }
    expect(new Map(res.value.byGrade.map((g) => [g.key, g.count]))).toEqual(byGrade);
    expect(new Map(res.value.byArea.map((a) => [a.key, a.count]))).toEqual(byArea);
    expect(res.value.byGrade.at(-1)!.key).toBeNull(); // 未鉴定 last
  });

  it('floods a footprint smaller than a cell that holds no sample, and not one on a dry bank below the level', () => {
    // Inside the square of sample (20, 45) (wet), away from the sample itself.
    const tiny = [[lonOf(45.1), latOf(20.1)], [lonOf(45.3), latOf(20.1)], [lonOf(45.3), latOf(20.3)], [lonOf(45.1), latOf(20.3)]];
    // Spans columns 61.6…62.4: ground 160 + 2·11.6 = 183.2 < 183.5, but only dry cells 62 are met.
    const bank = [[lonOf(61.6), latOf(20)], [lonOf(62.4), latOf(20)], [lonOf(62.4), latOf(20.4)], [lonOf(61.6), latOf(20.4)]];
    const res = buildingsUnderWater(f, [
      { code: 'tiny', geometry: { type: 'Polygon', coordinates: [tiny] } },
      { code: 'bank', geometry: { type: 'Polygon', coordinates: [bank] } },
      { code: 'flat', geometry: { type: 'Polygon', coordinates: [[[lonOf(1), latOf(1)], [lonOf(2), latOf(1)]]] } },
    ]);
    if (!res.ok) throw new Error('failed');
    expect(res.value.buildings.map((b) => b.code)).toEqual(['tiny']);
    expect(res.value.buildings[0]!.groundM).toBeCloseTo(160 + 2 * 4.7, 6);
    expect(res.value.buildings[0]!.grade).toBeNull();
    expect(res.value.skipped).toEqual([{ code: 'flat', reason: 'no-ring' }]);
  });

  it('refuses a non-positive outline step with a bilingual problem', () => {
    const res = buildingsUnderWater(f, footprints, { outlineStepM: 0 });
    expect(res.ok).toBe(false);
    if (!res.ok) { expect(res.problems[0]!.reason).toBe('bad-option'); bilingual(res.problems[0]!.message); }
  });
});

describe('pipesUnderWater', () => {
  const LEVEL = 183.5;
  const wetCell = (r: number, c: number): boolean => r >= 0 && r < H && c >= 0 && c < W && Math.abs(c - 50) < 11.75;
  const f = flood(valley(), LEVEL);

  it('gives a straight east–west pipe across the river the flooded share of its length (closed form)', () => {
    // From column 0 to column 100 along row 20: the flooded cells span columns 38.5…61.5,
    // 23 of the 100 columns the pipe runs over.
    const lat = latOf(20);
    const res = pipesUnderWater(f, [{ id: 'P1', line: [[lonOf(0), lat], [lonOf(100), lat]], depthM: 1.5 }]);
    const total = WGS84.Inverse(lat, lonOf(0), lat, lonOf(100)).s12!;
    expect(res.pipes).toHaveLength(1);
    expect(res.pipes[0]!.lengthM).toBeCloseTo(total, 6);
    expect(res.pipes[0]!.floodedLengthM).toBeCloseTo(0.23 * total, 6);
    expect(res.pipes[0]!.maxWaterDepthM).toBeCloseTo(23.5, 5);
    expect(res.pipes[0]!.depthM).toBe(1.5);
    expect(res.totalFloodedLengthM).toBeCloseTo(0.23 * total, 6);
  });

  it('matches a brute-force dense sampling of random polylines', () => {
    const rnd = lcg(2020);
    const pipes: PipeSegmentInput[] = [];
    for (let k = 0; k < 60; k++) {
      const line: number[][] = [];
      let c = rnd() * (W - 1), r = rnd() * (H - 1);
      const n = 2 + Math.floor(rnd() * 3);
      for (let v = 0; v < n; v++) {
        line.push([lonOf(c), latOf(r)]);
        c = Math.max(-5, Math.min(W + 5, c + (rnd() - 0.5) * 40));
        r = Math.max(-5, Math.min(H + 5, r + (rnd() - 0.5) * 30));
      }
      pipes.push({ id: `L${k}`, line, depthM: 2 });
    }
    const res = pipesUnderWater(f, pipes);
    const got = new Map(res.pipes.map((p) => [p.id, p.floodedLengthM]));
    let wetOnes = 0;
    const N = 20_000;
    for (const p of pipes) {
      let flooded = 0;
      for (let i = 0; i + 1 < p.line.length; i++) {
        const [ax, ay] = p.line[i]!, [bx, by] = p.line[i + 1]!;
        const len = WGS84.Inverse(ay!, ax!, by!, bx!).s12!;
        let wet = 0;
        for (let s = 0; s < N; s++) {
          const t = (s + 0.5) / N;
          const lon = ax! + (bx! - ax!) * t, lat = ay! + (by! - ay!) * t;
          if (wetCell(Math.round((NORTH - lat) / D), Math.round((lon - WEST) / D))) wet++;
        }
        flooded += (wet / N) * len;
      }
      if (flooded > 0) wetOnes++;
      // Each cell boundary crossed shifts the dense count by at most one sample.
      expect(got.get(p.id) ?? 0, p.id).toBeCloseTo(flooded, 0);
      expect(Math.abs((got.get(p.id) ?? 0) - flooded), p.id).toBeLessThan(0.2);
    }
    expect(wetOnes).toBeGreaterThan(10);
    expect(wetOnes).toBeLessThan(pipes.length);
    expect(res.pipes).toHaveLength(wetOnes);
  });
});
