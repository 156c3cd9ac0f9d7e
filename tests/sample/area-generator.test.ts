import type { Position } from 'geojson';
import { beforeAll, describe, expect, it } from 'vitest';
import { LANDMARKS } from '../../src/core/district.ts';
import { createLocalProjection } from '../../src/core/local-projection.ts';
import { isOldCommunityBuilding } from '../../src/core/old-communities.ts';
import { AreaPropertiesSchema, RENEWAL_AREAS } from '../../src/core/renewal-areas.ts';
import { generateAreas } from '../../src/sample/area-generator.ts';
import { makeSampleBuildings } from './fixtures.ts';

const PROJ = createLocalProjection(106.545, 29.552);

function inRing(x: number, y: number, ring: Position[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi! > y !== yj! > y && x < ((xj! - xi!) * (y - yi!)) / (yj! - yi!) + xi!) inside = !inside;
  }
  return inside;
}

/** Distance (m) from a point to a ring's boundary. */
function distanceToBoundaryM(p: Position, ring: Position[]): number {
  const [px, py] = PROJ.toLocal(p[0]!, p[1]!);
  let best = Infinity;
  for (let i = 0; i + 1 < ring.length; i++) {
    const [ax, ay] = PROJ.toLocal(ring[i]![0]!, ring[i]![1]!);
    const [bx, by] = PROJ.toLocal(ring[i + 1]![0]!, ring[i + 1]![1]!);
    const [dx, dy] = [bx - ax, by - ay];
    const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy || 1)));
    best = Math.min(best, Math.hypot(px - ax - t * dx, py - ay - t * dy));
  }
  return best;
}

function areaKm2(ring: Position[]): number {
  let s = 0;
  const pts = ring.map((p) => PROJ.toLocal(p[0]!, p[1]!));
  for (let i = 0; i + 1 < pts.length; i++) s += pts[i]![0] * pts[i + 1]![1] - pts[i + 1]![0] * pts[i]![1];
  return Math.abs(s) / 2 / 1e6;
}

const landmark = (key: string): Position => {
  const l = LANDMARKS.find((m) => m.key === key)!;
  return [l.lon, l.lat];
};

describe('generateAreas', () => {
  const buildings = makeSampleBuildings(12_500);
  let areas: ReturnType<typeof generateAreas>;

  beforeAll(() => {
    areas = generateAreas(buildings, { seed: 'yuzhong' });
  });

  it('draws every area of 一核两翼三带五片区 as a valid closed polygon', () => {
    const named = areas.features.filter((f) => f.properties.kind !== 'old-community');
    expect(named.map((f) => f.properties.id)).toEqual(RENEWAL_AREAS.map((a) => a.id));
    for (const f of areas.features) {
      AreaPropertiesSchema.parse(f.properties);
      const ring = f.geometry.coordinates[0]!;
      expect(ring.length).toBeGreaterThanOrEqual(4);
      expect(ring[0]).toEqual(ring[ring.length - 1]);
      for (const p of ring) expect(p).toHaveLength(2);
    }
    named.forEach((f, i) => {
      expect(f.properties.kind).toBe(RENEWAL_AREAS[i]!.kind);
      expect(f.properties.name).toBe(RENEWAL_AREAS[i]!.zh);
      // Between a city block and a fifth of the district.
      const km2 = areaKm2(f.geometry.coordinates[0]!);
      expect(km2, f.properties.id).toBeGreaterThan(0.1);
      expect(km2, f.properties.id).toBeLessThan(4.5);
    });
  });

  it('puts the core on the Jiefangbei–Chaotianmen tip and the belts along shores, old town and ridge', () => {
    const ring = (id: string): Position[] => areas.features.find((f) => f.properties.id === id)!.geometry.coordinates[0]!;
    const inside = (id: string, p: Position): boolean => inRing(p[0]!, p[1]!, ring(id));
    expect(inside('core-jiefangbei', landmark('jiefangbei'))).toBe(true);
    expect(inside('core-jiefangbei', [106.584, 29.564])).toBe(true); // 朝天门 on land
    expect(inside('belt-heritage', landmark('shibati'))).toBe(true);
    expect(inside('belt-eling-ridge', landmark('pipashan'))).toBe(true);
    expect(inside('zone-health', landmark('chongyi'))).toBe(true);
    expect(inside('zone-daping', landmark('daping'))).toBe(true);
    // The riverside belt is a long thin band: huge perimeter for its area.
    const river = ring('belt-riverside');
    let perimeter = 0;
    for (let i = 0; i + 1 < river.length; i++) {
      const [ax, ay] = PROJ.toLocal(river[i]![0]!, river[i]![1]!);
      const [bx, by] = PROJ.toLocal(river[i + 1]![0]!, river[i + 1]![1]!);
      perimeter += Math.hypot(bx - ax, by - ay);
    }
    expect(perimeter / 2).toBeGreaterThan(12_000); // both shores, ~13 km
    expect((areaKm2(river) * 1e6) / (perimeter / 2)).toBeLessThan(300); // ~260 m wide
  });

  it('outlines each 2001–2010 old community: its buildings buffered ~15 m, with its years', () => {
    const members = new Map<string, typeof buildings>();
    for (const b of buildings) {
      if (!isOldCommunityBuilding(b.properties)) continue;
      const list = members.get(b.properties.community!) ?? [];
      list.push(b);
      members.set(b.properties.community!, list);
    }
    const communities = areas.features.filter((f) => f.properties.kind === 'old-community');
    expect(communities.length).toBe(members.size);
    expect(communities.length).toBeGreaterThan(50);
    expect(new Set(communities.map((f) => f.properties.id)).size).toBe(communities.length);
    for (const f of communities) {
      const list = members.get(f.properties.name)!;
      expect(list, f.properties.name).toBeDefined();
      expect(f.properties.year_from).toBe(Math.min(...list.map((b) => b.properties.year_built)));
      expect(f.properties.year_to).toBe(Math.max(...list.map((b) => b.properties.year_built)));
      const ring = f.geometry.coordinates[0]!;
      let nearest = Infinity;
      for (const b of list) {
        for (const p of b.geometry.coordinates[0]!) {
          expect(inRing(p[0]!, p[1]!, ring)).toBe(true);
          nearest = Math.min(nearest, distanceToBoundaryM(p, ring));
        }
      }
      // Hull corners sit exactly one buffer width inside (the buffer's arcs are polygons).
      expect(nearest).toBeGreaterThan(13.5);
      expect(nearest).toBeLessThan(15.5);
    }
  });

  it('ignores communities outside the census years', () => {
    const names = new Set(areas.features.map((f) => f.properties.name));
    for (const b of buildings) {
      const p = b.properties;
      if (p.community !== null && !buildings.some((o) => o.properties.community === p.community && isOldCommunityBuilding(o.properties))) {
        expect(names.has(p.community)).toBe(false);
      }
    }
  });

  it('is deterministic from the seed', () => {
    expect(generateAreas(buildings, { seed: 'yuzhong' })).toEqual(areas);
    expect(generateAreas(buildings, { seed: 'other' })).not.toEqual(areas);
  });
});
