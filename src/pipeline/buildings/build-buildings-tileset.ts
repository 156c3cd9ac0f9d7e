/**
 * The buildings step end to end: footprints → checks → ground → quadtree → glb
 * tiles (on worker threads) → tileset.json + report.json + the CPU pick index
 * (pick-index.bin, named in tileset.json), written atomically.
 * Returns a result value; bad features are problems in the report, never crashes.
 * The report also lists every kept feature whose height was replaced (notes) and a
 * warning when the footprints look shifted off the land (GCJ-02 / BD-09, see
 * datum-check.ts); when the build fails after reading, report.json is still written.
 */
import type { ElevationGrid } from '../../core/elevation-grid.ts';
import { createLocalProjection } from '../../core/local-projection.ts';
import { placeBuilding } from './building-placement.ts';
import { BuildingStore } from './building-store.ts';
import type { RawFeature } from '../../sources/raw-feature.ts';
import { createFootprintValidator, type FootprintValidatorOptions } from '../../sources/footprint-validator.ts';
import type { GlbWriterOptions } from '../tiles3d/glb-writer.ts';
import type { BuildingNote, BuildingProblem } from '../../sources/footprint-problem.ts';
import { DISTRICT } from '../../core/district.ts';
import { checkDatum } from './datum-check.ts';
import { failureSummary } from '../../sources/input-hints.ts';
import { SchemaCollector } from './building-schema.ts';
import type { QuadtreeOptions, TilerItem } from '../tiles3d/quadtree-tiler.ts';
import { packTileJob } from './tile-job.ts';
import type { TileWorkerPool } from '../tiles3d/tile-encoder.ts';
import { BUILDINGS_TILE_ENCODER } from './buildings-tile-encoder.ts';
import { emptyBox, growBox, type GeoBox } from '../tiles3d/tileset-json.ts';
import { feedFeatures, type FeatureSource } from '../tiles3d/feature-source.ts';
import { withTileWorkerPool, writeFailureReport, writeFeatureTileset, type FeatureTilesetResult, type FeatureTilesetSummary } from '../tiles3d/feature-tileset-writer.ts';
import { writePickIndex } from './pick-index-writer.ts';

export interface BuildBuildingsOptions {
  /** Footprints, as read by footprint-reader (or generated). */
  features: FeatureSource<RawFeature>;
  grid: ElevationGrid;
  /** Output folder (e.g. tiles/buildings); replaced atomically. */
  outDir: string;
  /** Stop at the first bad feature instead of skipping it. Default false. */
  strict?: boolean;
  /** Worker threads for tile encoding; 0 encodes inline. Default: one per core. */
  workers?: number;
  validator?: FootprintValidatorOptions;
  tiling?: QuadtreeOptions;
  glb?: GlbWriterOptions;
  /** Name of the input, for the report. */
  sourceName?: string;
  /** How the input was read, for the report (asked after the read). */
  sourceRead?: () => unknown;
  /** River surface (m) for the datum check: DEM at or below it is water. Default 172, as the terrain's water mask. */
  waterLevelM?: number;
  progress?: (message: string) => void;
}

/** What the buildings step adds to every tileset summary: kept features with replaced or doubtful heights, and input-wide warnings. */
export interface BuildingsFigures {
  buildings: number;
  notes: BuildingNote[];
  warnings: string[];
}

export type BuildBuildingsSummary = BuildingsFigures & FeatureTilesetSummary<BuildingProblem>;
export type BuildBuildingsResult = FeatureTilesetResult<BuildingsFigures, BuildingProblem>;

export { REPORT_FILE, TILESET_FILE } from '../tiles3d/feature-tileset-writer.ts';

function buildingBox(store: BuildingStore, i: number): GeoBox {
  const [west, south, east, north] = store.bounds(i);
  return { west, south, east, north, minHeight: store.base(i), maxHeight: store.roof(i) };
}

/** What is missing on screen without this building: its larger dimension (m). */
function visualSize(box: GeoBox): number {
  const lat = ((box.south + box.north) / 2) * (Math.PI / 180);
  const w = (box.east - box.west) * 111_320 * Math.cos(lat);
  const h = (box.north - box.south) * 110_574;
  return Math.max(box.maxHeight - box.minHeight, Math.hypot(w, h));
}

