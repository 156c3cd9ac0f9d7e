/**
 * Reads pipe segments (GeoJSON or FlatGeobuf) as a stream of RawFeature. The
 * container format is the same as for footprints, so the buildings reader does the
 * work (GeoJSON streamed feature by feature through src/sources/geojson-stream.ts);
 * only the error wording names pipes.
 */
import type { SourceReadSettings } from '../core/handover.ts';
import { FootprintReadError, readFootprints } from './footprint-reader.ts';
import type { GeoJsonProblem } from './geojson-stream.ts';
import type { RawFeature } from './raw-feature.ts';

/** The footprint reader's error (message and, for GeoJSON, the `GeoJsonProblem`), worded for pipes. */
export class PipeReadError extends FootprintReadError {
  constructor(message: string, problem?: GeoJsonProblem) {
    super(message, problem);
    this.name = 'PipeReadError';
  }
}

/** `settings`: a hand-over's CRS, datum, code page, layer and mapping for the file. */
export async function* readPipes(path: string, settings: SourceReadSettings = {}): AsyncGenerator<RawFeature> {
  try {
    yield* readFootprints(path, settings);
  } catch (error) {
    if (error instanceof FootprintReadError) throw new PipeReadError(error.message.replace('footprint file', 'pipe file').replace('建筑轮廓文件', '管线文件'), error.problem);
    throw error;
  }
}
