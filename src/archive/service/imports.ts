/**
 * The archive table import through the service: the store writes the rows in one
 * transaction and asks the service's rule which appraisal is current after each one it
 * adds (`current-record.ts`), so an imported appraisal older than the stored one does not
 * move the grade.
 */
import type { ArchiveRecord } from '../../core/archive-record.ts';
import type { ArchiveImportSummary, ArchiveStore, ImportOptions } from '../store/archive-store.ts';
import type { Actor } from '../store/store-types.ts';
import { latestAppraisal } from './current-record.ts';

/** All rows or none. Rows must be validated against `store.knownCodes()` first (`src/sources/archive-row-validator.ts`). */
export function importArchiveRecords(store: ArchiveStore, records: readonly ArchiveRecord[], actor: Actor, options?: ImportOptions): Promise<ArchiveImportSummary> {
  return store.importArchive(records, actor, latestAppraisal, options);
}
