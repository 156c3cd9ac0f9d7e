import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { LANDMARKS } from '../../src/core/district.ts';
import { sampleElevation } from '../../src/core/elevation-grid.ts';
import { ROAD_CLASSES, RoadPropertiesSchema } from '../../src/core/roads.ts';
import { generateRoads } from '../../src/sample/road-generator.ts';
import { dem, land, metresBetween, roads, SEED, terrain } from './world-fixture.ts';

const CHINESE_NAME = /^[\u4e00-\u9fff]+$/;

function lengthM(coords: number[][]): number {
  let len = 0;
  for (let i = 0; i + 1 < coords.length; i++) {
    len += metresBetween([coords[i]![0]!, coords[i]![1]!], [coords[i + 1]![0]!, coords[i + 1]![1]!]);
  }
  return len;
}

describe('generateRoads', () => {
  it('has valid properties, unique ids and every class', () => {
    const fc = roads();
    const ids = new Set<string>();
    for (const f of fc.features) {
      RoadPropertiesSchema.parse(f.properties);
      expect(f.geometry.type).toBe('LineString');
      expect(f.geometry.coordinates.length).toBeGreaterThanOrEqual(2);
      expect(f.properties.name).toMatch(CHINESE_NAME);
      ids.add(f.properties.id);
    }
    expect(ids.size).toBe(fc.features.length);
    for (const cls of ROAD_CLASSES) expect(fc.features.some((f) => f.properties.class === cls), cls).toBe(true);
  });

  it('builds a city-sized network', () => {
    const km: Record<string, number> = {};
    for (const f of roads().features) km[f.properties.class] = (km[f.properties.class] ?? 0) + lengthM(f.geometry.coordinates) / 1000;
    const total = Object.values(km).reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThan(150);
    expect(total).toBeLessThan(500);
    expect(km.arterial).toBeGreaterThan(15);
  });

  it('uses real Yuzhong street names', () => {
    const names = new Set(roads().features.map((f) => f.properties.name));
    for (const n of ['长滨路', '嘉滨路', '长江一路', '中山一路', '中山四路', '民族路', '民权路', '邹容路', '沧白路', '新华路', '大坪正街', '十八梯']) {
      expect(names.has(n), n).toBe(true);
    }
  });

  it('runs the riverside roads along the shore', () => {
    const m = land();
    for (const name of ['长滨路', '嘉滨路']) {
      const road = roads().features.find((f) => f.properties.name === name)!;
      expect(lengthM(road.geometry.coordinates), name).toBeGreaterThan(3000);
      for (const [lon, lat] of road.geometry.coordinates) {
        const s = m.waterSignedDistanceM(lon!, lat!);
        expect(s).toBeGreaterThan(15);
        expect(s).toBeLessThan(60);
      }
    }
  });

  it('puts 十八梯 at Shibati, going straight up the slope', () => {
    const shibati = LANDMARKS.find((l) => l.key === 'shibati')!;
    const stair = roads().features.find((f) => f.properties.name === '十八梯')!;
    expect(stair.properties.class).toBe('stairway');
    const c = stair.geometry.coordinates;
    const mid: [number, number] = [(c[0]![0]! + c[c.length - 1]![0]!) / 2, (c[0]![1]! + c[c.length - 1]![1]!) / 2];
    expect(metresBetween(mid, [shibati.lon, shibati.lat])).toBeLessThan(250);
  });

  it('makes every stairway a straight climb', () => {
    const stairs = roads().features.filter((f) => f.properties.class === 'stairway');
    expect(stairs.length).toBeGreaterThan(30);
    for (const s of stairs) {
      const c = s.geometry.coordinates;
      expect(c.length).toBe(2);
      const rise = Math.abs(sampleElevation(dem(), c[1]![0]!, c[1]![1]!) - sampleElevation(dem(), c[0]![0]!, c[0]![1]!));
      expect(rise).toBeGreaterThan(3);
    }
  });

  it('keeps every street on Yuzhong land', () => {
    const m = land();
    let bad = 0;
    for (const f of roads().features) {
      const c = f.geometry.coordinates;
      for (let i = 0; i + 1 < c.length; i++) {
        const [ax, ay] = [c[i]![0]!, c[i]![1]!];
        const [bx, by] = [c[i + 1]![0]!, c[i + 1]![1]!];
        const n = Math.max(1, Math.ceil(metresBetween([ax, ay], [bx, by]) / 5));
        for (let k = 0; k <= n; k++) if (!m.isDistrictLand(ax + ((bx - ax) * k) / n, ay + ((by - ay) * k) / n)) bad++;
      }
    }
    expect(bad).toBe(0);
  });

  it('is deterministic in its seed', () => {
    const hash = (v: unknown): string => createHash('sha256').update(JSON.stringify(v)).digest('hex');
    const again = generateRoads({ seed: SEED, land: land(), dem: dem(), terrain: terrain() });
    expect(hash(again)).toBe(hash(roads()));
    const other = generateRoads({ seed: 'another seed', land: land(), dem: dem(), terrain: terrain() });
    expect(hash(other)).not.toBe(hash(roads()));
  });
});
