/**
 * Reads `areas.geojson` and checks every area (src/sources/area-validator.ts): the
 * one way the archive's registry (with the buildings) and the overlays builder (a build
 * step) read it, through the streamed GeoJSON reader (a BOM is fine;
 * GBK or a cut-short file is a problem naming the file).
 */
import type { SourceReadSettings } from '../core/handover.ts';
import { failure, success, type Result } from '../core/result.ts';
import { readGeoJsonCollection, type GeoJsonProblem, type GeoJsonResult } from './geojson-stream.ts';
import { validateAreas, type CheckedAreas } from './area-validator.ts';
import type { FeatureCollection } from 'geojson';

/** The file cannot be read (a problem), or its areas, each passed or refused. */
export type AreaFileResult = Result<CheckedAreas, GeoJsonProblem>;

function checked(read: GeoJsonResult<FeatureCollection>): AreaFileResult {
  return read.ok ? success(validateAreas(read.value.features)) : failure(read.problems);
}

/** `settings`: a hand-over's CRS, datum, code page and mapping for the file. */
export async function readAreas(file: string, settings: SourceReadSettings = {}): Promise<AreaFileResult> {
  void settings;
  return checked(await readGeoJsonCollection(file));
}
