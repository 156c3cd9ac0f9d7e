import { describe, expect, it } from 'vitest';
import {
  createPickFrame,
  decodeBuildingPickIndex,
  encodeBuildingPickIndex,
  pickPrism,
  pickPrismBruteForce,
  type BuildingPickIndex,
  type LocalRay,
  type PickIndexBuilding,
} from '../../src/core/building-pick-index.ts';

const ORIGIN: [number, number, number] = [106.57, 29.56, 0];
const M_PER_DEG_LAT = 110_800;
const M_PER_DEG_LON = 111_320 * Math.cos(ORIGIN[1] * (Math.PI / 180));

/** A ring of local (east, north) metres as lon/lat degrees (close to the frame near the origin). */
function ring(points: [number, number][]): Float64Array {
  return Float64Array.from(points.flatMap(([x, y]) => [ORIGIN[0] + x / M_PER_DEG_LON, ORIGIN[1] + y / M_PER_DEG_LAT]));
}

function square(cx: number, cy: number, half: number, clockwise = false): [number, number][] {
  const pts: [number, number][] = [[cx - half, cy - half], [cx + half, cy - half], [cx + half, cy + half], [cx - half, cy + half]];
  return clockwise ? pts.reverse() : pts;
}

function box(code: string, cx: number, cy: number, half: number, base: number, roof: number): PickIndexBuilding {
  return { code, polygons: [[ring(square(cx, cy, half))]], base, roof };
}

function build(buildings: PickIndexBuilding[], cellSize?: number): BuildingPickIndex {
  return decodeBuildingPickIndex(encodeBuildingPickIndex(buildings, { origin: ORIGIN }), cellSize ? { grid: { cellSize } } : {});
}

const ray = (origin: [number, number, number], direction: [number, number, number]): LocalRay => ({ origin, direction });

describe('pick index encoding', () => {
  const buildings: PickIndexBuilding[] = [
    box('YZ-00001', 0, 0, 10, 0, 30),
    { code: '解放碑-2', polygons: [[ring(square(100, 0, 20)), ring(square(100, 0, 10, true))], [ring(square(200, 0, 5))]], base: 5, roof: 12 },
    box('YZ-00003', -50, 80, 4, 2, 3),
  ];
  const bytes = encodeBuildingPickIndex(buildings, { origin: ORIGIN });
  const index = decodeBuildingPickIndex(bytes);

  it('round-trips codes, origin, rings and heights', () => {
    expect(String.fromCharCode(...bytes.subarray(0, 4))).toBe('YZPI');
    expect(index.count).toBe(3);
    expect(index.codes).toEqual(['YZ-00001', '解放碑-2', 'YZ-00003']);
    expect(index.origin).toEqual({ lon: ORIGIN[0], lat: ORIGIN[1], height: ORIGIN[2] });
    expect([...index.ringStart]).toEqual([0, 1, 4, 5]);
    expect(index.vertexStart[index.vertexStart.length - 1]).toBe(20);
    const toLocal = createPickFrame(ORIGIN);
    const [lon, lat] = [buildings[0]!.polygons[0]![0]![0]!, buildings[0]!.polygons[0]![0]![1]!];
    const expected = toLocal(lon, lat, 15);
    expect(index.xy[0]).toBeCloseTo(expected[0], 2);
    expect(index.xy[1]).toBeCloseTo(expected[1], 2);
    // Every vertex to the centimetre.
    const third = toLocal(buildings[0]!.polygons[0]![0]![4]!, buildings[0]!.polygons[0]![0]![5]!, 15);
    expect(Math.abs(index.xy[4]! - third[0])).toBeLessThan(0.01);
    expect(Math.abs(index.xy[5]! - third[1])).toBeLessThan(0.01);
    expect(index.heights[0]).toBeCloseTo(0, 2);
    expect(index.heights[1]).toBeCloseTo(30, 2);
    expect(index.heights[2]).toBeCloseTo(5, 2);
    expect(index.heights[3]).toBeCloseTo(12, 2);
  });

  it('accepts a Uint8Array at any offset, and a fresh ArrayBuffer', () => {
    const shifted = new Uint8Array(bytes.length + 1);
    shifted.set(bytes, 1);
    expect(decodeBuildingPickIndex(shifted.subarray(1)).codes).toEqual(index.codes);
    expect(decodeBuildingPickIndex(bytes.slice().buffer).codes).toEqual(index.codes);
  });

  it('rejects a wrong magic, version or length with what to do', () => {
    const bad = bytes.slice();
    bad[0] = 0x58;
    expect(() => decodeBuildingPickIndex(bad)).toThrow(/magic.*npm run tiles:buildings/);
    const v2 = bytes.slice();
    new DataView(v2.buffer).setUint32(4, 2, true);
    expect(() => decodeBuildingPickIndex(v2)).toThrow(/version 2/);
    expect(() => decodeBuildingPickIndex(bytes.subarray(0, bytes.length - 4))).toThrow(/bytes/);
    expect(() => decodeBuildingPickIndex(new Uint8Array(10))).toThrow(/only 10 bytes/);
  });

  it('takes 4 bytes a vertex after the first of a ring, and splits walls longer than 327 m', () => {
    // header, codes (8 + 12 + 9 B, padded), ring counts, vertex counts, heights, first vertices, steps.
    expect(bytes.length).toBe(48 + 32 + 8 + 12 + 24 + 8 * 5 + 4 * 15);
    const long = decodeBuildingPickIndex(encodeBuildingPickIndex([box('big', 0, 0, 400, 0, 10)], { origin: ORIGIN }));
    expect(long.vertexStart[1]).toBe(4 + 4 * 2);
    expect(pickPrism(long, ray([-1000, 5, 5], [1, 0, 0]))?.distance).toBeCloseTo(600, 0);
    expect(pickPrism(long, ray([0, 0, 50], [0, 0, -1]))?.distance).toBeCloseTo(40, 1);
  });
});

