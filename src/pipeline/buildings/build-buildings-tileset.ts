/**
 * The buildings step end to end: footprints → checks → ground → quadtree → glb
 * tiles (on worker threads) → tileset.json + report.json, written atomically.
 * Returns a result value; bad features are problems in the report, never crashes.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ElevationGrid } from '../../core/elevation-grid.ts';
import { createLocalProjection } from '../../core/local-projection.ts';
import { placeBuilding } from './building-placement.ts';
import { BuildingStore } from './building-store.ts';
import type { RawFeature } from './footprint.ts';
import { createFootprintValidator, type FootprintValidatorOptions } from './footprint-validator.ts';
import type { GlbWriterOptions } from './glb-writer.ts';
import { stageFolder, type StagedFolder } from './output-folder.ts';
import type { BuildingProblem } from './problem.ts';
import { SchemaCollector } from './property-schema.ts';
import { buildQuadtree, tileContentPath, type QuadtreeOptions, type TileNode, type TilerItem } from './quadtree-tiler.ts';
import { packTileJob } from './tile-job.ts';
import { createTileWorkerPool, defaultWorkerCount, type TileWorkerPool } from './tile-worker-pool.ts';
import { emptyBox, frameOriginFor, growBox, tilesetJson, type GeoBox, type PlannedTile } from './tileset-json.ts';

export interface BuildBuildingsOptions {
  /** Footprints, as read by footprint-reader (or generated). */
  features: AsyncIterable<RawFeature> | Iterable<RawFeature>;
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
  progress?: (message: string) => void;
}

export interface BuildBuildingsSummary {
  buildings: number;
  problems: BuildingProblem[];
  tiles: number;
  bytes: number;
  vertices: number;
  triangles: number;
  /** Seconds spent reading + checking, and encoding tiles. */
  readSeconds: number;
  encodeSeconds: number;
}

export type BuildBuildingsResult =
  | { ok: true; summary: BuildBuildingsSummary }
  | { ok: false; error: string; problems: BuildingProblem[] };

export const REPORT_FILE = 'report.json';
export const TILESET_FILE = 'tileset.json';

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

/** Feeds each feature to `take` until it returns true (stop); says whether it stopped. */
async function syncLoop(features: Iterable<RawFeature>, take: (raw: RawFeature) => boolean): Promise<boolean> {
  for (const raw of features) if (take(raw)) return true;
  return false;
}

async function asyncLoop(features: AsyncIterable<RawFeature>, take: (raw: RawFeature) => boolean): Promise<boolean> {
  for await (const raw of features) if (take(raw)) return true;
  return false;
}

export async function buildBuildingsTileset(options: BuildBuildingsOptions): Promise<BuildBuildingsResult> {
  const started = performance.now();
  // Workers start now: loading their modules overlaps with reading the footprints.
  const pool = createTileWorkerPool(options.workers ?? defaultWorkerCount());
  try {
    return await build(options, pool, started);
  } finally {
    await pool.close();
  }
}

async function build(options: BuildBuildingsOptions, pool: TileWorkerPool, started: number): Promise<BuildBuildingsResult> {
  const progress = options.progress ?? (() => {});
  const validator = createFootprintValidator(options.validator);
  const collector = new SchemaCollector();
  const store = new BuildingStore();
  const problems: BuildingProblem[] = [];

  // Sync sources (generators, arrays) skip for-await's promise per feature.
  const source = options.features;
  const take = (raw: RawFeature): boolean => {
    const checked = validator.validate(raw);
    const placed = checked.ok ? placeBuilding(options.grid, checked.footprint) : checked;
    if (!placed.ok) {
      problems.push(placed.problem);
      return options.strict === true;
    }
    collector.add(placed.building.properties);
    store.add(placed.building);
    if (store.count % 100_000 === 0) progress(`已读取 / read ${store.count} buildings`);
    return false;
  };
  const stop = Symbol.iterator in source ? await syncLoop(source, take) : await asyncLoop(source, take);
  if (stop) return { ok: false, error: `--strict: ${problems[0]!.message}`, problems };
  if (store.count === 0) {
    return { ok: false, error: `没有可用的建筑 / no usable buildings (${problems.length} problems)`, problems };
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
  const tree = buildQuadtree(items, options.tiling);

  const plan = (node: TileNode): PlannedTile => {
    const contentBox = node.items.reduce((acc, it) => growBox(acc, buildingBox(store, it.index)), emptyBox());
    return {
      node,
      contentUri: tileContentPath(node),
      contentBox,
      frameOrigin: frameOriginFor(contentBox),
      children: node.children.map(plan),
    };
  };
  const planned = plan(tree);
  const tiles: PlannedTile[] = [];
  const collect = (t: PlannedTile) => {
    tiles.push(t);
    t.children.forEach(collect);
  };
  collect(planned);

  let staged: StagedFolder;
  try {
    staged = stageFolder(options.outDir);
  } catch (error) {
    return { ok: false, error: `无法写入输出目录 / cannot write to ${options.outDir}: ${(error as Error).message}`, problems };
  }
  let failed = false;
  const encodeStarted = performance.now();
  const summary: BuildBuildingsSummary = {
    buildings: store.count,
    problems,
    tiles: tiles.length,
    bytes: 0,
    vertices: 0,
    triangles: 0,
    readSeconds,
    encodeSeconds: 0,
  };
  try {
    let done = 0;
    // Bounded in-flight jobs: enough to keep every worker busy, few enough to cap memory.
    const limit = Math.max(2, 2 * (options.workers ?? defaultWorkerCount()));
    const inFlight = new Set<Promise<void>>();
    for (const tile of tiles) {
      const packed = packTileJob(
        store,
        tile.node.items.map((it) => it.index),
        schema,
        tile.frameOrigin,
        options.glb ?? {},
      );
      const job = pool
        .run(packed.job, packed.transfer)
        .then(({ glb, stats }) => {
          if (failed) return; // the staged folder is gone; do not bring it back
          const path = join(staged.path, tile.contentUri);
          mkdirSync(dirname(path), { recursive: true });
          writeFileSync(path, glb);
          summary.bytes += glb.byteLength;
          summary.vertices += stats.vertices;
          summary.triangles += stats.triangles;
          if (++done % 200 === 0) progress(`瓦片 / tiles ${done}/${tiles.length}`);
        });
      inFlight.add(job);
      void job.then(() => inFlight.delete(job), () => inFlight.delete(job));
      if (inFlight.size >= limit) await Promise.race(inFlight);
    }
    await Promise.all(inFlight);
    summary.encodeSeconds = (performance.now() - encodeStarted) / 1000;

    const tileset = tilesetJson(planned, {
      extras: { buildings: store.count, tiles: tiles.length, source: options.sourceName ?? null },
    });
    const tilesetText = JSON.stringify(tileset);
    writeFileSync(join(staged.path, TILESET_FILE), tilesetText);
    summary.bytes += tilesetText.length;
    writeFileSync(
      join(staged.path, REPORT_FILE),
      JSON.stringify(
        {
          source: options.sourceName ?? null,
          buildings: store.count,
          skipped: problems.length,
          tiles: tiles.length,
          problems: problems.map(({ index, id, reason, message }) => ({ index, id, reason, message })),
        },
        null,
        1,
      ) + '\n',
    );
    staged.commit();
  } catch (error) {
    failed = true;
    staged.discard();
    return { ok: false, error: `瓦片写入失败 / writing tiles failed: ${(error as Error).message}`, problems };
  }
  return { ok: true, summary };
}
