/**
 * The lifelines step end to end: segments → checks → under the ground → quadtree →
 * glb tiles (on the buildings' worker pool) → tileset.json + report.json, written
 * atomically. Returns a result value; bad segments are problems in the report.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ElevationGrid } from '../../core/elevation-grid.ts';
import { createLocalProjection } from '../../core/local-projection.ts';
import type { GlbWriterOptions } from '../buildings/glb-writer.ts';
import { stageFolder, type StagedFolder } from '../buildings/output-folder.ts';
import { buildQuadtree, tileContentPath, type QuadtreeOptions, type TileNode, type TilerItem } from '../buildings/quadtree-tiler.ts';
import { createTileWorkerPool, defaultWorkerCount, type TileWorkerPool } from '../buildings/tile-worker-pool.ts';
import { emptyBox, frameOriginFor, growBox, tilesetJson, type GeoBox, type PlannedTile } from '../buildings/tileset-json.ts';
import { LifelineSchemaCollector } from './lifeline-schema.ts';
import { packLifelineTile } from './lifeline-tile-job.ts';
import type { PlacedPipe, RawFeature } from './pipe.ts';
import { placePipe, type PlacementOptions } from './pipe-placement.ts';
import type { PipeProblem } from './pipe-problem.ts';
import { createPipeValidator, type PipeValidatorOptions } from './pipe-validator.ts';
import type { TubeOptions } from './tube-extruder.ts';

export interface BuildLifelinesOptions {
  features: AsyncIterable<RawFeature> | Iterable<RawFeature>;
  grid: ElevationGrid;
  /** Output folder (e.g. tiles/lifelines); replaced atomically. */
  outDir: string;
  /** Stop at the first bad segment instead of skipping it. Default false. */
  strict?: boolean;
  /** Worker threads for tile encoding; 0 encodes inline. Default: one per core. */
  workers?: number;
  validator?: PipeValidatorOptions;
  placement?: PlacementOptions;
  tube?: TubeOptions;
  /** Default: leaves of ≤ 2,000 segments, parents keep their 800 most prominent. */
  tiling?: QuadtreeOptions;
  glb?: GlbWriterOptions;
  sourceName?: string;
  progress?: (message: string) => void;
}

export interface BuildLifelinesSummary {
  segments: number;
  lengthKm: number;
  problems: PipeProblem[];
  tiles: number;
  bytes: number;
  vertices: number;
  triangles: number;
  readSeconds: number;
  encodeSeconds: number;
}

export type BuildLifelinesResult =
  | { ok: true; summary: BuildLifelinesSummary }
  | { ok: false; error: string; problems: PipeProblem[] };

export const LIFELINES_REPORT_FILE = 'report.json';
export const LIFELINES_TILESET_FILE = 'tileset.json';

const DEFAULT_TILING: Required<QuadtreeOptions> = { maxFeaturesPerTile: 2_000, parentFeatures: 800, maxLevel: 16 };

function pipeBox(p: PlacedPipe): GeoBox {
  const box = emptyBox();
  for (const line of p.centreLines) {
    for (let i = 0; i < line.length; i += 3) {
      box.west = Math.min(box.west, line[i]!);
      box.east = Math.max(box.east, line[i]!);
      box.south = Math.min(box.south, line[i + 1]!);
      box.north = Math.max(box.north, line[i + 1]!);
    }
  }
  // The tube's radius (and the miter) reach beyond the centre line: pad by 2 radii.
  const padLat = (2 * p.radiusM) / 110_574;
  const padLon = padLat / Math.cos(((box.south + box.north) / 2) * (Math.PI / 180));
  box.west -= padLon;
  box.east += padLon;
  box.south -= padLat;
  box.north += padLat;
  box.minHeight = p.bottom;
  box.maxHeight = p.top;
  return box;
}

/**
 * What is missing on screen without a segment: its length, weighted up for big
 * mains (a DN 1000 trunk matters more in an overview than a house connection).
 */
function prominence(p: PlacedPipe): number {
  return p.lengthM * Math.min(4, Math.max(0.5, Math.sqrt(p.diameterMm / 300)));
}

export async function buildLifelinesTileset(options: BuildLifelinesOptions): Promise<BuildLifelinesResult> {
  const started = performance.now();
  const pool = createTileWorkerPool(options.workers ?? defaultWorkerCount());
  try {
    return await build(options, pool, started);
  } finally {
    await pool.close();
  }
}

