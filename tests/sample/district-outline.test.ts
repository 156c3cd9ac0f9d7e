import { describe, expect, it } from 'vitest';
import { DISTRICT, LANDMARKS } from '../../src/core/district.ts';
import { measureDistrictLandAreaM2, SAMPLE_BOUNDS } from '../../src/sample/district-outline.ts';
import { land, outline } from './world-fixture.ts';

/** Width of the water band across a river through (lon, lat), walking both ways until land. */
function waterWidthM(lon: number, lat: number, dirX: number, dirY: number): number {
  const m = land();
  const [x, y] = m.projection.toLocal(lon, lat);
  let width = 0;
  for (const sign of [1, -1]) {
    let s = 0;
    while (s < 2000 && m.waterSignedDistanceLocal(x + sign * dirX * s, y + sign * dirY * s) <= 0) s += 1;
    width += s;
  }
  return width;
}

describe('district outline and land/water model', () => {
  it('finds Yuzhong (500103) and its neighbours in the reference file', () => {
    const o = outline();
    expect(o.yuzhong.name).toBe(DISTRICT.nameZh);
    const ring = o.yuzhong.polygons[0]![0]!;
    expect(ring.length).toBe(54);
    const lons = ring.map((p) => p[0]);
    const lats = ring.map((p) => p[1]);
    expect(Math.min(...lons)).toBeCloseTo(106.482, 2);
    expect(Math.max(...lons)).toBeCloseTo(106.591, 2);
    expect(Math.min(...lats)).toBeCloseTo(29.528, 2);
    expect(Math.max(...lats)).toBeCloseTo(29.571, 2);
    expect(o.neighbours.map((n) => n.name)).toEqual(expect.arrayContaining(['江北区', '南岸区', '沙坪坝区', '九龙坡区']));
  });

  it('derives the Jialing and the Yangtze along the shared boundaries', () => {
    const rivers = land().rivers;
    expect(rivers.map((r) => r.zh)).toEqual(['嘉陵江', '长江']);
    for (const r of rivers) {
      expect(r.centrelines.length).toBeGreaterThan(0);
      // Centrelines are water.
      for (const line of r.centrelines) for (const [lon, lat] of line) expect(land().isLand(lon, lat)).toBe(false);
    }
  });

  it('gives the rivers realistic widths', () => {
    // Jialing north of 大溪沟 flows roughly east: measure north–south.
    const jialing = waterWidthM(106.556, 29.5683, 0, 1);
    expect(jialing).toBeGreaterThanOrEqual(290);
    expect(jialing).toBeLessThanOrEqual(420);
    // Yangtze south of 石板坡 flows roughly east-north-east: measure across it.
    const yangtze = waterWidthM(106.562, 29.5425, -0.26, 0.966);
    expect(yangtze).toBeGreaterThanOrEqual(580);
    expect(yangtze).toBeLessThanOrEqual(920);
  });

  it('keeps the west boundary (沙坪坝, 九龙坡) on land', () => {
    const m = land();
    expect(m.isLand(106.478, 29.551)).toBe(true);
    expect(m.isInDistrict(106.478, 29.551)).toBe(false);
    expect(m.isLand(106.505, 29.525)).toBe(true);
    expect(m.isDistrictLand(106.505, 29.525)).toBe(false);
  });

  it('puts the peninsula landmarks on Yuzhong land', () => {
    const m = land();
    for (const key of ['jiefangbei', 'chaotianmen', 'shibati', 'pipashan', 'daping', 'chongyi', 'caiyuanba', 'great-hall']) {
      const l = LANDMARKS.find((x) => x.key === key)!;
      expect(m.isDistrictLand(l.lon, l.lat), l.zh).toBe(true);
    }
    // The confluence off the 朝天门 tip.
    expect(m.isLand(106.5889, 29.5713)).toBe(false);
  });

  it("measures Yuzhong's dry ground close to the plan's 17.98 km² of construction land", () => {
    const km2 = measureDistrictLandAreaM2(land(), 20) / 1e6;
    expect(km2).toBeGreaterThan(16);
    expect(km2).toBeLessThan(20);
  });

  it('answers outside its raster too', () => {
    const m = land();
    expect(Number.isFinite(m.waterSignedDistanceM(SAMPLE_BOUNDS.west - 0.05, SAMPLE_BOUNDS.south - 0.05))).toBe(true);
  });
});
