/**
 * The lifelines step as a command: file paths in, tileset out, a printed summary.
 * Shared by `scripts/build-lifelines.ts` (npm run tiles:lifelines) and the build plan.
 */
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { readDem } from '../terrain/dem-reader.ts';
import { buildLifelinesTileset, LIFELINES_REPORT_FILE, type BuildLifelinesResult } from './build-lifelines-tileset.ts';
import { PipeReadError, readPipes } from './pipe-reader.ts';

export interface LifelinesCommandOptions {
  input: string;
  dem: string;
  out: string;
  strict?: boolean;
  workers?: number;
  /** Radius multiplier for overview (default 1). */
  exaggeration?: number;
  /** Vertices per tube ring (default 6). */
  sides?: number;
  log?: (line: string) => void;
}

export const LIFELINES_USAGE = `用法 / usage: build-lifelines --in <pipes.geojson|.fgb> --dem <dem.tif|.hgt> --out <dir>
  [--strict] [--workers N] [--exaggeration X] [--sides N]`;

export function parseLifelinesArgs(argv: string[], defaults: { input: string; dem: string; out: string }): LifelinesCommandOptions | string {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        in: { type: 'string' },
        dem: { type: 'string' },
        out: { type: 'string' },
        strict: { type: 'boolean' },
        workers: { type: 'string' },
        exaggeration: { type: 'string' },
        sides: { type: 'string' },
        help: { type: 'boolean' },
      },
      strict: true,
    }));
  } catch (error) {
    return `${(error as Error).message}\n${LIFELINES_USAGE}`;
  }
  if (values.help) return LIFELINES_USAGE;
  const num = (v: string | undefined, name: string, min: number, max: number): number | undefined | string => {
    if (v === undefined) return undefined;
    const n = Number(v);
    return Number.isFinite(n) && n >= min && n <= max ? n : `--${name} 须在 ${min}–${max} 之间 / --${name} must be a number from ${min} to ${max}, got "${v}"`;
  };
  const workers = num(values.workers, 'workers', 0, 256);
  const exaggeration = num(values.exaggeration, 'exaggeration', 1, 50);
  const sides = num(values.sides, 'sides', 3, 32);
  for (const v of [workers, exaggeration, sides]) if (typeof v === 'string') return v;
  return {
    input: values.in ?? defaults.input,
    dem: values.dem ?? defaults.dem,
    out: values.out ?? defaults.out,
    strict: values.strict ?? false,
    workers: workers as number | undefined,
    exaggeration: exaggeration as number | undefined,
    sides: sides === undefined ? undefined : Math.round(sides as number),
  };
}

export async function runLifelinesCommand(options: LifelinesCommandOptions): Promise<BuildLifelinesResult> {
  const log = options.log ?? ((line: string) => console.log(line));
  let grid;
  try {
    grid = (await readDem(options.dem)).grid;
  } catch (error) {
    return { ok: false, error: `无法读取高程模型 / cannot read the DEM ${options.dem}: ${(error as Error).message}`, problems: [] };
  }
  try {
    const result = await buildLifelinesTileset({
      features: readPipes(options.input),
      grid,
      outDir: options.out,
      strict: options.strict,
      workers: options.workers,
      placement: { radiusExaggeration: options.exaggeration ?? 1 },
      tube: options.sides ? { sides: options.sides } : {},
      sourceName: basename(options.input),
      progress: log,
    });
    if (result.ok) {
      const s = result.summary;
      log(
        `管线瓦片完成 / lifelines tileset: ${s.segments} segments (${s.lengthKm.toFixed(1)} km) in ${s.tiles} tiles, ` +
          `${(s.bytes / 1e6).toFixed(1)} MB (${Math.round(s.bytes / s.lengthKm)} B/km), ` +
          `${s.problems.length} skipped → ${join(options.out, LIFELINES_REPORT_FILE)}`,
      );
      for (const p of s.problems.slice(0, 20)) log(`  跳过 / skipped ${p.message}`);
      if (s.problems.length > 20) log(`  … ${s.problems.length - 20} more in ${LIFELINES_REPORT_FILE}`);
    }
    return result;
  } catch (error) {
    if (error instanceof PipeReadError) return { ok: false, error: error.message, problems: [] };
    throw error;
  }
}