export async function buildBuildingsTileset(options: BuildBuildingsOptions): Promise<BuildBuildingsResult> {
  const started = performance.now();
  return withTileWorkerPool(BUILDINGS_TILE_ENCODER, options.workers, (pool) => build(options, pool, started));
}

async function build(options: BuildBuildingsOptions, pool: TileWorkerPool, started: number): Promise<BuildBuildingsResult> {
  const progress = options.progress ?? (() => {});
  const validator = createFootprintValidator(options.validator);
  const collector = new SchemaCollector();
  const store = new BuildingStore();
  const problems: BuildingProblem[] = [];
  const notes: BuildingNote[] = [];
  // Centre of every valid footprint, on the DEM or not: the datum check's input.
  const centres: number[] = [];

  const stop = await feedFeatures(options.features, (raw) => {
    const checked = validator.validate(raw);
    if (checked.ok) {
      const outer = checked.footprint.polygons[0]![0]!;
      let x = 0, y = 0;
      for (let k = 0; k < outer.length; k += 2) [x, y] = [x + outer[k]!, y + outer[k + 1]!];
      centres.push((2 * x) / outer.length, (2 * y) / outer.length);
    }
    const placed = checked.ok ? placeBuilding(options.grid, checked.footprint) : checked;
    if (checked.ok) notes.push(...checked.notes);
    if (!placed.ok) {
      problems.push(placed.problem);
      return options.strict === true;
    }
    collector.add(placed.building.properties);
    store.add(placed.building);
    if (store.count % 100_000 === 0) progress(`已读取 / read ${store.count} buildings`);
    return false;
  });
  const datum = checkDatum(options.grid, centres, { waterLevelM: options.waterLevelM ?? DISTRICT.riverLevelM.typical });
  const warnings = datum.warning ? [datum.warning] : [];
  const failed = (error: string): BuildBuildingsResult => {
    const written = writeFailureReport({ outDir: options.outDir, sourceName: options.sourceName, sourceRead: options.sourceRead, error, counts: { buildings: 0 }, problems, notes, warnings });
    return { ok: false, error: written ? `${error} → ${written}` : error, problems };
  };
  if (stop) return failed(`--strict: ${problems[0]!.message}`);
  if (store.count === 0) {
    return failed(`没有可用的建筑 / no usable buildings (${problems.length} problems): ${failureSummary(problems)}${warnings.length ? ` | ${warnings[0]}` : ''}`);
  }
  const schema = collector.schema();
  const readSeconds = (performance.now() - started) / 1000;
  progress(`${store.count} 栋可用，${problems.length} 个问题 / ${store.count} buildings, ${problems.length} problems (${readSeconds.toFixed(1)} s)`);

  // Quadtree on a district-wide plane; boxes double as the tiles' bounding volumes.
  const all = emptyBox();
  for (let i = 0; i < store.count; i++) growBox(all, buildingBox(store, i));
  const projection = createLocalProjection((all.west + all.east) / 2, (all.south + all.north) / 2);
  const items: TilerItem[] = [];
  for (let index = 0; index < store.count; index++) {
    const box = buildingBox(store, index);
    const [x, y] = projection.toLocal((box.west + box.east) / 2, (box.south + box.north) / 2);
    items.push({ index, x, y, size: visualSize(box), key: store.ids[index]! });
  }

  const written = await writeFeatureTileset({
    outDir: options.outDir,
    pool,
    workers: options.workers,
    items,
    tiling: options.tiling,
    box: (index) => buildingBox(store, index),
    packTile: (indices, frameOrigin) => packTileJob(store, indices, schema, frameOrigin, options.glb ?? {}),
    counts: { buildings: store.count },
    sourceName: options.sourceName,
    sourceRead: options.sourceRead,
    problems,
    notes,
    warnings,
    // The pick index is swapped in with the tiles and named in tileset.json.
    addFiles: (dir) => {
      const pickIndex = writePickIndex(dir, store);
      progress(`拣选索引 / pick index: ${pickIndex.bytes} bytes (${pickIndex.buildings} buildings)`);
      return { pickIndex };
    },
    progress,
  });
  if (!written.ok) return { ok: false, error: written.error, problems };
  const { tiles, bytes, vertices, triangles, encodeSeconds } = written.stats;
  return { ok: true, summary: { buildings: store.count, notes, warnings, problems, tiles, bytes, vertices, triangles, readSeconds, encodeSeconds } };
}
