/**
 * Imports into the archive: the building registry (buildings.geojson + areas.geojson)
 * and the hazard-archive table (archive.csv / archive.xlsx). Every row is validated
 * first; with any problem nothing is written. The write is one transaction, so a
 * crash leaves the database as it was; importing the same file twice changes nothing.
 */
import { basename, join } from 'node:path';
import { SAMPLE_FILES } from '../../pipeline/sample/sample-files.ts';
import { type ArchiveImportSummary, type ArchiveStore, type ImportOptions, type RegistryImportSummary, type Result, err, ok } from '../store/archive-store.ts';
import { readArchiveTable, type TableEncoding } from './archive-table-reader.ts';
import { validateArchiveTable } from './archive-row-validator.ts';
import type { ImportProblem } from './import-problem.ts';
import { readRegistry } from './registry-reader.ts';

export interface ArchiveFileImportOptions extends ImportOptions {
  /** Who the audit log names. Default `import:<file name>`. */
  actor?: string;
  /** Text encoding of a CSV. Default UTF-8; anything else in the file is refused. */
  encoding?: TableEncoding;
}

export async function importArchiveFile(
  store: ArchiveStore,
  path: string,
  options: ArchiveFileImportOptions = {},
): Promise<Result<ArchiveImportSummary, ImportProblem[]>> {
  const { table, problems: readProblems } = await readArchiveTable(path, { encoding: options.encoding });
  if (readProblems.length > 0) return err(readProblems);
  const [knownCodes, heritageCodes] = await Promise.all([store.knownCodes(), store.heritageCodes()]);
  const { records, problems } = validateArchiveTable(table, { knownCodes, heritageCodes });
  if (problems.length > 0) return err(problems);
  const actor = { name: options.actor ?? `import:${basename(path)}`, userId: null };
  return ok(await store.importArchive(records, actor, options));
}

export async function importRegistryFiles(
  store: ArchiveStore,
  buildingsPath: string,
  areasPath: string | null,
  options: { actor?: string } = {},
): Promise<Result<RegistryImportSummary, ImportProblem[]>> {
  const { buildings, areas, problems } = await readRegistry(buildingsPath, areasPath);
  if (problems.length > 0) return err(problems);
  const actor = { name: options.actor ?? `import:${basename(buildingsPath)}`, userId: null };
  return ok(await store.importRegistry(buildings, areas, actor));
}

export interface SourceImportSummary {
  registry: RegistryImportSummary;
  archive: ArchiveImportSummary;
}

/** Registry then archive table from a source folder laid out like `tiles/source/`. */
export async function importSourceFolder(
  store: ArchiveStore,
  sourceDir: string,
  options: ImportOptions = {},
): Promise<Result<SourceImportSummary, { file: string; problems: ImportProblem[] }>> {
  const buildingsPath = join(sourceDir, SAMPLE_FILES.buildings);
  const registry = await importRegistryFiles(store, buildingsPath, join(sourceDir, SAMPLE_FILES.areas));
  if (!registry.ok) return err({ file: buildingsPath, problems: registry.error });
  const archivePath = join(sourceDir, SAMPLE_FILES.archiveCsv);
  const archive = await importArchiveFile(store, archivePath, options);
  if (!archive.ok) return err({ file: archivePath, problems: archive.error });
  return ok({ registry: registry.value, archive: archive.value });
}
