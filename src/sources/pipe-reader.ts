/**
 * Reads pipe segments as a stream of RawFeature, from any container a district hands
 * over (GeoJSON, FlatGeobuf, Shapefile, GeoPackage; feature-file.ts), with the pipe
 * field names and vocabularies of the mapping (管线类型 给水 → network water …).
 */
import type { SourceReadSettings } from '../core/handover.ts';
import type { Problem } from '../core/problem.ts';
import { FootprintReadError, readRoleFeatures, type RoleReadOptions } from './footprint-reader.ts';
import type { RawFeature } from './raw-feature.ts';

/** A pipe file that cannot be read: message (naming the file, with the fix) and problem. */
export class PipeReadError extends FootprintReadError {
  constructor(message: string, problem?: Problem) {
    super(message, problem);
    this.name = 'PipeReadError';
  }
}

/** `settings`: a hand-over's CRS, datum, code page, layer and mapping for the file. */
export function readPipes(path: string, settings: SourceReadSettings = {}, options: RoleReadOptions = {}): AsyncGenerator<RawFeature> {
  return readRoleFeatures(path, 'lifelines', settings, PipeReadError, options);
}
