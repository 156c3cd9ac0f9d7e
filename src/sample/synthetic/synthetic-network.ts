/**
 * A synthetic utility network for tests and the benchmark: a street grid over the
 * synthetic district's hilly DEM, each street carrying all six networks side by side
 * a few metres apart, cut into one segment per block. Deterministic for a seed.
 */
import type { Feature, LineString } from 'geojson';
import { NETWORKS, PIPE_CONDITIONS, PRESSURE_CLASSES, type Network } from '../../core/lifelines.ts';
import type { ElevationGrid } from '../../core/elevation-grid.ts';
import { createSyntheticArea, seededRandom } from './synthetic-area.ts';
import type { RawFeature } from '../../sources/raw-feature.ts';

export interface SyntheticNetworkOptions {
  /** Number of segments (rounded up to whole streets). */
  count: number;
  seed?: number;
  /** Block length (m) = segment length. Default 80. */
  blockM?: number;
  centre?: [number, number];
}

export interface SyntheticNetwork {
  grid: ElevationGrid;
  features(): Generator<RawFeature>;
  /** As GeoJSON features (for writing a file). */
  geojson(): Generator<Feature<LineString>>;
}

const MATERIALS: Record<Network, string[]> = {
  water: ['球墨铸铁', '灰口铸铁', '钢管', 'PE'],
  storm: ['钢筋混凝土', 'HDPE双壁波纹管'],
  sewage: ['钢筋混凝土', 'HDPE双壁波纹管', '砖砌'],
  gas: ['钢管', 'PE'],
  power: ['电缆排管', '电缆沟'],
  telecom: ['PVC', '硅芯管'],
};
const DIAMETERS: Record<Network, number[]> = {
  water: [100, 150, 200, 300, 500],
  storm: [300, 400, 600, 800, 1200],
  sewage: [300, 400, 500, 800],
  gas: [100, 160, 200, 300],
  power: [150, 200, 300],
  telecom: [50, 100, 110],
};
const DEPTHS: Record<Network, number> = { water: 1.2, storm: 2, sewage: 2.5, gas: 1, power: 0.8, telecom: 0.7 };

export function createSyntheticNetwork(options: SyntheticNetworkOptions): SyntheticNetwork {
  const block = options.blockM ?? 80;
  const seed = options.seed ?? 1;
  // Segments = 6 networks × 2 directions × blocks² → blocks per side.
  const blocks = Math.max(1, Math.ceil(Math.sqrt(options.count / (2 * NETWORKS.length))));
  const sideM = blocks * block;
  // The synthetic district's kind of ground (hilly, 60 m margin), a gentler relief.
  const area = createSyntheticArea({ sideM, centre: options.centre, reliefM: 60 });
  const at = area.toLonLat;

  function* geojson(): Generator<Feature<LineString>> {
    const rand = seededRandom(seed);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
    let n = 0;
    for (let dir = 0; dir < 2; dir++) {
      for (let s = 0; s < blocks; s++) {
        for (let b = 0; b < blocks; b++) {
          for (const [k, network] of NETWORKS.entries()) {
            if (n >= options.count) return;
            // Street centre, networks 1.5 m apart across it.
            const across = -sideM / 2 + (s + 0.5) * block + (k - 2.5) * 1.5;
            const from = -sideM / 2 + b * block;
            const pts: [number, number][] = [];
            for (let t = 0; t <= 3; t++) {
              const along = from + (t * block) / 3;
              const wobble = t === 0 || t === 3 ? 0 : (rand() - 0.5) * 2;
              pts.push(dir === 0 ? at(along, across + wobble) : at(across + wobble, along));
            }
            const year = 1960 + Math.floor(rand() * 64);
            n++;
            yield {
              type: 'Feature',
              properties: {
                id: `SYN-${network}-${String(n).padStart(7, '0')}`,
                network,
                diameter_mm: pick(DIAMETERS[network]),
                depth_m: Math.round((DEPTHS[network] + rand() * 1.5) * 100) / 100,
                material: pick(MATERIALS[network]),
                install_year: year,
                condition: PIPE_CONDITIONS[Math.min(3, Math.floor(((2024 - year) / 64) * 3 * rand() + rand()))]!,
                pressure: network === 'gas' || network === 'water' ? pick(PRESSURE_CLASSES.slice(0, 3)) : null,
              },
              geometry: { type: 'LineString', coordinates: pts },
            };
          }
        }
      }
    }
  }
  function* features(): Generator<RawFeature> {
    let i = 0;
    for (const f of geojson()) yield { index: i++, id: f.properties!.id, geometry: f.geometry, properties: f.properties as Record<string, unknown> };
  }
  return { grid: area.grid, features, geojson };
}
