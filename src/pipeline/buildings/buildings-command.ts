/**
 * The buildings step as a command: file paths in, tileset out, a printed summary.
 * Shared by `scripts/build-buildings.ts` (npm run tiles:buildings) and the build plan.
 */
import { parseArgs } from 'node:util';
import { buildBuildingsTileset, REPORT_FILE, type BuildBuildingsResult } from './build-buildings-tileset.ts';
import { readDem } from '../terrain/dem-reader.ts';
import { FootprintReadError, readFootprints } from './footprint-reader.ts';
import { basename, join } from 'node:path';

export interface BuildingsCommandOptions {
  /** Footprints (.geojson or .fgb). */
  input: string;
  /** DEM: GeoTIFF (EPSG:4326/4490) or SRTM .hgt. */
  dem: string;
  /** Output folder of the tileset. */
  out: string;
  strict?: boolean;
  workers?: number;
  /** Per-face normals (default) or none. */
  normals?: boolean;
  storeyHeightM?: number;
  maxFeaturesPerTile?: number;
  log?: (line: string) => void;
}

export const BUILDINGS_USAGE = `用法 / usage: build-buildings --in <footprints.geojson|.fgb> --dem <dem.tif|.hgt> --out <dir>
  [--strict] [--workers N] [--no-normals] [--storey-height M] [--max-features N]`;

/** Parses command-line arguments; returns a usage error as a string. */
export function parseBuildingsArgs(argv: string[], defaults: { input: string; dem: string; out: string }): BuildingsCommandOptions | string {
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
        'no-normals': { type: 'boolean' },
        'storey-height': { type: 'string' },
        'max-features': { type: 'string' },
        help: { type: 'boolean' },
      },
      strict: true,
    }));
  } catch (error) {
    return `${(error as Error).message}\n${BUILDINGS_USAGE}`;
  }
  if (values.help) return BUILDINGS_USAGE;
  const num = (v: string | undefined, name: string, min: number): number | undefined | string => {
    if (v === undefined) return undefined;
    const n = Number(v);
    return Number.isFinite(n) && n >= min ? n : `--${name} 须为 ≥ ${min} 的数 / --${name} must be a number ≥ ${min}, got "${v}"`;
  };
  const workers = num(values.workers, 'workers', 0);
  const storey = num(values['storey-height'], 'storey-height', 0.5);
  const maxFeatures = num(values['max-features'], 'max-features', 10);
  for (const v of [workers, storey, maxFeatures]) if (typeof v === 'string') return v;
  return {
    input: values.in ?? defaults.input,
    dem: values.dem ?? defaults.dem,
    out: values.out ?? defaults.out,
    strict: values.strict ?? false,
    workers: workers as number | undefined,
    normals: !values['no-normals'],
    storeyHeightM: storey as number | undefined,
    maxFeaturesPerTile: maxFeatures as number | undefined,
  };
}

export async function runBuildingsCommand(options: BuildingsCommandOptions): Promise<BuildBuildingsResult> {
  const log = options.log ?? ((line: string) => console.log(line));
  let grid;
  try {
    // The terrain pipeline's reader: GeoTIFF or SRTM .hgt, pixel-is-point/area handled there.
    grid = (await readDem(options.dem)).grid;
  } catch (error) {
    return { ok: false, error: `无法读取高程模型 / cannot read the DEM ${options.dem}: ${(error as Error).message}`, problems: [] };
  }
  try {
    const maxFeatures = options.maxFeaturesPerTile;
    const result = await buildBuildingsTileset({
      features: readFootprints(options.input),
      grid,
      outDir: options.out,
      strict: options.strict,
      workers: options.workers,
      validator: options.storeyHeightM ? { storeyHeightM: options.storeyHeightM } : {},
      tiling: maxFeatures ? { maxFeaturesPerTile: maxFeatures, parentFeatures: Math.max(1, Math.floor(maxFeatures * 0.4)) } : {},
      glb: { normals: options.normals ?? true },
      // The file name only: output must not depend on where the checkout lives.
      sourceName: basename(options.input),
      progress: log,
    });
    if (result.ok) {
      const s = result.summary;
      log(
        `建筑瓦片完成 / buildings tileset: ${s.buildings} buildings in ${s.tiles} tiles, ` +
          `${(s.bytes / 1e6).toFixed(1)} MB (${Math.round(s.bytes / s.buildings)} B/building), ` +
          `${s.problems.length} skipped → ${join(options.out, REPORT_FILE)}`,
      );
      for (const p of s.problems.slice(0, 20)) log(`  跳过 / skipped ${p.message}`);
      if (s.problems.length > 20) log(`  … ${s.problems.length - 20} more in ${REPORT_FILE}`);
    }
    return result;
  } catch (error) {
    if (error instanceof FootprintReadError) return { ok: false, error: error.message, problems: [] };
    throw error;
  }
}
