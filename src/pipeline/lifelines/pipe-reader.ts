/**
 * Reads pipe segments (GeoJSON or FlatGeobuf) as a stream of RawFeature. The
 * container format is the same as for footprints, so the buildings reader does the
 * work; only the error wording names pipes.
 */
import { FootprintReadError, readFootprints } from '../buildings/footprint-reader.ts';
import type { RawFeature } from './pipe.ts';

export class PipeReadError extends Error {}

export async function* readPipes(path: string): AsyncGenerator<RawFeature> {
  try {
    yield* readFootprints(path);
  } catch (error) {
    if (error instanceof FootprintReadError) throw new PipeReadError(error.message.replace('footprint file', 'pipe file').replace('建筑轮廓文件', '管线文件'));
    throw error;
  }
}
