/**
 * The real sample generators run once per test file (cached per seed): outline → land
 * and water → DEM → terrain raster → streets → buildings. Each step is built only when
 * a test asks for it.
 */
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FeatureCollection, LineString, Polygon } from 'geojson';
import type { BuildingProperties } from '../../src/core/building.ts';
import type { ElevationGrid } from '../../src/core/elevation-grid.ts';
import type { RoadProperties } from '../../src/core/roads.ts';
import { generateBuildings } from '../../src/sample/building-generator.ts';
import { generateDem } from '../../src/sample/dem-generator.ts';
import {
  createLandWaterModel,
  type DistrictOutline,
  type LandWaterModel,
  loadDistrictOutline,
} from '../../src/sample/district-outline.ts';
import { generateRoads } from '../../src/sample/road-generator.ts';
import { buildTerrainRaster, type TerrainRaster } from '../../src/sample/terrain-raster.ts';

/** Seed of the generated world; override with YZ_SAMPLE_SEED to try another one. */
export const SEED = process.env.YZ_SAMPLE_SEED ?? 'yuzhong';

const here = dirname(fileURLToPath(import.meta.url));

/** The repository's copy of the reference outlines, else the shared one. */
export function outlinePath(): string {
  const candidates = [
    resolve(here, '../../src/sample/reference/yuzhong-and-neighbour-districts.geojson'),
    resolve(here, '../../../shared/data/reference/yuzhong-and-neighbour-districts.geojson'),
  ];
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new Error(`reference outline missing; looked in ${candidates.join(', ')}`);
  return found;
}

export interface World {
  outline: DistrictOutline;
  land: LandWaterModel;
  dem: ElevationGrid;
  terrain: TerrainRaster;
  roads: FeatureCollection<LineString, RoadProperties>;
  buildings: FeatureCollection<Polygon, BuildingProperties>;
}

const cache = new Map<string, Partial<World>>();

function entry(seed: string): Partial<World> {
  let e = cache.get(seed);
  if (!e) cache.set(seed, (e = {}));
  return e;
}

export function outline(seed = SEED): DistrictOutline {
  const e = entry(seed);
  return (e.outline ??= loadDistrictOutline(outlinePath()));
}

export function land(seed = SEED): LandWaterModel {
  const e = entry(seed);
  return (e.land ??= createLandWaterModel(outline(seed), { seed }));
}

export function dem(seed = SEED): ElevationGrid {
  const e = entry(seed);
  return (e.dem ??= generateDem({ seed, land: land(seed) }));
}

export function terrain(seed = SEED): TerrainRaster {
  const e = entry(seed);
  return (e.terrain ??= buildTerrainRaster(dem(seed), land(seed)));
}

export function roads(seed = SEED): FeatureCollection<LineString, RoadProperties> {
  const e = entry(seed);
  return (e.roads ??= generateRoads({ seed, land: land(seed), dem: dem(seed), terrain: terrain(seed) }));
}

export function buildings(seed = SEED): FeatureCollection<Polygon, BuildingProperties> {
  const e = entry(seed);
  return (e.buildings ??= generateBuildings({
    seed,
    land: land(seed),
    dem: dem(seed),
    roads: roads(seed),
    terrain: terrain(seed),
  }));
}

/** Distance in metres between two lon/lat points (local equirectangular). */
export function metresBetween(a: readonly [number, number], b: readonly [number, number]): number {
  const k = Math.cos((((a[1] + b[1]) / 2) * Math.PI) / 180);
  return Math.hypot((a[0] - b[0]) * 111_195 * k, (a[1] - b[1]) * 111_195);
}
