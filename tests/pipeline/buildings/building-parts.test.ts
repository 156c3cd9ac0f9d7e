import { describe, expect, it } from 'vitest';
import type { ElevationGrid } from '../../../src/core/elevation-grid.ts';
import { placeBuilding, roofElevation } from '../../../src/pipeline/buildings/building-placement.ts';
import { createEnuFrame, ecefToGeodetic, geodeticToEcef, transformPoint } from '../../../src/pipeline/tiles3d/enu-frame.ts';
import { createFootprintValidator } from '../../../src/sources/footprint-validator.ts';
import { sampleGround } from '../../../src/pipeline/buildings/ground-sampler.ts';
import { SchemaCollector } from '../../../src/pipeline/buildings/building-schema.ts';
import { buildQuadtree, walkTiles, type TilerItem } from '../../../src/pipeline/tiles3d/quadtree-tiler.ts';

/** A flat grid at 200 m with one 5 m spacing (≈ 4.6e-5°) and optional bumps. */
function flatGrid(bumps: [number, number, number][] = []): ElevationGrid {
  const width = 101;
  const height = 101;
  const dx = 5e-5;
  const data = new Float32Array(width * height).fill(200);
  for (const [c, r, h] of bumps) data[r * width + c] = h;
  return { width, height, west: 106.5, north: 29.56, dx, dy: dx, data };
}

const square = (lon: number, lat: number, size: number) => [
  [lon, lat], [lon + size, lat], [lon + size, lat + size], [lon, lat + size], [lon, lat],
];

describe('ground sampler', () => {
  it('finds a bump inside the footprint that no vertex touches', () => {
    const grid = flatGrid([[50, 50, 230]]); // at lon 106.5025, lat 29.5575
    const ring = Float64Array.from(square(106.5025 - 2e-4, 29.5575 - 2e-4, 4e-4).slice(0, -1).flat());
    const ground = sampleGround(grid, [[ring]])!;
    expect(ground.min).toBe(200);
    expect(ground.max).toBe(230);
  });

  it('finds a ridge crossing an edge between two far corners', () => {
    const grid = flatGrid([[50, 40, 215]]);
    // The south edge runs along row 40 from column 45 to 55; no vertex on the bump.
    const lat = 29.56 - 40 * 5e-5;
    const ring = Float64Array.from([106.5 + 45 * 5e-5, lat, 106.5 + 55 * 5e-5, lat, 106.5 + 55 * 5e-5, lat + 3e-4, 106.5 + 45 * 5e-5, lat + 3e-4]);
    expect(sampleGround(grid, [[ring]])!.max).toBeCloseTo(215, 3);
  });

  it('returns null outside the DEM', () => {
    const ring = Float64Array.from(square(107, 29.5, 1e-4).slice(0, -1).flat());
    expect(sampleGround(flatGrid(), [[ring]])).toBeNull();
  });
});

describe('roof rule on slopes', () => {
  it('measures height from the lowest ground when the building clears the slope', () => {
    expect(roofElevation(200, 205, 30, 3)).toBe(230);
  });
  it('keeps at least one storey above the highest ground on a steep slope', () => {
    expect(roofElevation(200, 212, 9, 3)).toBe(215);
  });
  it('is continuous where the two cases meet', () => {
    const a = roofElevation(200, 206 - 1e-9, 9, 3);
    const b = roofElevation(200, 206 + 1e-9, 9, 3);
    expect(Math.abs(a - b)).toBeLessThan(1e-6);
  });
  it('places the base at ground_min and stores both ground values', () => {
    const grid = flatGrid([[50, 50, 230]]);
    const validator = createFootprintValidator();
    const checked = validator.validate({
      index: 0,
      id: 'YZ-00001',
      geometry: { type: 'Polygon', coordinates: [square(106.5025 - 2e-4, 29.5575 - 2e-4, 4e-4)] },
      properties: { id: 'YZ-00001', floors: 2 },
    });
    if (!checked.ok) throw new Error(checked.problem.message);
    expect(checked.footprint.height).toBe(6); // 2 floors × DEFAULT_STOREY_HEIGHT_M
    const placed = placeBuilding(grid, checked.footprint);
    if (!placed.ok) throw new Error(placed.problem.message);
    expect(placed.building.base).toBe(200);
    expect(placed.building.groundMax).toBe(230);
    expect(placed.building.roof).toBe(233);
  });
});

