/**
 * What the feature tileset commands (tiles:buildings, tiles:lifelines) share:
 * the common arguments (--in --dem --out --strict --workers --help) with their own
 * numeric options, reporting a reader's error as a value, and the list of skipped
 * features after a build. (Reading the DEM, which both commands do too, is the
 * terrain pipeline's: terrain/dem-grid-reader.ts.)
 */
import { isAbsolute, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { SHIFTED_DATUMS, type ShiftedDatum, type SourceReadSettings } from '../../core/handover.ts';
import { REPORT_FILE, type ReportedProblem } from './feature-tileset-writer.ts';

export interface TilesetCommandPaths {
  input: string;
  dem: string;
  out: string;
}

/** The options every tileset command takes. */
export interface TilesetCommandOptions extends TilesetCommandPaths {
  /** Stop at the first bad feature instead of skipping it. */
  strict?: boolean;
  /** Worker threads for tile encoding; 0 encodes inline. Default: one per core. */
  workers?: number;
  /** How to read the input (a hand-over's CRS, datum, code page, layer, field mapping). Default: as the file says. */
  read?: SourceReadSettings;
  /** How to read the DEM (its CRS when the GeoTIFF declares none). */
  demRead?: SourceReadSettings;
  log?: (line: string) => void;
}

/** The reading options every tileset command takes, for its usage text. */
export const READ_OPTIONS_USAGE = `  [--crs EPSG:4545|<proj string>] [--datum gcj02|bd09] [--encoding gbk] [--layer <GeoPackage table>] [--mapping mapping.json] [--dem-crs EPSG:4545]`;

/** A numeric option: its bounds (inclusive). */
export interface NumberOptionSpec {
  min: number;
  max?: number;
}

export interface ParsedTilesetArgs extends TilesetCommandPaths {
  strict: boolean;
  workers: number | undefined;
  read: SourceReadSettings;
  demRead: SourceReadSettings;
  /** Each numeric option by name (undefined when not given). */
  numbers: Record<string, number | undefined>;
  /** Each extra flag by name. */
  flags: Record<string, boolean>;
}

export interface TilesetArgsSpec {
  usage: string;
  /** Numeric options besides --workers, by name. */
  numbers?: Record<string, NumberOptionSpec>;
  /** Boolean flags besides --strict and --help. */
  flags?: readonly string[];
}

function numberOption(value: string | undefined, name: string, spec: NumberOptionSpec): number | undefined | string {
  if (value === undefined) return undefined;
  const n = Number(value);
  const max = spec.max ?? Infinity;
  if (Number.isFinite(n) && n >= spec.min && n <= max) return n;
  return Number.isFinite(max)
    ? `--${name} 须在 ${spec.min}–${max} 之间 / --${name} must be a number from ${spec.min} to ${max}, got "${value}"`
    : `--${name} 须为 ≥ ${spec.min} 的数 / --${name} must be a number ≥ ${spec.min}, got "${value}"`;
}

/** Parses a tileset command's arguments; a usage error (or --help) comes back as a string. */
export function parseTilesetArgs(argv: string[], defaults: TilesetCommandPaths, spec: TilesetArgsSpec): ParsedTilesetArgs | string {
  const numbers: Record<string, NumberOptionSpec> = { workers: { min: 0, max: 256 }, ...spec.numbers };
  const flags = spec.flags ?? [];
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        in: { type: 'string' },
        dem: { type: 'string' },
        out: { type: 'string' },
        strict: { type: 'boolean' },
        help: { type: 'boolean' },
        crs: { type: 'string' },
        datum: { type: 'string' },
        encoding: { type: 'string' },
        layer: { type: 'string' },
        mapping: { type: 'string' },
        'dem-crs': { type: 'string' },
        ...Object.fromEntries(Object.keys(numbers).map((name) => [name, { type: 'string' as const }])),
        ...Object.fromEntries(flags.map((name) => [name, { type: 'boolean' as const }])),
      },
      strict: true,
    }));
  } catch (error) {
    return `${(error as Error).message}\n${spec.usage}`;
  }
  if (values.help) return spec.usage;
  const parsed: Record<string, number | undefined> = {};
  for (const [name, s] of Object.entries(numbers)) {
    const v = numberOption(values[name] as string | undefined, name, s);
    if (typeof v === 'string') return v;
    parsed[name] = v;
  }
  const { workers, ...rest } = parsed;
  const datum = values.datum as string | undefined;
  if (datum !== undefined && !(SHIFTED_DATUMS as readonly string[]).includes(datum)) {
    return `--datum 只能是 ${SHIFTED_DATUMS.join(' 或 ')} / --datum must be ${SHIFTED_DATUMS.join(' or ')} (GCJ-02 or BD-09 coordinates converted to WGS84), got "${datum}"; WGS84/CGCS2000 data needs no --datum\n${spec.usage}`;
  }
  const text = (name: string) => values[name] as string | undefined;
  const mapping = text('mapping');
  const read: SourceReadSettings = {
    ...(text('crs') ? { crs: text('crs')! } : {}),
    ...(datum ? { datum: datum as ShiftedDatum } : {}),
    ...(text('encoding') ? { encoding: text('encoding')! } : {}),
    ...(text('layer') ? { layer: text('layer')! } : {}),
    ...(mapping ? { mappingFile: isAbsolute(mapping) ? mapping : resolve(mapping) } : {}),
  };
  return {
    read,
    demRead: text('dem-crs') ? { crs: text('dem-crs')! } : {},
    input: (values.in as string | undefined) ?? defaults.input,
    dem: (values.dem as string | undefined) ?? defaults.dem,
    out: (values.out as string | undefined) ?? defaults.out,
    strict: values.strict === true,
    workers,
    numbers: rest,
    flags: Object.fromEntries(flags.map((name) => [name, values[name] === true])),
  };
}

/**
 * Runs a build whose input reader throws `ReadError` for an unreadable file: that
 * error becomes a result value with its (actionable) message; anything else is a bug.
 */
export async function catchReadError<R, P>(
  ReadError: abstract new (...args: never[]) => Error,
  run: () => Promise<R>,
): Promise<R | { ok: false; error: string; problems: P[] }> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof ReadError) return { ok: false, error: error.message, problems: [] };
    throw error;
  }
}

/** Logs the first skipped features; the rest are in the report. */
export function logSkipped(problems: readonly ReportedProblem[], log: (line: string) => void, shown = 20): void {
  for (const p of problems.slice(0, shown)) log(`  跳过 / skipped ${p.message}`);
  if (problems.length > shown) log(`  … ${problems.length - shown} more in ${REPORT_FILE}`);
}
