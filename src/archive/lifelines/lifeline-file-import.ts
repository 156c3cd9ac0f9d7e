/** Imports a lifelines file (GeoJSON, FlatGeobuf, Shapefile, GeoPackage) into the archive; errors (unreadable file, refusal) as values. */
import type { SourceReadSettings } from '../../core/handover.ts';
import { PipeReadError, readPipes } from '../../sources/pipe-reader.ts';
import { type LifelineImportStore } from '../store/archive-store.ts';
import { importLifelines, type LifelineImportOptions, type LifelineImportSummary } from './lifeline-importer.ts';
import { type Outcome, err } from '../../core/result.ts';

export async function importLifelinesFile(
  store: LifelineImportStore,
  path: string,
  options: LifelineImportOptions & { read?: SourceReadSettings } = {},
): Promise<Outcome<LifelineImportSummary, string>> {
  const { read, ...importOptions } = options;
  try {
    return await importLifelines(store, readPipes(path, read), importOptions);
  } catch (error) {
    if (error instanceof PipeReadError) return err(error.message);
    throw error;
  }
}
