/**
 * The part every feature tileset (buildings, lifelines) shares once its features
 * are read and checked: quadtree → planned tiles → glb per tile on the worker pool
 * (bounded in flight) → tileset.json + report.json in a staged folder that replaces
 * the output atomically. What a feature is, and how a tile's job is packed, stays
 * with the caller. Returns a result value, never throws for I/O. A build that fails
 * after reading still writes its report.json (writeFailureReport), so the reasons are
 * on disk and not only in a scrolled-away log.
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { StagedFolder } from '../publish/published-folder.ts';
import { stageOutput } from '../publish/staged-output.ts';
import { defaultWorkerCount } from '../workers/worker-pool.ts';
import { buildQuadtree, tileContentPath, type QuadtreeOptions, type TileNode, type TilerItem } from './quadtree-tiler.ts';
import { createTileWorkerPool, type TileEncoder, type TileWorkerPool } from './tile-encoder.ts';
import { emptyBox, frameOriginFor, growBox, tilesetJson, type GeoBox, type PlannedTile } from './tileset-json.ts';

export const REPORT_FILE = 'report.json';
export const TILESET_FILE = 'tileset.json';

/** A skipped input feature, as the report lists it (buildings' and pipes' problems both fit). */
export interface ReportedProblem {
  index: number;
  id: string | null;
  reason: string;
  message: string;
}

export interface FeatureTilesetWriteOptions {
  /** Output folder (e.g. tiles/buildings); replaced atomically. */
  outDir: string;
  pool: TileWorkerPool;
  /** Worker count the pool was made with; bounds the jobs in flight. Default: one per core. */
  workers?: number;
  /** One item per feature; `item.index` is what `box` and `packTile` receive. */
  items: TilerItem[];
  tiling?: QuadtreeOptions;
  /** A feature's bounding box (also the tiles' bounding volumes). */
  box(index: number): GeoBox;
  /** The worker job for one tile's features (in tile order), in the tile's local frame. */
  packTile(indices: number[], frameOrigin: [number, number, number]): { job: unknown; transfer: ArrayBuffer[] };
  /** Feature counts, first in tileset.json's extras and in the report (e.g. `{ buildings: n }`). */
  counts: Record<string, number>;
  /** More figures for tileset.json's extras only, after `counts`. */
  extraFigures?: Record<string, number>;
  /**
   * Writes more files into the staged folder once the tiles are in, so they are swapped
   * in with the tiles; what it returns joins tileset.json's `asset.extras` (last).
   */
  addFiles?: (stagedDir: string) => Record<string, unknown>;
  /** `asset.generator` of tileset.json; default tileset-json.ts's. */
  generator?: string;
  /** Name of the input, for the report. */
  sourceName?: string;
  /** How the input was read (format, CRS, code page, field mapping), for the report; asked when the report is written, after the read. */
  sourceRead?: () => unknown;
  problems: readonly ReportedProblem[];
  /** Features kept but changed or doubtful (e.g. a height taken from floors), listed in the report. */
  notes?: readonly ReportedProblem[];
  /** Warnings about the whole input (e.g. a datum shift), zh-CN / English. */
  warnings?: readonly string[];
  progress?: (message: string) => void;
}

/** report.json: what was built (or why not), every skipped feature, every note and warning. */
export interface FeatureTilesetReport {
  source: string | null;
  /** How the source was read (src/sources/feature-file.ts SourceReadReport), when known. */
  read?: unknown;
  /** Present (true) only when the build failed; then `error` says why and no tiles were written. */
  failed?: true;
  error?: string;
  skipped: number;
  tiles: number;
  warnings: string[];
  noted: number;
  problems: ReportedProblem[];
  notes: ReportedProblem[];
  [count: string]: unknown;
}

const listed = (problems: readonly ReportedProblem[] | undefined) => (problems ?? []).map(({ index, id, reason, message }) => ({ index, id, reason, message }));

/** Writes `dir/report.json` atomically (a temporary file renamed into place). */
function writeReport(dir: string, report: FeatureTilesetReport): void {
  const temp = join(dir, `.${REPORT_FILE}.tmp-${process.pid}-${Date.now()}`);
  writeFileSync(temp, JSON.stringify(report, null, 1) + '\n');
  renameSync(temp, join(dir, REPORT_FILE));
}

/**
 * The report of a build that failed before any tile was written (every feature bad,
 * --strict): `outDir/report.json` with `failed: true`, the error and every problem.
 * The tiles already in `outDir` (a previous build's) are left as they were. Returns
 * the path written, or null when even that is impossible (the error says why anyway).
 */
export function writeFailureReport(options: {
  outDir: string;
  sourceName?: string;
  sourceRead?: () => unknown;
  error: string;
  counts: Record<string, number>;
  problems: readonly ReportedProblem[];
  notes?: readonly ReportedProblem[];
  warnings?: readonly string[];
}): string | null {
  try {
    mkdirSync(options.outDir, { recursive: true });
    writeReport(options.outDir, {
      source: options.sourceName ?? null,
      ...(options.sourceRead ? { read: options.sourceRead() ?? null } : {}),
      failed: true,
      error: options.error,
      ...options.counts,
      skipped: options.problems.length,
      tiles: 0,
      warnings: [...(options.warnings ?? [])],
      noted: options.notes?.length ?? 0,
      problems: listed(options.problems),
      notes: listed(options.notes),
    });
    return join(options.outDir, REPORT_FILE);
  } catch {
    return null;
  }
}

