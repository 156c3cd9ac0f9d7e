import { createHash } from 'node:crypto';
import type { FeatureCollection, LineString } from 'geojson';
import { beforeAll, describe, expect, it } from 'vitest';
import { type ElevationGrid, sampleElevation } from '../../src/core/elevation-grid.ts';
import { GRAVITY_NETWORKS, type LifelineProperties, LifelinePropertiesSchema, NETWORKS, type Network } from '../../src/core/lifelines.ts';
import { createLocalProjection } from '../../src/core/local-projection.ts';
import type { RoadProperties } from '../../src/core/roads.ts';
import { CROSS_SECTION } from '../../src/sample/lifeline-catalogue.ts';
import { generateLifelines, invertElevation } from '../../src/sample/lifeline-generator.ts';
import { FIXTURE_BOX, makeElevationGrid, makeRoadGrid, roadLengthKm } from './fixtures.ts';

type Lifelines = FeatureCollection<LineString, LifelineProperties>;
type Roads = FeatureCollection<LineString, RoadProperties>;

const PROJ = createLocalProjection(106.545, 29.552);
const lengthM = (coords: number[][]): number => {
  let m = 0;
  for (let i = 1; i < coords.length; i++) {
    const [ax, ay] = PROJ.toLocal(coords[i - 1]![0]!, coords[i - 1]![1]!);
    const [bx, by] = PROJ.toLocal(coords[i]![0]!, coords[i]![1]!);
    m += Math.hypot(bx - ax, by - ay);
  }
  return m;
};
const hash = (v: unknown): string => createHash('sha256').update(JSON.stringify(v)).digest('hex');

const MATERIALS: Record<Network, readonly string[]> = {
  water: ['球墨铸铁', '灰口铸铁', 'PE', '钢管'],
  gas: ['钢管', 'PE'],
  storm: ['钢筋混凝土', '混凝土', 'HDPE', '砖砌'],
  sewage: ['钢筋混凝土', '混凝土', 'HDPE', '砖砌'],
  power: ['电缆排管', '电缆沟'],
  telecom: ['通信管道(PVC)', '通信管道(HDPE)', '通信管道(水泥管块)'],
};