describe('pickPrism', () => {
  it('hits a roof from above', () => {
    const index = build([box('a', 0, 0, 10, 0, 30)]);
    const hit = pickPrism(index, ray([0, 0, 100], [0, 0, -1]));
    expect(hit?.index).toBe(0);
    expect(hit!.distance).toBeCloseTo(70, 1);
    // Not from below: the GPU culls the roof's back face too.
    expect(pickPrism(index, ray([0, 0, 20], [0, 0, 1]))).toBeNull();
  });

  it('hits a wall from the side, within base and top only', () => {
    const index = build([box('a', 0, 0, 10, 5, 30)]);
    const hit = pickPrism(index, ray([-100, 0, 10], [1, 0, 0]));
    expect(hit?.index).toBe(0);
    expect(hit!.distance).toBeCloseTo(90, 0);
    expect(pickPrism(index, ray([-100, 0, 40], [1, 0, 0]))).toBeNull();
    expect(pickPrism(index, ray([-100, 0, 2], [1, 0, 0]))).toBeNull();
    // Direction length does not matter; distances are metres.
    expect(pickPrism(index, ray([-100, 0, 10], [7, 0, 0]))!.distance).toBeCloseTo(hit!.distance, 5);
  });

  it('re-winds rings given the wrong way round', () => {
    const index = build([{ code: 'cw', polygons: [[ring(square(0, 0, 10, true))]], base: 0, roof: 30 }]);
    expect(pickPrism(index, ray([-100, 0, 10], [1, 0, 0]))?.distance).toBeCloseTo(90, 0);
    expect(pickPrism(index, ray([100, 0, 10], [-1, 0, 0]))?.distance).toBeCloseTo(90, 0);
  });

  it('misses through a courtyard (hole) and hits the courtyard wall', () => {
    const index = build([{ code: 'yard', polygons: [[ring(square(0, 0, 20)), ring(square(0, 0, 10, true))]], base: 0, roof: 30 }]);
    expect(pickPrism(index, ray([0, 0, 100], [0, 0, -1]))).toBeNull();
    expect(pickPrism(index, ray([15, 0, 100], [0, 0, -1]))?.distance).toBeCloseTo(70, 1);
    // Down into the yard at an angle: the far courtyard wall, at x = +10.
    const hit = pickPrism(index, ray([0, 0, 40], [1, 0, -1]));
    expect(hit?.index).toBe(0);
    expect(hit!.distance).toBeCloseTo(10 * Math.SQRT2, 0);
  });

  it('returns the nearest of two, honours maxDistance and isCandidate', () => {
    const index = build([box('far', 60, 0, 10, 0, 30), box('near', 20, 0, 5, 0, 30)]);
    const r = ray([-100, 0, 10], [1, 0, 0]);
    expect(pickPrism(index, r)).toMatchObject({ index: 1 });
    expect(pickPrism(index, r)!.distance).toBeCloseTo(115, 0);
    expect(pickPrism(index, r, { maxDistance: 100 })).toBeNull();
    expect(pickPrism(index, r, { maxDistance: 120 })?.index).toBe(1);
    expect(pickPrism(index, r, { isCandidate: (i) => i !== 1 })).toMatchObject({ index: 0 });
    expect(pickPrism(index, r, { isCandidate: () => false })).toBeNull();
  });

  it('walks the grid to the same answer as testing every building (500 prisms, random rays)', () => {
    let seed = 12345;
    const rand = () => ((seed = (seed * 1_103_515_245 + 12_345) >>> 0) / 2 ** 32);
    const buildings: PickIndexBuilding[] = [];
    for (let i = 0; i < 500; i++) {
      const cx = (rand() - 0.5) * 2000;
      const cy = (rand() - 0.5) * 2000;
      const n = 3 + Math.floor(rand() * 6);
      const r0 = 4 + rand() * 25;
      const pts: [number, number][] = [];
      for (let k = 0; k < n; k++) {
        const a = (2 * Math.PI * k) / n;
        const rr = r0 * (0.6 + 0.4 * rand());
        pts.push([cx + rr * Math.cos(a), cy + rr * Math.sin(a)]);
      }
      const base = 150 + rand() * 100;
      const rings = [ring(pts)];
      if (rand() < 0.2) rings.push(ring(square(cx, cy, r0 * 0.25, true)));
      buildings.push({ code: `B${i}`, polygons: [rings], base, roof: base + 3 + rand() * 200 });
    }
    const index = build(buildings);
    expect(index.grid.nx * index.grid.ny).toBeGreaterThan(100);
    let hits = 0;
    for (let k = 0; k < 2000; k++) {
      const origin: [number, number, number] = [(rand() - 0.5) * 3000, (rand() - 0.5) * 3000, 100 + rand() * 900];
      const target: [number, number, number] = [(rand() - 0.5) * 2200, (rand() - 0.5) * 2200, 150 + rand() * 250];
      const direction: [number, number, number] = [target[0] - origin[0], target[1] - origin[1], target[2] - origin[2]];
      if (k % 10 === 0) direction[2] = 0; // some level rays
      if (k % 17 === 0) [direction[0], direction[1]] = [0, 0]; // some straight down
      const options = k % 3 === 0 ? { maxDistance: 200 + rand() * 2000, isCandidate: (i: number) => i % 4 !== 0 } : {};
      const fast = pickPrism(index, ray(origin, direction), options);
      const slow = pickPrismBruteForce(index, ray(origin, direction), options);
      expect(fast?.index ?? null, `ray ${k}`).toBe(slow?.index ?? null);
      if (fast) {
        expect(fast.distance).toBeCloseTo(slow!.distance, 6);
        hits++;
      }
    }
    expect(hits).toBeGreaterThan(300);
  });
});

describe('earth curvature', () => {
  it('stores base and top along the frame up at the footprint, not the ellipsoid heights', () => {
    // 3 km east of the origin the ground is ~0.7 m below the origin's east-north plane.
    const index = build([box('far', 3000, 0, 10, 200, 260), box('here', 0, 0, 10, 200, 260)]);
    const drop = 3000 ** 2 / (2 * 6_371_000);
    expect(index.heights[0]).toBeCloseTo(200 - drop, 1);
    expect(index.heights[1]).toBeCloseTo(260 - drop, 1);
    expect(index.heights[2]).toBeCloseTo(200, 2);
    // A ray down onto the true roof point (in the frame) meets the stored roof there.
    const toLocal = createPickFrame(ORIGIN);
    const roof = toLocal(ORIGIN[0] + 3000 / M_PER_DEG_LON, ORIGIN[1], 260);
    const hit = pickPrism(index, ray([roof[0], roof[1], roof[2] + 50], [0, 0, -1]));
    expect(hit?.index).toBe(0);
    expect(hit!.distance).toBeCloseTo(50, 1);
  });
});
