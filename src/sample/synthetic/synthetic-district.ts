/**
 * A synthetic district for tests and benchmarks: a hilly ElevationGrid and any
 * number of footprints on it (rectangles, L-shapes, courtyards with holes, and
 * two-part MultiPolygons) with the full property set. Deterministic from a seed;
 * features are generated lazily so a million of them cost no memory up front.
 */
import { createWriteStream } from 'node:fs';
import type { Polygon, MultiPolygon, Position } from 'geojson';
import { BUILDING_USES, STRUCTURES } from '../../core/building.ts';
import type { ElevationGrid } from '../../core/elevation-grid.ts';
import { createSyntheticArea, seededRandom } from './synthetic-area.ts';
import type { RawFeature } from '../../sources/raw-feature.ts';

export interface SyntheticDistrictOptions {
  /** Number of buildings. */
  count: number;
  /** Seed for the random choices. Default 1. */
  seed?: number;
  /** Centre of the district (lon°, lat°). Default Yuzhong (106.55, 29.55). */
  centre?: [number, number];
  /** Distance between building centres (m). Default 32. */
  spacingM?: number;
  /** Relief amplitude (m); Yuzhong's slopes need ~100. Default 100. */
  reliefM?: number;
}

export interface SyntheticDistrict {
  grid: ElevationGrid;
  /** A fresh iterator over the footprints every time. */
  features(): Generator<RawFeature>;
  /** Side of the square area the footprints occupy (m). */
  sideM: number;
}

const STREETS = ['解放碑', '民族路', '民权路', '邹容路', '中山一路', '中山三路', '两路口', '上清寺', '大坪正街', '化龙桥', '菜园坝', '石油路', '长江一路', '嘉陵江滨江路', '较场口', '七星岗'];
const COMMUNITIES = ['解放碑社区', '十八梯社区', '领事巷社区', '人和街社区', '上清寺社区', '大坪社区', '化龙桥社区', '菜园坝社区', '石油路社区', '七星岗社区', null];
const NAMES = ['大厦', '花园', '小区', '商厦', '公寓', '办公楼', '中心'];

export function createSyntheticDistrict(options: SyntheticDistrictOptions): SyntheticDistrict {
  const count = options.count;
  const seed = options.seed ?? 1;
  const spacing = options.spacingM ?? 32;
  const perRow = Math.max(1, Math.ceil(Math.sqrt(count)));
  const sideM = perRow * spacing;
  const area = createSyntheticArea({ sideM, centre: options.centre, reliefM: options.reliefM });

  function* features(): Generator<RawFeature> {
    const rand = seededRandom(seed);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
    for (let i = 0; i < count; i++) {
      const row = Math.floor(i / perRow);
      const col = i % perRow;
      const cx = -sideM / 2 + (col + 0.5) * spacing + (rand() - 0.5) * spacing * 0.2;
      const cy = -sideM / 2 + (row + 0.5) * spacing + (rand() - 0.5) * spacing * 0.2;
      const w = 8 + rand() * (spacing * 0.55 - 8);
      const d = 8 + rand() * (spacing * 0.55 - 8);
      const angle = rand() * Math.PI;
      const ca = Math.cos(angle);
      const sa = Math.sin(angle);
      const toLonLat = (x: number, y: number): Position => {
        const ex = cx + x * ca - y * sa;
        const ny = cy + x * sa + y * ca;
        return area.toLonLat(ex, ny);
      };
      const ring = (pts: [number, number][]): Position[] => {
        const out = pts.map(([x, y]) => toLonLat(x, y));
        out.push(out[0]!);
        return out;
      };
      const kind = rand();
      let geometry: Polygon | MultiPolygon;
      if (kind < 0.55) {
        geometry = { type: 'Polygon', coordinates: [ring([[-w / 2, -d / 2], [w / 2, -d / 2], [w / 2, d / 2], [-w / 2, d / 2]])] };
      } else if (kind < 0.8) {
        geometry = {
          type: 'Polygon',
          coordinates: [ring([[-w / 2, -d / 2], [w / 2, -d / 2], [w / 2, 0], [0, 0], [0, d / 2], [-w / 2, d / 2]])],
        };
      } else if (kind < 0.92) {
        // Courtyard block: the hole runs the other way round.
        geometry = {
          type: 'Polygon',
          coordinates: [
            ring([[-w / 2, -d / 2], [w / 2, -d / 2], [w / 2, d / 2], [-w / 2, d / 2]]),
            ring([[-w / 5, -d / 5], [-w / 5, d / 5], [w / 5, d / 5], [w / 5, -d / 5]]),
          ],
        };
      } else {
        geometry = {
          type: 'MultiPolygon',
          coordinates: [
            [ring([[-w / 2, -d / 2], [-w / 10, -d / 2], [-w / 10, d / 2], [-w / 2, d / 2]])],
            [ring([[w / 10, -d / 2], [w / 2, -d / 2], [w / 2, d / 2], [w / 10, d / 2]])],
          ],
        };
      }
      const tall = rand() < 0.08;
      const floors = tall ? 15 + Math.floor(rand() * 40) : 1 + Math.floor(rand() * 9);
      const storey = 2.8 + rand() * 0.6;
      const use = pick(BUILDING_USES);
      const street = pick(STREETS);
      const properties: Record<string, unknown> = {
        id: `YZ-${String(i + 1).padStart(5, '0')}`,
        name: rand() < 0.3 ? `${street}${pick(NAMES)}` : null,
        address: `重庆市渝中区${street}${1 + Math.floor(rand() * 300)}号`,
        community: pick(COMMUNITIES),
        floors,
        // A tenth give only floors: their height comes from the storey height.
        height: rand() < 0.1 ? null : Math.round(floors * storey * 10) / 10,
        year_built: 1930 + Math.floor(rand() * 95),
        structure: pick(STRUCTURES),
        use,
        heritage: rand() < 0.02,
      };
      yield { index: i, id: properties.id, geometry, properties };
    }
  }
  return { grid: area.grid, features, sideM };
}

/**
 * Writes the district's footprints as a GeoJSON FeatureCollection, streamed (a
 * million features never sit in memory at once), coordinates at 7 decimals (~1 cm)
 * as exports usually have them: ~447 bytes (~375 characters) a building. Returns
 * the bytes and characters written.
 * For the benchmarks and the large-file tests of the streaming reader.
 */
export async function writeSyntheticGeoJson(district: SyntheticDistrict, path: string): Promise<{ bytes: number; chars: number }> {
  const out = createWriteStream(path);
  const round = (_key: string, v: unknown) => (typeof v === 'number' && !Number.isInteger(v) ? Math.round(v * 1e7) / 1e7 : v);
  let bytes = 0;
  let chars = 0;
  const write = async (text: string) => {
    bytes += Buffer.byteLength(text);
    chars += text.length;
    if (!out.write(text)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  };
  await write('{"type":"FeatureCollection","name":"synthetic buildings","features":[\n');
  let first = true;
  let batch = '';
  for (const f of district.features()) {
    batch += (first ? '' : ',\n') + JSON.stringify({ type: 'Feature', properties: f.properties, geometry: f.geometry }, round);
    first = false;
    if (batch.length > 1 << 20) {
      await write(batch);
      batch = '';
    }
  }
  await write(`${batch}\n]}\n`);
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
  return { bytes, chars };
}
