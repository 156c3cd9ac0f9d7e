/**
 * Errors the terrain and basemap builds report to a person: one line that names the
 * file, what is wrong with it and what to do (zh-CN / English). They are values with a
 * `code`, so scripts and tests branch on the kind and print the message as it is.
 */

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

  constructor(code: TerrainErrorCode, file: string, message: string) {
    super(message);
    this.name = 'TerrainInputError';
    this.code = code;
    this.file = file;
  }
}

export function isTerrainInputError(error: unknown): error is TerrainInputError {
  return error instanceof TerrainInputError;
}
