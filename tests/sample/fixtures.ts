/**
 * Synthetic inputs for the sample-generator tests, built in memory so these tests do
 * not wait on the real terrain, road and building generators: a DEM with a central
 * ridge falling to both rivers, a street grid, and ~12,500 buildings in clustered
 * blocks with plausible age, structure, use, community and heritage mixes.
 */
import type { Feature, FeatureCollection, LineString, Polygon } from 'geojson';
import type { BuildingProperties, BuildingUse, Structure } from '../../src/core/building.ts';
import { formatBuildingCode } from '../../src/core/building-code.ts';
import type { ElevationGrid } from '../../src/core/elevation-grid.ts';
import { createLocalProjection } from '../../src/core/local-projection.ts';
import { ROAD_CLASS_INFO, type RoadClass, type RoadProperties } from '../../src/core/roads.ts';
import { createRng, pick, randomInt, uniform, weightedPick } from '../../src/sample/random-helpers.ts';

/** The fixture's world: a box over the peninsula. */
export const FIXTURE_BOX = { west: 106.5, east: 106.588, south: 29.536, north: 29.568 } as const;
const ORIGIN = createLocalProjection((FIXTURE_BOX.west + FIXTURE_BOX.east) / 2, (FIXTURE_BOX.south + FIXTURE_BOX.north) / 2);

/** Ridge along 29.553 at ~380 m falling to ~172 m at both ends, tilted west-up, plus a bump. */
export function elevationAt(lon: number, lat: number): number {
  const ridge = 210 * Math.exp(-(((lat - 29.553) / 0.008) ** 2));
  const tilt = (106.588 - lon) * 400; // ~35 m over the box, west higher
  const bump = 40 * Math.exp(-(((lon - 106.56) / 0.004) ** 2 + ((lat - 29.56) / 0.003) ** 2));
  return 170 + ridge + tilt + bump;
}

/** A DEM covering the box with a margin, ~20 m spacing. */
export function makeElevationGrid(): ElevationGrid {
  const dx = 0.0002;
  const dy = 0.0002;
  const west = FIXTURE_BOX.west - 0.004;
  const north = FIXTURE_BOX.north + 0.004;
  const width = Math.ceil((FIXTURE_BOX.east + 0.004 - west) / dx) + 1;
  const height = Math.ceil((north - (FIXTURE_BOX.south - 0.004)) / dy) + 1;
  const data = new Float32Array(width * height);
  for (let r = 0; r < height; r++) {
    for (let c = 0; c < width; c++) data[r * width + c] = elevationAt(west + c * dx, north - r * dy);
  }
  return { width, height, west, north, dx, dy, data };
}

export interface RoadGridOptions {
  /** Distance between parallel streets (m). Default 150. */
  spacingM?: number;
  seed?: string;
}

/**
 * A wobbly street grid over the box: every 5th line arterial, every other secondary,
 * the rest local, plus a short stairway in some blocks. Vertices every ~60 m.
 */
export function makeRoadGrid(options: RoadGridOptions = {}): FeatureCollection<LineString, RoadProperties> {
  const spacing = options.spacingM ?? 150;
  const rng = createRng(options.seed ?? 'fixture', 'roads');
  const [x0, y0] = ORIGIN.toLocal(FIXTURE_BOX.west, FIXTURE_BOX.south);
  const [x1, y1] = ORIGIN.toLocal(FIXTURE_BOX.east, FIXTURE_BOX.north);
  const features: Feature<LineString, RoadProperties>[] = [];
  const add = (cls: RoadClass, pts: [number, number][]): void => {
    const id = `R-${String(features.length + 1).padStart(5, '0')}`;
    features.push({
      type: 'Feature',
      properties: { id, class: cls, name: `测试路${features.length + 1}`, width_m: ROAD_CLASS_INFO[cls].widthM },
      geometry: { type: 'LineString', coordinates: pts.map(([x, y]) => ORIGIN.toLonLat(x, y)) },
    });
  };
  const classOf = (k: number): RoadClass => (k % 5 === 0 ? 'arterial' : k % 2 === 0 ? 'secondary' : 'local');
  const line = (from: number, to: number, at: number, vertical: boolean): [number, number][] => {
    const pts: [number, number][] = [];
    const n = Math.max(1, Math.round((to - from) / 60));
    for (let i = 0; i <= n; i++) {
      const s = from + ((to - from) * i) / n;
      const wobble = i === 0 || i === n ? 0 : uniform(rng, -6, 6);
      pts.push(vertical ? [at + wobble, s] : [s, at + wobble]);
    }
    return pts;
  };
  let k = 0;
  for (let x = x0; x <= x1; x += spacing, k++) add(classOf(k), line(y0, y1, x, true));
  k = 0;
  for (let y = y0; y <= y1; y += spacing, k++) add(classOf(k), line(x0, x1, y, false));
  // Stairways cut diagonally across some blocks.
  for (let x = x0; x + spacing <= x1; x += spacing * 3) {
    for (let y = y0; y + spacing <= y1; y += spacing * 4) {
      add('stairway', [
        [x + 5, y + 5],
        [x + spacing / 2, y + spacing / 2 + uniform(rng, -10, 10)],
        [x + spacing - 5, y + spacing - 5],
      ]);
    }
  }
  return { type: 'FeatureCollection', features };
}

