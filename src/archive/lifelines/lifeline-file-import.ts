/** Imports a lifelines file (GeoJSON / FlatGeobuf) into the archive; errors (unreadable file, refusal) as values. */
import { PipeReadError, readPipes } from '../../sources/pipe-reader.ts';
import { err, type LifelineImportStore, type Result } from '../store/archive-store.ts';
import { importLifelines, type LifelineImportOptions, type LifelineImportSummary } from './lifeline-importer.ts';

export async function importLifelinesFile(
  store: LifelineImportStore,
  path: string,
  options: LifelineImportOptions = {},
): Promise<Result<LifelineImportSummary, string>> {
  try {
    return await importLifelines(store, readPipes(path), options);
  } catch (error) {
    if (error instanceof PipeReadError) return err(error.message);
    throw error;
  }
}
