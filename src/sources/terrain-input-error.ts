/**
 * Errors the terrain and basemap builds report to a person: one line that names the
 * file, what is wrong with it and what to do (zh-CN / English). They are values with a
 * `code`, so scripts and tests branch on the kind and print the message as it is.
 *
 * Thrown, not returned, because a bad DEM stops the step wherever it is found (deep in
 * a tiling worker, too), and the step's runner turns it into the one failed-step line.
 * The value it carries is the core `Problem` (src/core/problem.ts: reason = the code,
 * file, message), the shape every other reader reports in (issue 16).
 */
import type { Problem } from '../core/problem.ts';

export type TerrainErrorCode =
  | 'unreadable-file'
  | 'not-a-dem'
  | 'no-georeferencing'
  | 'unsupported-crs'
  | 'unsupported-layout'
  | 'nodata-holes'
  | 'outside-coverage'
  | 'output-not-writable'
  | 'bad-option'
  | 'bad-vector-data';

export class TerrainInputError extends Error {
  readonly code: TerrainErrorCode;
  readonly file: string;
  /** The same, as the core problem value. */
  readonly problem: Problem<TerrainErrorCode>;

  constructor(code: TerrainErrorCode, file: string, message: string) {
    super(message);
    this.name = 'TerrainInputError';
    this.code = code;
    this.file = file;
    this.problem = { reason: code, file, message };
  }
}

export function isTerrainInputError(error: unknown): error is TerrainInputError {
  return error instanceof TerrainInputError;
}
