/**
 * The lifelines step as a command: file paths in, tileset out, a printed summary.
 * Shared by `scripts/build-lifelines.ts` (npm run tiles:lifelines) and the build plan.
 */
import { basename, join } from 'node:path';
import { readDemGrid } from '../terrain/dem-grid-reader.ts';
import { catchReadError, logSkipped, parseTilesetArgs, READ_OPTIONS_USAGE, type TilesetCommandOptions, type TilesetCommandPaths } from '../tiles3d/tileset-command.ts';
import { buildLifelinesTileset, LIFELINES_REPORT_FILE, type BuildLifelinesResult } from './build-lifelines-tileset.ts';
import type { PipeProblem } from '../../sources/pipe-problem.ts';
import { sourceReadReport, type FeatureFile } from '../../sources/feature-file.ts';
import { PipeReadError, readPipes } from '../../sources/pipe-reader.ts';

export interface LifelinesCommandOptions extends TilesetCommandOptions {
  /** Radius multiplier for overview (default 1). */
  exaggeration?: number;
  /** Vertices per tube ring (default 6). */
  sides?: number;
}

export const LIFELINES_USAGE = `用法 / usage: build-lifelines --in <pipes .geojson|.fgb|.shp|.gpkg> --dem <dem.tif|.hgt> --out <dir>
  [--strict] [--workers N] [--exaggeration X] [--sides N]
${READ_OPTIONS_USAGE}`;

export function parseLifelinesArgs(argv: string[], defaults: TilesetCommandPaths): LifelinesCommandOptions | string {
  const parsed = parseTilesetArgs(argv, defaults, {
    usage: LIFELINES_USAGE,
    numbers: { exaggeration: { min: 1, max: 50 }, sides: { min: 3, max: 32 } },
  });
  if (typeof parsed === 'string') return parsed;
  const { numbers, flags: _flags, ...common } = parsed;
  const sides = numbers.sides;
  return {
    ...common,
    exaggeration: numbers.exaggeration,
    sides: sides === undefined ? undefined : Math.round(sides),
  };
}

export async function runLifelinesCommand(options: LifelinesCommandOptions): Promise<BuildLifelinesResult> {
  const log = options.log ?? ((line: string) => console.log(line));
  const dem = await readDemGrid(options.dem, options.demRead?.crs);
  if (!dem.ok) return { ok: false, error: dem.error, problems: [] };
  if (dem.note) log(dem.note);
  let opened: FeatureFile | null = null;
  const result = await catchReadError<BuildLifelinesResult, PipeProblem>(PipeReadError, () =>
    buildLifelinesTileset({
      features: readPipes(options.input, options.read, { onOpen: (file) => (opened = file) }),
      sourceRead: () => (opened ? sourceReadReport(opened) : null),
      grid: dem.grid,
      outDir: options.out,
      strict: options.strict,
      workers: options.workers,
      placement: { radiusExaggeration: options.exaggeration ?? 1 },
      tube: options.sides ? { sides: options.sides } : {},
      sourceName: basename(options.input),
      progress: log,
    }),
  );
  if (result.ok) {
    const s = result.summary;
    log(
      `管线瓦片完成 / lifelines tileset: ${s.segments} segments (${s.lengthKm.toFixed(1)} km) in ${s.tiles} tiles, ` +
        `${(s.bytes / 1e6).toFixed(1)} MB (${Math.round(s.bytes / s.lengthKm)} B/km), ` +
        `${s.problems.length} skipped → ${join(options.out, LIFELINES_REPORT_FILE)}`,
    );
    logSkipped(s.problems, log);
  } else {
    logSkipped(result.problems, log, 10);
  }
  return result;
}
