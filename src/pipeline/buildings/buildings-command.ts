/**
 * The buildings step as a command: file paths in, tileset out, a printed summary.
 * Shared by `scripts/build-buildings.ts` (npm run tiles:buildings) and the build plan.
 * The summary names every kind of replaced height and any datum warning; a failed
 * build still prints its first reasons (the rest are in report.json).
 */
import { buildBuildingsTileset, REPORT_FILE, type BuildBuildingsResult } from './build-buildings-tileset.ts';
import { readDemGrid } from '../terrain/dem-grid-reader.ts';
import { catchReadError, logSkipped, parseTilesetArgs, READ_OPTIONS_USAGE, type TilesetCommandOptions, type TilesetCommandPaths } from '../tiles3d/tileset-command.ts';
import { NOTE_TEXT, type BuildingNote, type BuildingProblem, type NoteReason } from '../../sources/footprint-problem.ts';
import { sourceReadReport, type FeatureFile } from '../../sources/feature-file.ts';
import { FootprintReadError, readFootprints } from '../../sources/footprint-reader.ts';
import { basename, join } from 'node:path';

/** `input`: footprints (.geojson or .fgb); `dem`: GeoTIFF (EPSG:4326/4490) or SRTM .hgt; `out`: the tileset's folder. */
export interface BuildingsCommandOptions extends TilesetCommandOptions {
  /** Per-face normals (default) or none. */
  normals?: boolean;
  storeyHeightM?: number;
  maxFeaturesPerTile?: number;
}

export const BUILDINGS_USAGE = `用法 / usage: build-buildings --in <footprints .geojson|.fgb|.shp|.gpkg> --dem <dem.tif|.hgt> --out <dir>
  [--strict] [--workers N] [--no-normals] [--storey-height M] [--max-features N]
${READ_OPTIONS_USAGE}`;

/** Parses command-line arguments; returns a usage error as a string. */
export function parseBuildingsArgs(argv: string[], defaults: TilesetCommandPaths): BuildingsCommandOptions | string {
  const parsed = parseTilesetArgs(argv, defaults, {
    usage: BUILDINGS_USAGE,
    numbers: { 'storey-height': { min: 0.5 }, 'max-features': { min: 10 } },
    flags: ['no-normals'],
  });
  if (typeof parsed === 'string') return parsed;
  const { numbers, flags, ...common } = parsed;
  return {
    ...common,
    normals: !flags['no-normals'],
    storeyHeightM: numbers['storey-height'],
    maxFeaturesPerTile: numbers['max-features'],
  };
}

/** One line per kind of note (e.g. "412 heights taken from floors × 3 m"), with the first few ids. */
function logNotes(notes: readonly BuildingNote[], log: (line: string) => void): void {
  const byReason = new Map<string, BuildingNote[]>();
  for (const n of notes) byReason.set(n.reason, [...(byReason.get(n.reason) ?? []), n]);
  for (const [reason, list] of byReason) {
    const first = list.slice(0, 3).map((n) => n.message).join(' | ');
    log(`  注意 / noted ${list.length} × ${reason} (${NOTE_TEXT[reason as NoteReason]}), e.g. ${first}${list.length > 3 ? ` … all in ${REPORT_FILE}` : ''}`);
  }
}

export async function runBuildingsCommand(options: BuildingsCommandOptions): Promise<BuildBuildingsResult> {
  const log = options.log ?? ((line: string) => console.log(line));
  const dem = await readDemGrid(options.dem, options.demRead?.crs);
  if (!dem.ok) return { ok: false, error: dem.error, problems: [] };
  if (dem.note) log(dem.note);
  const maxFeatures = options.maxFeaturesPerTile;
  let opened: FeatureFile | null = null;
  const result = await catchReadError<BuildBuildingsResult, BuildingProblem>(FootprintReadError, () =>
    buildBuildingsTileset({
      features: readFootprints(options.input, options.read, { onOpen: (file) => (opened = file) }),
      sourceRead: () => (opened ? sourceReadReport(opened) : null),
      grid: dem.grid,
      outDir: options.out,
      strict: options.strict,
      workers: options.workers,
      validator: options.storeyHeightM ? { storeyHeightM: options.storeyHeightM } : {},
      tiling: maxFeatures ? { maxFeaturesPerTile: maxFeatures, parentFeatures: Math.max(1, Math.floor(maxFeatures * 0.4)) } : {},
      glb: { normals: options.normals ?? true },
      // The file name only: output must not depend on where the checkout lives.
      sourceName: basename(options.input),
      progress: log,
    }),
  );
  if (result.ok) {
    const s = result.summary;
    log(
      `建筑瓦片完成 / buildings tileset: ${s.buildings} buildings in ${s.tiles} tiles, ` +
        `${(s.bytes / 1e6).toFixed(1)} MB (${Math.round(s.bytes / s.buildings)} B/building), ` +
        `${s.problems.length} skipped → ${join(options.out, REPORT_FILE)}`,
    );
    for (const w of s.warnings) log(`警告 / warning: ${w}`);
    logNotes(s.notes, log);
    logSkipped(s.problems, log);
  } else {
    logSkipped(result.problems, log, 10);
  }
  return result;
}