async function build(options: BuildLifelinesOptions, pool: TileWorkerPool, started: number): Promise<BuildLifelinesResult> {
  const progress = options.progress ?? (() => {});
  const validator = createPipeValidator(options.validator);
  const collector = new LifelineSchemaCollector();
  const pipes: PlacedPipe[] = [];
  const problems: PipeProblem[] = [];
  let stopped = false;
  const take = (raw: RawFeature): boolean => {
    const checked = validator.validate(raw);
    const placed = checked.ok ? placePipe(options.grid, checked.pipe, options.placement) : checked;
    if (!placed.ok) {
      problems.push(placed.problem);
      return options.strict === true;
    }
    collector.add(placed.pipe.properties);
    pipes.push(placed.pipe);
    if (pipes.length % 100_000 === 0) progress(`已读取 / read ${pipes.length} segments`);
    return false;
  };
  const source = options.features;
  if (Symbol.iterator in source) {
    for (const raw of source) if ((stopped = take(raw))) break;
  } else {
    for await (const raw of source) if ((stopped = take(raw))) break;
  }
  if (stopped) return { ok: false, error: `--strict: ${problems[0]!.message}`, problems };
  if (pipes.length === 0) return { ok: false, error: `没有可用的管段 / no usable pipe segments (${problems.length} problems)`, problems };
  const schema = collector.schema();
  const readSeconds = (performance.now() - started) / 1000;
  const lengthKm = pipes.reduce((s, p) => s + p.lengthM, 0) / 1000;
  progress(`${pipes.length} 段管线 ${lengthKm.toFixed(1)} km，${problems.length} 个问题 / ${pipes.length} segments, ${problems.length} problems (${readSeconds.toFixed(1)} s)`);

  const boxes = pipes.map(pipeBox);
  const all = boxes.reduce((acc, b) => growBox(acc, b), emptyBox());
  const projection = createLocalProjection((all.west + all.east) / 2, (all.south + all.north) / 2);
  const items: TilerItem[] = pipes.map((p, index) => {
    const b = boxes[index]!;
    const [x, y] = projection.toLocal((b.west + b.east) / 2, (b.south + b.north) / 2);
    return { index, x, y, size: prominence(p), key: p.id };
  });
  const tree = buildQuadtree(items, { ...DEFAULT_TILING, ...options.tiling });
  const plan = (node: TileNode): PlannedTile => {
    const contentBox = node.items.reduce((acc, it) => growBox(acc, boxes[it.index]!), emptyBox());
    return { node, contentUri: tileContentPath(node), contentBox, frameOrigin: frameOriginFor(contentBox), children: node.children.map(plan) };
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
  const summary: BuildLifelinesSummary = {
    segments: pipes.length, lengthKm, problems, tiles: tiles.length, bytes: 0, vertices: 0, triangles: 0, readSeconds, encodeSeconds: 0,
  };
  let failed = false;
  const encodeStarted = performance.now();
  try {
    const limit = Math.max(2, 2 * (options.workers ?? defaultWorkerCount()));
    const inFlight = new Set<Promise<void>>();
    for (const tile of tiles) {
      const packed = packLifelineTile(tile.node.items.map((it) => pipes[it.index]!), schema, tile.frameOrigin, options.glb ?? {}, options.tube ?? {});
      const job = pool.run(packed.job, packed.transfer).then(({ glb, stats }) => {
        if (failed) return;
        const path = join(staged.path, tile.contentUri);
        mkdirSync(dirname(path), { recursive: true });
        writeFileSync(path, glb);
        summary.bytes += glb.byteLength;
        summary.vertices += stats.vertices;
        summary.triangles += stats.triangles;
      });
      inFlight.add(job);
      void job.then(() => inFlight.delete(job), () => inFlight.delete(job));
      if (inFlight.size >= limit) await Promise.race(inFlight);
    }
    await Promise.all(inFlight);
    summary.encodeSeconds = (performance.now() - encodeStarted) / 1000;
    const tileset = tilesetJson(planned, {
      generator: 'yuzhong-twin lifelines pipeline',
      extras: { segments: pipes.length, lengthKm: Math.round(lengthKm * 1000) / 1000, tiles: tiles.length, source: options.sourceName ?? null },
    });
    const text = JSON.stringify(tileset);
    writeFileSync(join(staged.path, LIFELINES_TILESET_FILE), text);
    summary.bytes += text.length;
    writeFileSync(
      join(staged.path, LIFELINES_REPORT_FILE),
      JSON.stringify({
        source: options.sourceName ?? null,
        segments: pipes.length,
        skipped: problems.length,
        tiles: tiles.length,
        problems: problems.map(({ index, id, reason, message }) => ({ index, id, reason, message })),
      }, null, 1) + '\n',
    );
    staged.commit();
  } catch (error) {
    failed = true;
    staged.discard();
    return { ok: false, error: `瓦片写入失败 / writing tiles failed: ${(error as Error).message}`, problems };
  }
  return { ok: true, summary };
}
