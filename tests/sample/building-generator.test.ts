import { createHash } from 'node:crypto';
import Flatbush from 'flatbush';
import type { Feature, Polygon, Position } from 'geojson';
import polygonClipping, { type Polygon as ClipPolygon } from 'polygon-clipping';
import { beforeAll, describe, expect, it } from 'vitest';
import { type BuildingProperties, BuildingPropertiesSchema } from '../../src/core/building.ts';
import { formatBuildingCode } from '../../src/core/building-code.ts';
import { DISTRICT, LANDMARKS } from '../../src/core/district.ts';
import { createLocalProjection, signedRingArea } from '../../src/core/local-projection.ts';
import { isOldCommunityBuilding } from '../../src/core/old-communities.ts';
import { generateBuildings } from '../../src/sample/building-generator.ts';
import { buildings, dem, land, metresBetween, roads, SEED, terrain } from './world-fixture.ts';

type Building = Feature<Polygon, BuildingProperties>;

const proj = createLocalProjection(106.54, 29.55);

function areaM2(b: Building): number {
  const rings = b.geometry.coordinates.map((r) => Math.abs(signedRingArea(r.map(([lon, lat]) => proj.toLocal(lon!, lat!)))));
  return rings[0]! - rings.slice(1).reduce((a, x) => a + x, 0);
}

function centre(b: Building): [number, number] {
  const ring = b.geometry.coordinates[0]!;
  let x = 0;
  let y = 0;
  for (let i = 0; i + 1 < ring.length; i++) {
    x += ring[i]![0]!;
    y += ring[i]![1]!;
  }
  return [x / (ring.length - 1), y / (ring.length - 1)];
}

function bbox(rings: Position[][]): [number, number, number, number] {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const ring of rings) {
    for (const [x, y] of ring) {
      x0 = Math.min(x0, x!);
      y0 = Math.min(y0, y!);
      x1 = Math.max(x1, x!);
      y1 = Math.max(y1, y!);
    }
  }
  return [x0, y0, x1, y1];
}

function near(key: string, radiusM: number): Building[] {
  const l = LANDMARKS.find((x) => x.key === key)!;
  return buildings().features.filter((b) => metresBetween(centre(b), [l.lon, l.lat]) < radiusM);
}

let all: Building[];
let index: Flatbush;

beforeAll(() => {
  all = buildings().features;
  index = new Flatbush(all.length);
  for (const b of all) index.add(...bbox(b.geometry.coordinates));
  index.finish();
});

