/**
 * Reads footprints as a stream of RawFeature, from any container a district hands
 * over — GeoJSON, FlatGeobuf, Shapefile, GeoPackage — in any CRS, under any field
 * names the mapping knows (the one way in: feature-file.ts). Nothing is checked here
 * but the file: per-feature problems are the validator's job. GeoJSON is streamed
 * feature by feature (src/sources/geojson-stream.ts, which has the measured figures):
 * a 315 MB / 700k file no longer peaks at 2.8 GB in tiles:buildings (1.5 GB), and one
 * over 0x1fffffe8 characters (653 MB) can be read at all.
 */
import type { SourceReadSettings } from '../core/handover.ts';
import type { Problem } from '../core/problem.ts';
import { FeatureReadError, readFeatureFileBatches, type FeatureFile, type FeatureRole } from './feature-file.ts';
import type { RawFeature } from './raw-feature.ts';

export class FootprintReadError extends Error {
  /** What went wrong, as a value. */
  readonly problem: Problem | undefined;
  constructor(message: string, problem?: Problem) {
    super(message);
    this.name = 'FootprintReadError';
    this.problem = problem;
  }
}

export interface RoleReadOptions {
  /** Called with the opened file before its first feature: its `summary()` after the read says what the read did (report.json). */
  onOpen?: (file: FeatureFile) => void;
}

/** A role's features, with a whole-file problem thrown as `ReadError` (its message names the file, what is wrong and the fix). */
export async function* readRoleFeatures(
  path: string,
  role: FeatureRole,
  settings: SourceReadSettings,
  ReadError: new (message: string, problem?: Problem) => FootprintReadError,
  options: RoleReadOptions = {},
): AsyncGenerator<RawFeature> {
  try {
    // One await per feature here, one per batch below it.
    for await (const batch of readFeatureFileBatches(path, role, settings, options.onOpen)) for (const f of batch) yield f;
  } catch (error) {
    if (error instanceof FeatureReadError) throw new ReadError(error.message, error.problem);
    throw error;
  }
}

/**
 * Reads every feature of a footprint file (`settings`: a hand-over's CRS, datum, code
 * page, layer and field mapping). Throws FootprintReadError with a user-facing message
 * (zh-CN / English, naming the file, with the fix) and the problem.
 */
export function readFootprints(path: string, settings: SourceReadSettings = {}, options: RoleReadOptions = {}): AsyncGenerator<RawFeature> {
  return readRoleFeatures(path, 'buildings', settings, FootprintReadError, options);
}
