/**
 * DEM file → `tiles/terrain/` (layer.json + {z}/{x}/{y}.terrain, quantized-mesh-1.0 with
 * oct normals and water mask, and analysis-grid.bin: the DEM and river for the Flood tool). Input problems are found before anything is written;
 * tiles go to a temporary folder that replaces the output only when complete.
 */
import { writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { DISTRICT } from '../../core/district.ts';
import { assertCovers, assertNoHoles, fillHoles, gridRect, type LonLatRect } from './dem-coverage.ts';
import { readDem, undeclaredVoidsNote } from '../../sources/dem-reader.ts';
import { type TileRange, tilesInRange } from './geographic-tiling.ts';
import { createLayerJson } from './layer-json.ts';
import { stageOutput } from '../publish/staged-output.ts';
import { TerrainInputError } from '../../sources/terrain-input-error.ts';
import { type LevelPlan, planLevels } from './terrain-pyramid.ts';
import type { TileStat, WaterSource } from './terrain-tile-job.ts';
import { TerrainWorkers } from './terrain-workers.ts';
import { loadWaterPolygons } from './water-polygons.ts';
import { writeAnalysisGrid, type AnalysisGridWritten } from './analysis-grid-writer.ts';

export interface TerrainBuildOptions {
  /** DEM file: GeoTIFF (lon/lat, or projected: reprojected onto lon/lat) or SRTM .hgt. */
  input: string;
  /** The DEM's CRS when its GeoKeys declare none or a wrong one (`EPSG:4545`, a proj string, WKT). */
  crs?: string;
  /** Output folder (replaced as a whole). */
  outDir: string;
  /** Area to tile in depth. Default: the DEM's extent. Must lie inside the DEM. */
  bounds?: LonLatRect;
  /** Deepest level. Default: the first level whose 256-cell lattice is as fine as the DEM. */
  maxZoom?: number;
  /** Mesh error budget at the deepest level (m). Default: 0.5 (≤ 1 m against the DEM with resampling). */
  leafMaxError?: number;
  /** Fraction of Cesium's level geometric error used above the deepest level. Default: 0.25. */
  levelErrorFraction?: number;
  /** Largest sampling lattice per tile (2^k+1). Default: 1025. */
  maxLatticeSize?: number;
  /** Lattice samples per DEM spacing at the deepest level (see PyramidOptions.oversampling). Default: 4. */
  oversampling?: number;
  /** Lattice of the levels above the deepest (2^k+1). Default: 257. */
  coarseLatticeSize?: number;
  /** River surface (m): water mask where the DEM is at or below it, and the world's fill height. Default: 172. */
  waterLevel?: number;
  /** GeoJSON of water polygons; replaces the river-level test for the water mask. */
  waterPolygons?: string;
  /** Height of the world outside the DEM (m). Default: `waterLevel`. */
  fillHeight?: number;
  /** Interpolate no-data holes instead of failing. Default: false. */
  fillNodata?: boolean;
  /** Write the oct-encoded normals extension. Default: true. */
  normals?: boolean;
  /** Write the water mask extension. Default: true. */
  waterMask?: boolean;
  /** Worker threads for the tiles (0: this thread). Default: the cores available, at most 4. */
  workers?: number;
  /** `layer.json` version (cache-busting `?v=`). Default: a build timestamp. */
  version?: string;
  progress?: (message: string) => void;
}

export type { TileStat };

export interface TerrainBuildResult {
  outDir: string;
  /** Per level: its plan, tile count, bytes and the pinning rounds its shared edges took. */
  levels: Array<LevelPlan & { tiles: number; bytes: number; edgeRounds: number }>;
  tiles: TileStat[];
  available: TileRange[][];
  /** The Flood tool's grid beside the tiles (`analysis-grid.bin`): its size and river cells. */
  analysisGrid: Omit<AnalysisGridWritten, 'path'>;
  seconds: number;
}

export const TERRAIN_DEFAULTS = {
  leafMaxError: 0.5,
  levelErrorFraction: 0.25,
  maxLatticeSize: 1025,
  oversampling: 4,
  coarseLatticeSize: 257,
  waterLevel: DISTRICT.riverLevelM.typical,
} as const;

export function defaultWorkerCount(): number {
  const cores = availableParallelism();
  return cores > 1 ? Math.min(4, cores) : 0;
}

/** Smallest level whose 256-cell lattice is at least as fine as the DEM (capped at 20). */
export function autoMaxZoom(demSpacingDeg: number): number {
  for (let z = 0; z < 20; z++) if (180 / 2 ** z / 256 <= demSpacingDeg * 1.0001) return z;
  return 20;
}

export async function buildTerrain(options: TerrainBuildOptions): Promise<TerrainBuildResult> {
  const started = performance.now();
  const progress = options.progress ?? (() => {});
  const dem = await readDem(options.input, options.crs ? { crs: options.crs } : {});
  const raw = dem.grid;
  const voids = undeclaredVoidsNote(dem, options.input);
  if (voids) progress(voids);
  const area = options.bounds ?? gridRect(raw);
  assertCovers(raw, area, options.input);
  // With --fill-nodata, holes are interpolated first; only what stays empty fails.
  const grid = options.fillNodata ? fillHoles(raw) : raw;
  assertNoHoles(grid, area, options.input);
  // Read now so a bad file fails before any work (the jobs read it again).
  const waterPolygons = options.waterPolygons ? loadWaterPolygons(options.waterPolygons) : undefined;
  if (options.maxZoom !== undefined && !(Number.isInteger(options.maxZoom) && options.maxZoom >= 0 && options.maxZoom <= 22)) {
    throw new TerrainInputError('bad-option', options.input, `--max-zoom ${options.maxZoom}: 应为 0–22 的整数 / must be an integer 0–22.`);
  }

  const waterLevel = options.waterLevel ?? TERRAIN_DEFAULTS.waterLevel;
  const demSpacingDeg = Math.min(grid.dx, grid.dy);
  const maxZoom = options.maxZoom ?? autoMaxZoom(demSpacingDeg);
  const plans = planLevels({
    area,
    maxZoom,
    demSpacingDeg,
    leafMaxError: options.leafMaxError ?? TERRAIN_DEFAULTS.leafMaxError,
    levelErrorFraction: options.levelErrorFraction ?? TERRAIN_DEFAULTS.levelErrorFraction,
    maxLatticeSize: options.maxLatticeSize ?? TERRAIN_DEFAULTS.maxLatticeSize,
    oversampling: options.oversampling ?? TERRAIN_DEFAULTS.oversampling,
    coarseLatticeSize: options.coarseLatticeSize ?? TERRAIN_DEFAULTS.coarseLatticeSize,
  });
  const normals = options.normals ?? true;
  const water: WaterSource =
    options.waterMask === false ? { kind: 'none' } : options.waterPolygons ? { kind: 'polygons', file: options.waterPolygons } : { kind: 'level', level: waterLevel };
  const workerCount = options.workers ?? defaultWorkerCount();

  // Staged now, so an unwritable target fails before any work.
  const output = stageOutput(options.outDir);
  if (!output.ok) throw new TerrainInputError('output-not-writable', options.outDir, output.error);
  const staged = output.staged;
  const temp = staged.path;
  const result: TerrainBuildResult = { outDir: options.outDir, levels: [], tiles: [], available: [], analysisGrid: { bytes: 0, riverCells: 0 }, seconds: 0 };
  const workers = new TerrainWorkers({ grid, fillHeight: options.fillHeight ?? waterLevel, water, normals, outDir: temp }, workerCount);
  try {
    for (const plan of plans) {
      const { tiles: stats, edgeRounds } = await workers.runLevel(plan, [...tilesInRange(plan.z, plan.range)]);
      const bytes = stats.reduce((sum, t) => sum + t.bytes, 0);
      result.tiles.push(...stats);
      result.levels.push({ ...plan, tiles: stats.length, bytes, edgeRounds });
      result.available.push([plan.range]);
      progress(`z${plan.z}: ${stats.length} tiles, ${(bytes / 1024).toFixed(0)} KiB, ${edgeRounds} edge rounds`);
    }
    const extensions = [...(normals ? ['octvertexnormals'] : []), ...(water.kind !== 'none' ? ['watermask'] : [])];
    const layer = createLayerJson(result.available, { extensions, version: options.version ?? new Date().toISOString().replace(/\D/g, '').slice(0, 14) });
    writeFileSync(join(temp, 'layer.json'), `${JSON.stringify(layer, null, 1)}\n`);
    // The same DEM and water as the tiles, published with them (the river even without a water mask).
    const { bytes, riverCells } = writeAnalysisGrid(temp, grid, waterPolygons ? { kind: 'polygons', polygons: waterPolygons } : { kind: 'level', level: waterLevel });
    result.analysisGrid = { bytes, riverCells };
    progress(`analysis-grid.bin: ${(bytes / 1e6).toFixed(1)} MB, ${riverCells} river cells`);
    staged.commit();
  } catch (error) {
    staged.discard();
    throw error;
  } finally {
    await workers.close();
  }
  result.seconds = (performance.now() - started) / 1000;
  return result;
}