describe('generateBuildings', () => {
  it('makes at least 12,000 footprints with valid properties and codes YZ-00001…', () => {
    expect(all.length).toBeGreaterThanOrEqual(12_000);
    expect(all.length).toBeLessThanOrEqual(16_000);
    all.forEach((b, i) => {
      BuildingPropertiesSchema.parse(b.properties);
      expect(b.properties.id).toBe(formatBuildingCode(i + 1));
    });
  });

  it('adds up to the plan’s above-ground floor area (±15 %)', () => {
    const total = all.reduce((s, b) => s + areaM2(b) * b.properties.floors, 0);
    expect(total / DISTRICT.floorAreaM2).toBeGreaterThan(0.85);
    expect(total / DISTRICT.floorAreaM2).toBeLessThan(1.15);
  });

  it('never overlaps another footprint (polygon intersection is empty)', () => {
    let pairs = 0;
    all.forEach((b, i) => {
      for (const j of index.search(...bbox(b.geometry.coordinates))) {
        if (j <= i) continue;
        pairs++;
        const overlap = polygonClipping.intersection(b.geometry.coordinates as ClipPolygon, all[j]!.geometry.coordinates as ClipPolygon);
        expect(overlap, `${b.properties.id} × ${all[j]!.properties.id}`).toEqual([]);
      }
    });
    expect(pairs).toBeGreaterThan(100);
  });

  it('never overlaps a street buffered by half its width', () => {
    // The buffer as pieces that lie inside it: a rectangle per segment and an inscribed
    // 16-gon per vertex. A footprint meeting any piece meets the buffer.
    const k = 1 / proj.metresPerDegree.lat;
    const kx = 1 / proj.metresPerDegree.lon;
    let checked = 0;
    const hit = (piece: ClipPolygon, what: string): void => {
      for (const j of index.search(...bbox(piece))) {
        checked++;
        const overlap = polygonClipping.intersection(piece, all[j]!.geometry.coordinates as ClipPolygon);
        expect(overlap, `${all[j]!.properties.id} on ${what}`).toEqual([]);
      }
    };
    for (const road of roads().features) {
      const half = road.properties.width_m / 2;
      const c = road.geometry.coordinates;
      for (let i = 0; i < c.length; i++) {
        const [lon, lat] = [c[i]![0]!, c[i]![1]!];
        const disc: Position[] = [];
        for (let a = 0; a <= 16; a++) disc.push([lon + half * kx * Math.cos((a * Math.PI) / 8), lat + half * k * Math.sin((a * Math.PI) / 8)]);
        hit([disc] as ClipPolygon, road.properties.name);
        if (i + 1 === c.length) continue;
        const [lon2, lat2] = [c[i + 1]![0]!, c[i + 1]![1]!];
        const dx = (lon2 - lon) / kx;
        const dy = (lat2 - lat) / k;
        const len = Math.hypot(dx, dy);
        if (len === 0) continue;
        const nx = (-dy / len) * half * kx;
        const ny = (dx / len) * half * k;
        hit([[[lon + nx, lat + ny], [lon2 + nx, lat2 + ny], [lon2 - nx, lat2 - ny], [lon - nx, lat - ny], [lon + nx, lat + ny]]], road.properties.name);
      }
    }
    expect(checked).toBeGreaterThan(1000);
  });

  it('stands every footprint on Yuzhong’s dry ground', () => {
    const m = land();
    let bad = 0;
    for (const b of all) {
      const ring = b.geometry.coordinates[0]!;
      for (let i = 0; i + 1 < ring.length; i++) {
        const [ax, ay] = [ring[i]![0]!, ring[i]![1]!];
        const [bx, by] = [ring[i + 1]![0]!, ring[i + 1]![1]!];
        const n = Math.max(1, Math.ceil(metresBetween([ax, ay], [bx, by]) / 2));
        for (let s = 0; s < n; s++) if (!m.isDistrictLand(ax + ((bx - ax) * s) / n, ay + ((by - ay) * s) / n)) bad++;
      }
    }
    expect(bad).toBe(0);
  });

  it('has some courtyard buildings with an inner ring', () => {
    const courtyards = all.filter((b) => b.geometry.coordinates.length > 1);
    expect(courtyards.length).toBeGreaterThanOrEqual(10);
    for (const b of courtyards) {
      // The hole lies inside the outer ring: removing it leaves exactly the footprint area.
      const outer = polygonClipping.difference([b.geometry.coordinates[0]!] as ClipPolygon, [b.geometry.coordinates[1]!] as ClipPolygon);
      expect(outer.length).toBe(1);
      expect(outer[0]!.length).toBe(2);
    }
  });

  it('raises towers of 300 m and more at the CBD tip', () => {
    const tallest = all.reduce((a, b) => (b.properties.height > a.properties.height ? b : a));
    expect(tallest.properties.height).toBeGreaterThanOrEqual(300);
    const cbd = LANDMARKS.filter((l) => l.key === 'jiefangbei' || l.key === 'chaotianmen');
    expect(Math.min(...cbd.map((l) => metresBetween(centre(tallest), [l.lon, l.lat])))).toBeLessThan(600);
    const towers = near('jiefangbei', 700).filter((b) => b.properties.height >= 150);
    expect(towers.length).toBeGreaterThanOrEqual(5);
    expect(all.some((b) => b.properties.name === '重庆环球金融中心')).toBe(true);
  });

  it('keeps 十八梯 and 湖广会馆 old and low (砖木/砖混, 1–4 floors, before 1980)', () => {
    const shibati = LANDMARKS.find((l) => l.key === 'shibati')!;
    for (const [lon, lat] of [[shibati.lon, shibati.lat], [106.585, 29.558]] as const) {
      const here = all.filter((b) => metresBetween(centre(b), [lon, lat]) < 110);
      expect(here.length).toBeGreaterThanOrEqual(20);
      for (const b of here) {
        expect(['砖木', '砖混'], b.properties.id).toContain(b.properties.structure);
        expect(b.properties.floors, b.properties.id).toBeLessThanOrEqual(4);
        expect(b.properties.year_built, b.properties.id).toBeLessThan(1980);
      }
    }
    expect(all.some((b) => b.properties.name?.startsWith('湖广会馆') && b.properties.heritage)).toBe(true);
  });

  it('has named 2001–2010 communities of five or more residential buildings', () => {
    const byCommunity = new Map<string, Building[]>();
    for (const b of all) {
      if (b.properties.community === null) continue;
      expect(b.properties.use).toBe('住宅');
      const list = byCommunity.get(b.properties.community) ?? [];
      list.push(b);
      byCommunity.set(b.properties.community, list);
    }
    const old = [...byCommunity.values()].filter((list) => list.length >= 5 && list.every((b) => isOldCommunityBuilding(b.properties)));
    expect(old.length).toBeGreaterThanOrEqual(5);
  });

  it('ties structure to age and height, and heritage to old buildings', () => {
    const heritage = all.filter((b) => b.properties.heritage);
    expect(heritage.length).toBeGreaterThanOrEqual(100);
    expect(heritage.length).toBeLessThanOrEqual(1500);
    for (const b of heritage) expect(b.properties.year_built).toBeLessThan(1980);
    for (const b of all) {
      const p = b.properties;
      if (p.structure === '框筒') expect(p.floors, p.id).toBeGreaterThanOrEqual(25);
      if (p.structure === '砖木') expect(p.year_built, p.id).toBeLessThan(1966);
      if (p.structure === '砖混') expect(p.floors, p.id).toBeLessThanOrEqual(7);
      if (p.structure === '剪力墙') expect(p.use, p.id).toBe('住宅');
    }
    // Mid- and high-rise housing dominate outside the old quarters.
    const residential = all.filter((b) => b.properties.use === '住宅');
    const midHigh = residential.filter((b) => b.properties.floors >= 5);
    expect(midHigh.length / residential.length).toBeGreaterThan(0.6);
  });

  it('addresses every building on a real street of the network', () => {
    const names = new Set(roads().features.map((f) => f.properties.name));
    for (const b of all) {
      const m = /^([\u4e00-\u9fff]+?)(\d+)号(附\d+号)?$/.exec(b.properties.address);
      expect(m, b.properties.address).not.toBeNull();
      expect(names.has(m![1]!), b.properties.address).toBe(true);
    }
    expect(new Set(all.map((b) => b.properties.address)).size).toBe(all.length);
  });

  it('is deterministic in its seed', () => {
    const hash = (v: unknown): string => createHash('sha256').update(JSON.stringify(v)).digest('hex');
    const again = generateBuildings({ seed: SEED, land: land(), dem: dem(), roads: roads(), terrain: terrain() });
    expect(hash(again)).toBe(hash(buildings()));
  });
});