export interface FeatureTilesetStats {
  tiles: number;
  /** glb bytes plus tileset.json. */
  bytes: number;
  vertices: number;
  triangles: number;
  encodeSeconds: number;
}

/** What a feature tileset build reports: the written tileset's figures, the skipped features and the read time. */
export interface FeatureTilesetSummary<P extends ReportedProblem> extends FeatureTilesetStats {
  problems: P[];
  /** Seconds spent reading + checking (encodeSeconds: encoding and writing tiles). */
  readSeconds: number;
}

/** A build's result: a summary with the counts `C` (e.g. `{ buildings: number }`), or an actionable error. */
export type FeatureTilesetResult<C, P extends ReportedProblem> =
  | { ok: true; summary: C & FeatureTilesetSummary<P> }
  | { ok: false; error: string; problems: P[] };

export type FeatureTilesetWriteResult = { ok: true; stats: FeatureTilesetStats } | { ok: false; error: string };

/**
 * Runs `fn` with a pool of workers running `encoder`, started now (loading workers
 * overlaps with reading input), closed after.
 */
export async function withTileWorkerPool<J, T>(encoder: TileEncoder<J>, workers: number | undefined, fn: (pool: TileWorkerPool) => Promise<T>): Promise<T> {
  const pool = createTileWorkerPool(encoder, workers ?? defaultWorkerCount());
  try {
    return await fn(pool);
  } finally {
    await pool.close();
  }
}

function planTiles(tree: TileNode, box: (index: number) => GeoBox): { root: PlannedTile; tiles: PlannedTile[] } {
  const plan = (node: TileNode): PlannedTile => {
    const contentBox = node.items.reduce((acc, it) => growBox(acc, box(it.index)), emptyBox());
    return {
      node,
      contentUri: tileContentPath(node),
      contentBox,
      frameOrigin: frameOriginFor(contentBox),
      children: node.children.map(plan),
    };
  };
  const root = plan(tree);
  const tiles: PlannedTile[] = [];
  const collect = (t: PlannedTile) => {
    tiles.push(t);
    t.children.forEach(collect);
  };
  collect(root);
  return { root, tiles };
}

export async function writeFeatureTileset(options: FeatureTilesetWriteOptions): Promise<FeatureTilesetWriteResult> {
  const progress = options.progress ?? (() => {});
  const { root, tiles } = planTiles(buildQuadtree(options.items, options.tiling), options.box);

  const stagedOrError = stageOutput(options.outDir);
  if (!stagedOrError.ok) return stagedOrError;
  const staged: StagedFolder = stagedOrError.staged;
  let failed = false;
  const encodeStarted = performance.now();
  const stats: FeatureTilesetStats = { tiles: tiles.length, bytes: 0, vertices: 0, triangles: 0, encodeSeconds: 0 };
  const source = options.sourceName ?? null;
  try {
    let done = 0;
    // Bounded in-flight jobs: enough to keep every worker busy, few enough to cap memory.
    const limit = Math.max(2, 2 * (options.workers ?? defaultWorkerCount()));
    const inFlight = new Set<Promise<void>>();
    for (const tile of tiles) {
      const packed = options.packTile(tile.node.items.map((it) => it.index), tile.frameOrigin);
      const job = options.pool.run(packed.job, packed.transfer).then(({ glb, stats: tileStats }) => {
        if (failed) return; // the staged folder is gone; do not bring it back
        const path = join(staged.path, tile.contentUri);
        mkdirSync(dirname(path), { recursive: true });
        writeFileSync(path, glb);
        stats.bytes += glb.byteLength;
        stats.vertices += tileStats.vertices;
        stats.triangles += tileStats.triangles;
        if (++done % 200 === 0) progress(`瓦片 / tiles ${done}/${tiles.length}`);
      }, (error: Error) => {
        // Name the tile: "tile worker: …" alone does not say which one to look at.
        throw Object.assign(new Error(`${tile.contentUri}: ${error.message}`), { cause: error });
      });
      inFlight.add(job);
      void job.then(() => inFlight.delete(job), () => inFlight.delete(job));
      if (inFlight.size >= limit) await Promise.race(inFlight);
    }
    await Promise.all(inFlight);
    stats.encodeSeconds = (performance.now() - encodeStarted) / 1000;

    const added = options.addFiles?.(staged.path) ?? {};
    const tileset = tilesetJson(root, {
      ...(options.generator ? { generator: options.generator } : {}),
      extras: { ...options.counts, ...options.extraFigures, tiles: tiles.length, source, ...added },
    });
    const tilesetText = JSON.stringify(tileset);
    writeFileSync(join(staged.path, TILESET_FILE), tilesetText);
    stats.bytes += tilesetText.length;
    writeReport(staged.path, {
      source,
      ...(options.sourceRead ? { read: options.sourceRead() ?? null } : {}),
      ...options.counts,
      skipped: options.problems.length,
      tiles: tiles.length,
      warnings: [...(options.warnings ?? [])],
      noted: options.notes?.length ?? 0,
      problems: listed(options.problems),
      notes: listed(options.notes),
    });
    staged.commit();
  } catch (error) {
    failed = true;
    staged.discard();
    return { ok: false, error: `瓦片写入失败 / writing tiles failed: ${(error as Error).message}` };
  }
  return { ok: true, stats };
}
