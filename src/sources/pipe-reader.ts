/**
 * Reads pipe segments (GeoJSON or FlatGeobuf) as a stream of RawFeature. The
 * container format is the same as for footprints, so the buildings reader does the
 * work (GeoJSON streamed feature by feature through src/sources/geojson-stream.ts);
 * only the error wording names pipes.
 */
import { FootprintReadError, readFootprints } from './footprint-reader.ts';
import type { GeoJsonProblem } from './geojson-stream.ts';
import type { RawFeature } from './raw-feature.ts';

export class PipeReadError extends Error {
  /** What went wrong, as a value, when the file is GeoJSON. */
  readonly problem: GeoJsonProblem | undefined;
  constructor(message: string, problem?: GeoJsonProblem) {
    super(message);
    this.name = 'PipeReadError';
    this.problem = problem;
  }
}

export async function* readPipes(path: string): AsyncGenerator<RawFeature> {
  try {
    yield* readFootprints(path);
  } catch (error) {
    if (error instanceof FootprintReadError) throw new PipeReadError(error.message.replace('footprint file', 'pipe file').replace('建筑轮廓文件', '管线文件'), error.problem);
    throw error;
  }
}