/** Total centreline length of a road collection (km). */
export function roadLengthKm(roads: FeatureCollection<LineString, RoadProperties>): number {
  let m = 0;
  for (const f of roads.features) {
    const pts = f.geometry.coordinates.map((p) => ORIGIN.toLocal(p[0]!, p[1]!));
    for (let i = 1; i < pts.length; i++) m += Math.hypot(pts[i]![0] - pts[i - 1]![0], pts[i]![1] - pts[i - 1]![1]);
  }
  return m / 1000;
}

const ERAS: readonly (readonly [[number, number], number])[] = [
  [[1900, 1949], 0.03],
  [[1950, 1979], 0.12],
  [[1980, 1999], 0.35],
  [[2000, 2010], 0.3],
  [[2011, 2024], 0.2],
];

function structureFor(rng: () => number, year: number): Structure {
  if (year < 1950) return weightedPick(rng, [['砖木', 0.7], ['砖混', 0.3]]);
  if (year < 1980) return weightedPick(rng, [['砖木', 0.25], ['砖混', 0.65], ['框架', 0.1]]);
  if (year < 2000) return weightedPick(rng, [['砖混', 0.55], ['框架', 0.35], ['剪力墙', 0.1]]);
  if (year <= 2010) return weightedPick(rng, [['砖混', 0.1], ['框架', 0.35], ['剪力墙', 0.45], ['框筒', 0.1]]);
  return weightedPick(rng, [['框架', 0.3], ['剪力墙', 0.5], ['框筒', 0.2]]);
}

const FLOORS: Record<Structure, [number, number]> = {
  砖木: [1, 3],
  砖混: [2, 7],
  框架: [3, 12],
  剪力墙: [10, 35],
  框筒: [20, 70],
};

const COMMUNITY_WORDS = ['嘉陵', '长江', '枇杷', '鹅岭', '上清', '七星', '大坪', '化龙', '南纪', '两路', '菜园', '渝州'];
const COMMUNITY_SUFFIX = ['小区', '花园', '新村', '苑', '公寓'];

/**
 * ~`count` buildings in clusters (blocks) of 5–40. A block shares an era and a main
 * use; residential blocks after 1980 are named communities.
 */
export function makeSampleBuildings(count = 12_500, seed = 'fixture'): Feature<Polygon, BuildingProperties>[] {
  const rng = createRng(seed, 'buildings');
  const [x0, y0] = ORIGIN.toLocal(FIXTURE_BOX.west, FIXTURE_BOX.south);
  const [x1, y1] = ORIGIN.toLocal(FIXTURE_BOX.east, FIXTURE_BOX.north);
  const out: Feature<Polygon, BuildingProperties>[] = [];
  let block = 0;
  while (out.length < count) {
    block++;
    const [cx, cy] = [uniform(rng, x0 + 100, x1 - 100), uniform(rng, y0 + 100, y1 - 100)];
    const era = weightedPick(rng, ERAS);
    const baseYear = randomInt(rng, era[0], era[1]);
    const use: BuildingUse = weightedPick(rng, [['住宅', 0.65], ['商业', 0.12], ['办公', 0.1], ['公共', 0.1], ['工业', 0.03]]);
    const community = use === '住宅' && baseYear >= 1980 ? `${pick(rng, COMMUNITY_WORDS)}${pick(rng, COMMUNITY_SUFFIX)}${block}` : null;
    const size = Math.min(randomInt(rng, 5, 40), count - out.length);
    for (let j = 0; j < size; j++) {
      const year = Math.min(2024, Math.max(1900, baseYear + randomInt(rng, -2, 2)));
      const structure = structureFor(rng, year);
      const [lo, hi] = FLOORS[structure];
      const floors = randomInt(rng, lo, hi);
      const heritage = year < 1950 ? rng() < 0.4 : year < 1960 ? rng() < 0.1 : false;
      const [bx, by] = [cx + uniform(rng, -120, 120), cy + uniform(rng, -120, 120)];
      const half = uniform(rng, 6, 16);
      const ring = [
        [bx - half, by - half],
        [bx + half, by - half],
        [bx + half, by + half],
        [bx - half, by + half],
        [bx - half, by - half],
      ].map(([x, y]) => ORIGIN.toLonLat(x!, y!));
      const index = out.length + 1;
      out.push({
        type: 'Feature',
        properties: {
          id: formatBuildingCode(index),
          name: null,
          address: `渝中区测试路${index}号`,
          community,
          floors,
          height: Math.round((floors * 3 + uniform(rng, 0, 2)) * 10) / 10,
          year_built: year,
          structure,
          use: community !== null ? '住宅' : j === 0 ? use : weightedPick(rng, [[use, 0.85], ['商业', 0.15]]),
          heritage,
        },
        geometry: { type: 'Polygon', coordinates: [ring] },
      });
    }
  }
  return out;
}
