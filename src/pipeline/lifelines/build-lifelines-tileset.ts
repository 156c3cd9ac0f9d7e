/**
 * The lifelines step end to end: segments → checks → under the ground → quadtree →
 * glb tiles (on the buildings' worker pool) → tileset.json + report.json, written
 * atomically. Returns a result value; bad segments are problems in the report, and a
 * build that fails after reading (no usable segment, --strict) still writes report.json.
 */
import type { ElevationGrid } from '../../core/elevation-grid.ts';
import { createLocalProjection } from '../../core/local-projection.ts';
import type { GlbWriterOptions } from '../tiles3d/glb-writer.ts';
import type { QuadtreeOptions, TilerItem } from '../tiles3d/quadtree-tiler.ts';
import type { TileWorkerPool } from '../tiles3d/tile-encoder.ts';
import { LIFELINES_TILE_ENCODER } from './lifelines-tile-encoder.ts';
import { emptyBox, growBox, type GeoBox } from '../tiles3d/tileset-json.ts';
import { feedFeatures, type FeatureSource } from '../tiles3d/feature-source.ts';
import { failureSummary } from '../../sources/input-hints.ts';
import { REPORT_FILE, TILESET_FILE, withTileWorkerPool, writeFailureReport, writeFeatureTileset, type FeatureTilesetResult, type FeatureTilesetSummary } from '../tiles3d/feature-tileset-writer.ts';
import { LifelineSchemaCollector } from './lifeline-schema.ts';
import { packLifelineTile } from './lifeline-tile-job.ts';
import type { RawFeature } from '../../sources/raw-feature.ts';
import type { PlacedPipe } from './placed-pipe.ts';
import { placePipe, type PlacementOptions } from './pipe-placement.ts';
import type { PipeProblem } from '../../sources/pipe-problem.ts';
import { createPipeValidator, type PipeValidatorOptions } from '../../sources/pipe-validator.ts';
import type { TubeOptions } from './tube-extruder.ts';

export interface BuildLifelinesOptions {
  features: FeatureSource<RawFeature>;
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
  /** How the input was read, for the report (asked after the read). */
  sourceRead?: () => unknown;
  progress?: (message: string) => void;
}

type LifelineCounts = { segments: number; lengthKm: number };
export type BuildLifelinesSummary = LifelineCounts & FeatureTilesetSummary<PipeProblem>;
export type BuildLifelinesResult = FeatureTilesetResult<LifelineCounts, PipeProblem>;

export const LIFELINES_REPORT_FILE = REPORT_FILE;
export const LIFELINES_TILESET_FILE = TILESET_FILE;

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
  return withTileWorkerPool(LIFELINES_TILE_ENCODER, options.workers, (pool) => build(options, pool, started));
}

async function build(options: BuildLifelinesOptions, pool: TileWorkerPool, started: number): Promise<BuildLifelinesResult> {
  const progress = options.progress ?? (() => {});
  const validator = createPipeValidator(options.validator);
  const collector = new LifelineSchemaCollector();
  const pipes: PlacedPipe[] = [];
  const problems: PipeProblem[] = [];
  const stopped = await feedFeatures(options.features, (raw) => {
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
  });
  const failed = (error: string): BuildLifelinesResult => {
    const written = writeFailureReport({ outDir: options.outDir, sourceName: options.sourceName, sourceRead: options.sourceRead, error, counts: { segments: 0 }, problems });
    return { ok: false, error: written ? `${error} → ${written}` : error, problems };
  };
  if (stopped) return failed(`--strict: ${problems[0]!.message}`);
  if (pipes.length === 0) return failed(`没有可用的管段 / no usable pipe segments (${problems.length} problems): ${failureSummary(problems)}`);
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

  const written = await writeFeatureTileset({
    outDir: options.outDir,
    pool,
    workers: options.workers,
    items,
    tiling: { ...DEFAULT_TILING, ...options.tiling },
    box: (index) => boxes[index]!,
    packTile: (indices, frameOrigin) =>
      packLifelineTile(indices.map((i) => pipes[i]!), schema, frameOrigin, options.glb ?? {}, options.tube ?? {}),
    counts: { segments: pipes.length },
    extraFigures: { lengthKm: Math.round(lengthKm * 1000) / 1000 },
    generator: 'yuzhong-twin lifelines pipeline',
    sourceName: options.sourceName,
    sourceRead: options.sourceRead,
    problems,
    progress,
  });
  if (!written.ok) return { ok: false, error: written.error, problems };
  const { tiles, bytes, vertices, triangles, encodeSeconds } = written.stats;
  return { ok: true, summary: { segments: pipes.length, lengthKm, problems, tiles, bytes, vertices, triangles, readSeconds, encodeSeconds } };
}