describe('generateLifelines', () => {
  let dem: ElevationGrid;
  let roads: Roads;
  let lines: Lifelines;

  beforeAll(() => {
    dem = makeElevationGrid();
    roads = makeRoadGrid();
    lines = generateLifelines(roads, dem, { seed: 'yuzhong' });
  });

  it('lays at least 20,000 valid segments with unique ids and lon/lat-only coordinates', () => {
    expect(lines.features.length).toBeGreaterThanOrEqual(20_000);
    const ids = new Set<string>();
    const bad: string[] = [];
    const inBox = (p: number[]): boolean =>
      p.length === 2 &&
      p[0]! > FIXTURE_BOX.west - 0.001 &&
      p[0]! < FIXTURE_BOX.east + 0.001 &&
      p[1]! > FIXTURE_BOX.south - 0.001 &&
      p[1]! < FIXTURE_BOX.north + 0.001;
    for (const f of lines.features) {
      if (!LifelinePropertiesSchema.safeParse(f.properties).success) bad.push(`${f.properties.id}: properties`);
      ids.add(f.properties.id);
      if (f.geometry.coordinates.length < 2 || !f.geometry.coordinates.every(inBox)) bad.push(`${f.properties.id}: coordinates`);
    }
    expect(bad).toEqual([]);
    expect(ids.size).toBe(lines.features.length);
    for (const n of NETWORKS) expect(lines.features.some((f) => f.properties.network === n), n).toBe(true);
  });

  it('runs gravity drains downhill: invert at the end never above invert at the start', () => {
    let gravity = 0;
    let falling = 0;
    const rising: string[] = [];
    for (const f of lines.features) {
      if (!GRAVITY_NETWORKS.includes(f.properties.network)) continue;
      gravity++;
      const c = f.geometry.coordinates;
      const start = invertElevation(sampleElevation(dem, c[0]![0]!, c[0]![1]!), f.properties);
      const end = invertElevation(sampleElevation(dem, c[c.length - 1]![0]!, c[c.length - 1]![1]!), f.properties);
      // Straight from manhole to manhole, on the DEM, never rising.
      if (c.length !== 2 || !Number.isFinite(start) || !Number.isFinite(end) || end > start) rising.push(f.properties.id);
      if (end < start - 0.05) falling++;
    }
    expect(rising).toEqual([]);
    expect(gravity).toBeGreaterThan(10_000);
    // Most segments actually fall (the fixture is nowhere quite flat).
    expect(falling / gravity).toBeGreaterThan(0.8);
  });

  it('cuts manhole to manhole at ~20–80 m', () => {
    const lengths = lines.features.map((f) => lengthM(f.geometry.coordinates)).sort((a, b) => a - b);
    const within = lengths.filter((l) => l >= 20 && l <= 80.5).length / lengths.length;
    expect(within).toBeGreaterThan(0.85);
    expect(lengths[Math.floor(lengths.length / 2)]).toBeGreaterThan(35);
    expect(lengths[Math.floor(lengths.length / 2)]).toBeLessThan(65);
    expect(lengths[lengths.length - 1]).toBeLessThan(101);
  });

  it('puts each network at its own place in the street cross-section', () => {
    // One straight east–west arterial, 24 m wide.
    const road: Roads = {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { id: 'R-1', class: 'arterial', name: '测试大道', width_m: 24 },
          geometry: { type: 'LineString', coordinates: [PROJ.toLonLat(-1000, 0), PROJ.toLonLat(1000, 0)] },
        },
      ],
    };
    const fc = generateLifelines(road, dem, { seed: 's', minSegments: 1 });
    const offsets = new Map<Network, number>();
    for (const f of fc.features) {
      const ys = f.geometry.coordinates.map((p) => PROJ.toLocal(p[0]!, p[1]!)[1]);
      for (const y of ys) expect(Math.abs(y)).toBeLessThan(12); // under the street
      offsets.set(f.properties.network, ys[0]!);
    }
    expect(offsets.size).toBe(6);
    for (const [n, y] of offsets) expect(y, n).toBeCloseTo(CROSS_SECTION[n] * 12, 0);
    const ys = [...offsets.values()].sort((a, b) => a - b);
    for (let i = 1; i < ys.length; i++) expect(ys[i]! - ys[i - 1]!).toBeGreaterThan(2);
  });

  it('gives stairways fewer networks than streets', () => {
    const perKm = new Map<string, number>();
    const runs = new Map<string, Set<Network>>();
    for (const cls of ['arterial', 'stairway'] as const) {
      const subset: Roads = { type: 'FeatureCollection', features: roads.features.filter((r) => r.properties.class === cls) };
      const fc = generateLifelines(subset, dem, { seed: 'yuzhong', minSegments: 1 });
      const networks = new Set(fc.features.map((f) => f.properties.network));
      runs.set(cls, networks);
      perKm.set(cls, fc.features.length / Math.max(1, roadLengthKm(subset)));
    }
    expect(runs.get('stairway')!.size).toBeLessThan(runs.get('arterial')!.size);
    expect(runs.get('stairway')!.has('gas')).toBe(false);
    expect(perKm.get('stairway')!).toBeLessThan(perKm.get('arterial')! / 2);
  });

  it('uses plausible materials, sizes, pressure classes and ages, and ages worsen condition', () => {
    let oldBad = 0;
    let old = 0;
    let newBad = 0;
    let recent = 0;
    const bad: string[] = [];
    for (const { properties: p } of lines.features) {
      const ok =
        MATERIALS[p.network].includes(p.material) &&
        (p.pressure !== null) === (p.network === 'water' || p.network === 'gas') &&
        p.install_year >= 1960 &&
        p.install_year <= 2025 &&
        (!GRAVITY_NETWORKS.includes(p.network) || p.depth_m > 1.4) &&
        (p.network !== 'telecom' || p.depth_m < 1.1) &&
        (!(p.material === 'PE' || p.material === 'HDPE') || p.install_year >= 2000);
      if (!ok) bad.push(JSON.stringify(p));
      const poor = p.condition === '较差' || p.condition === '危险';
      if (p.install_year < 1980) {
        old++;
        if (poor) oldBad++;
      } else if (p.install_year > 2010) {
        recent++;
        if (poor) newBad++;
      }
    }
    expect(bad).toEqual([]);
    expect(oldBad / old).toBeGreaterThan(3 * (newBad / recent));
  });

  it('is deterministic from the seed', () => {
    expect(hash(generateLifelines(roads, dem, { seed: 'yuzhong' }))).toBe(hash(lines));
    expect(hash(generateLifelines(roads, dem, { seed: 'other' }))).not.toBe(hash(lines));
  });

  it('shortens manhole spacing to reach minSegments, and says so when it cannot', () => {
    const few: Roads = { type: 'FeatureCollection', features: roads.features.slice(0, 3) };
    const normal = generateLifelines(few, dem, { seed: 'yuzhong', minSegments: 1 }).features.length;
    const dense = generateLifelines(few, dem, { seed: 'yuzhong', minSegments: normal * 3 }).features.length;
    expect(dense).toBeGreaterThanOrEqual(normal * 3);
    expect(() => generateLifelines(few, dem, { seed: 'yuzhong', minSegments: 1_000_000 })).toThrow(/too few lifeline segments/);
  });

  it('handles ~1,500 km of streets in a few seconds', () => {
    const dense = makeRoadGrid({ spacingM: 41 });
    expect(roadLengthKm(dense)).toBeGreaterThan(1_400);
    const t0 = performance.now();
    const fc = generateLifelines(dense, dem, { seed: 'yuzhong' });
    const seconds = (performance.now() - t0) / 1000;
    expect(fc.features.length).toBeGreaterThan(150_000);
    expect(seconds).toBeLessThan(10);
  });
});