describe('enu frame', () => {
  it('round-trips geodetic ↔ ECEF and maps its origin to zero', () => {
    const p = geodeticToEcef(106.55, 29.55, 250);
    const g = ecefToGeodetic(...p);
    expect(g[0]).toBeCloseTo(106.55, 10);
    expect(g[1]).toBeCloseTo(29.55, 10);
    expect(g[2]).toBeCloseTo(250, 5);
    const frame = createEnuFrame(106.55, 29.55, 0);
    expect(frame.toLocal(106.55, 29.55, 0).map((v) => Math.abs(v) < 1e-6)).toEqual([true, true, true]);
    const [e, n, u] = frame.toLocal(106.56, 29.55, 0);
    expect(e).toBeGreaterThan(960);
    expect(Math.abs(n)).toBeLessThan(1);
    expect(u).toBeLessThan(0); // the Earth curves away
    const back = transformPoint(frame.toEcefMatrix(), [e, n, u]);
    const expected = geodeticToEcef(106.56, 29.55, 0);
    expect(Math.hypot(back[0] - expected[0], back[1] - expected[1], back[2] - expected[2])).toBeLessThan(1e-6);
  });
});

describe('property schema', () => {
  it('types extra columns from their values and extends the enums with unknown values', () => {
    const collector = new SchemaCollector();
    collector.add({ id: 'a', structure: '钢结构', lift: true, units: 12, ratio: 0.5, note: 'x', mixed: 1 });
    collector.add({ id: 'b', structure: '砖混', lift: false, units: null, ratio: 2, note: null, mixed: 'two' });
    const schema = collector.schema();
    const col = (name: string) => schema.columns.find((c) => c.name === name)!;
    expect(col('lift')).toMatchObject({ type: 'SCALAR', componentType: 'UINT8', flag: true });
    expect(col('units')).toMatchObject({ type: 'SCALAR', componentType: 'INT32' });
    expect(col('ratio')).toMatchObject({ type: 'SCALAR', componentType: 'FLOAT64' });
    expect(col('note')).toMatchObject({ type: 'STRING' });
    expect(col('mixed')).toMatchObject({ type: 'STRING' });
    const structure = schema.enums.find((e) => e.name === 'structure')!.names;
    expect(structure.slice(0, 5)).toEqual(['砖木', '砖混', '框架', '剪力墙', '框筒']);
    expect(structure).toContain('钢结构');
    expect(structure.at(-1)).toBe('未知');
  });
});

describe('quadtree tiler', () => {
  const items: TilerItem[] = Array.from({ length: 5000 }, (_, i) => ({
    index: i,
    x: (i * 7919) % 3000,
    y: (i * 104729) % 2000,
    size: 10 + ((i * 31) % 97),
    key: `YZ-${String(i).padStart(5, '0')}`,
  }));

  it('puts every item in exactly one tile, bounded per tile, biggest first', () => {
    const root = buildQuadtree(items, { maxFeaturesPerTile: 200, parentFeatures: 50 });
    const seen = new Set<number>();
    for (const tile of walkTiles(root)) {
      expect(tile.items.length).toBeLessThanOrEqual(200);
      for (const it of tile.items) {
        expect(seen.has(it.index)).toBe(false);
        seen.add(it.index);
      }
      for (const child of tile.children) {
        expect(child.geometricError).toBeLessThanOrEqual(tile.geometricError);
        // Nothing in a child is more prominent than what the parent left to it.
        for (const it of child.items) expect(it.size).toBeLessThanOrEqual(tile.geometricError);
      }
    }
    expect(seen.size).toBe(items.length);
    expect(root.items.length).toBe(50);
    expect(Math.min(...root.items.map((i) => i.size))).toBeGreaterThanOrEqual(root.geometricError);
  });

  it('cuts a pile of buildings on one spot into sibling leaves instead of recursing forever', () => {
    const pile = Array.from({ length: 1000 }, (_, i) => ({ index: i, x: 5, y: 5, size: 10, key: String(i).padStart(4, '0') }));
    const root = buildQuadtree(pile, { maxFeaturesPerTile: 100, parentFeatures: 20, maxLevel: 3 });
    const count = [...walkTiles(root)].reduce((n, t) => n + t.items.length, 0);
    expect(count).toBe(1000);
    for (const t of walkTiles(root)) expect(t.items.length).toBeLessThanOrEqual(100);
  });
});
