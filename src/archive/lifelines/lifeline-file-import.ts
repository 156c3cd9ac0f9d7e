/** Imports a lifelines file (GeoJSON / FlatGeobuf) into the archive; errors (unreadable file, refusal) as values. */
import { PipeReadError, readPipes } from '../../sources/pipe-reader.ts';
import { type LifelineImportStore } from '../store/archive-store.ts';
import { importLifelines, type LifelineImportOptions, type LifelineImportSummary } from './lifeline-importer.ts';
import { type Outcome, err } from '../../core/result.ts';

export async function importLifelinesFile(
  store: LifelineImportStore,
  path: string,
  options: LifelineImportOptions = {},
): Promise<Outcome<LifelineImportSummary, string>> {
  try {
    return await importLifelines(store, readPipes(path), options);
  } catch (error) {
    if (error instanceof PipeReadError) return err(error.message);
    throw error;
  }
}
