/**
 * Imports into the archive: the building registry (buildings.geojson + areas.geojson)
 * and the hazard-archive table (archive.csv / archive.xlsx). Every row is validated
 * first; with any problem nothing is written. The write is one transaction, so a
 * crash leaves the database as it was; importing the same file twice changes nothing.
 *
 * A file with nothing valid in it (an empty FeatureCollection, a table with only its
 * header) is refused with a bilingual message, by the rule the lifelines import uses
 * (core/import-shrink.ts). Neither import removes anything (buildings missing from the
 * file stay, appraisals are only added, a row without a plan keeps the stored plan), so
 * that rule's shrink limit (> 10 % fewer stored items) cannot fire here; it is checked
 * with the real counts all the same, so a future import that deletes is covered.
 */
import { basename } from 'node:path';
import { shrinkRefusal } from '../../core/import-shrink.ts';
import { importArchiveRecords } from '../service/imports.ts';
import { type ArchiveImportSummary, type ArchiveStore, type ImportOptions, type RegistryImportSummary } from '../store/archive-store.ts';
import { readArchiveTable, type TableEncoding } from '../../sources/archive-table-reader.ts';
import type { FieldMappingFile } from '../../sources/field-mapping/mapping-file.ts';
import { readFieldMappingFile } from '../../sources/field-mapping/read-mapping-file.ts';
import { validateArchiveTable } from '../../sources/archive-row-validator.ts';
import { fileImportProblem, type ImportProblem } from '../../sources/import-problem.ts';
import { readRegistry, type SourceFileRef } from './registry-reader.ts';
import type { SourceReadSettings } from '../../core/handover.ts';
import { readHandoverFolder } from '../../sources/handover-folder.ts';
import { type Outcome, err, ok } from '../../core/result.ts';

export interface ShrinkOptions {
  /** Go ahead although more than 10 % of the stored items would go (`--allow-shrink`); an empty file is refused even then. */
  allowShrink?: boolean;
}

export interface ArchiveFileImportOptions extends ImportOptions, ShrinkOptions {
  /** Who the audit log names. Default `import:<file name>`. */
  actor?: string;
  /** Today as YYYY-MM-DD (Asia/Shanghai), for tests; default the system clock. */
  today?: string;
  /** Text encoding of a CSV. Default: detected (BOM or valid UTF-8 → UTF-8, else GB18030); one that would garble the text is refused. */
  encoding?: TableEncoding;
  /** A field mapping file's content (`--mapping`): its `archive` section maps the table's column names and values over the built-in Chinese names. */
  mapping?: FieldMappingFile | null;
}

/** A refusal as the one problem of the file (row 1, no column: the file as a whole). */
function refusalProblem(reason: string | null): ImportProblem[] {
  return reason === null ? [] : [{ row: 1, column: null, reason }];
}

export async function importArchiveFile(
  store: ArchiveStore,
  path: string,
  options: ArchiveFileImportOptions = {},
): Promise<Outcome<ArchiveImportSummary, ImportProblem[]>> {
  const read = await readArchiveTable(path, { encoding: options.encoding, mapping: options.mapping });
  if (!read.ok) return err(read.problems);
  const [knownCodes, heritageCodes] = await Promise.all([store.knownCodes(), store.heritageCodes()]);
  const checked = validateArchiveTable(read.value, { knownCodes, heritageCodes, today: options.today });
  if (!checked.ok) return err(checked.problems);
  const records = checked.value;
  // Stored rows: buildings with an appraisal or a plan. The import keeps every one of them.
  const stored = (await store.exportRecords()).filter((r) => r.appraisal !== null || r.plan !== null).length;
  const refusal = refusalProblem(
    shrinkRefusal(
      { zh: '档案行', en: 'archive rows', override: `npm run archive:import -- ${basename(path)} --allow-shrink` },
      { stored, remaining: stored, valid: records.length, rejected: 0, reasons: [], allowShrink: options.allowShrink ?? false },
    ),
  );
  if (refusal.length > 0) return err(refusal);
  const actor = { name: options.actor ?? `import:${basename(path)}`, userId: null };
  return ok(await importArchiveRecords(store, records, actor, options));
}

export async function importRegistryFiles(
  store: ArchiveStore,
  buildingsFile: SourceFileRef,
  areasFile: SourceFileRef | null,
  options: { actor?: string } & ShrinkOptions = {},
): Promise<Outcome<RegistryImportSummary, ImportProblem[]>> {
  const { buildings, areas, problems } = await readRegistry(buildingsFile, areasFile);
  const buildingsPath = typeof buildingsFile === 'string' ? buildingsFile : buildingsFile.path;
  if (problems.length > 0) return err(problems);
  const known = await store.knownCodes();
  const remaining = known.size + buildings.filter((b) => !known.has(b.properties.id)).length;
  const refusal = refusalProblem(
    shrinkRefusal(
      { zh: '楼栋', en: 'buildings', override: `npm run archive:import -- --buildings ${basename(buildingsPath)} --allow-shrink` },
      { stored: known.size, remaining, valid: buildings.length, rejected: 0, reasons: [], allowShrink: options.allowShrink ?? false },
    ),
  );
  if (refusal.length > 0) return err(refusal);
  const actor = { name: options.actor ?? `import:${basename(buildingsPath)}`, userId: null };
  return ok(await store.importRegistry(buildings, areas, actor));
}

export interface SourceImportSummary {
  registry: RegistryImportSummary;
  /** Null when the hand-over has no archive table (the registry alone is imported). */
  archive: ArchiveImportSummary | null;
}

/** The files of one import: the footprints (required), the areas and the archive table, each with how to read it. */
export interface SourceImportFiles {
  buildings: { path: string } & SourceReadSettings;
  areas?: ({ path: string } & SourceReadSettings) | null;
  archive?: ({ path: string } & SourceReadSettings) | null;
}

function fileRef(entry: { path: string } & SourceReadSettings): { path: string; read: SourceReadSettings } {
  const { path, crs, datum, encoding, layer, mappingFile } = entry;
  return { path, read: { ...(crs ? { crs } : {}), ...(datum ? { datum } : {}), ...(encoding ? { encoding } : {}), ...(layer ? { layer } : {}), ...(mappingFile ? { mappingFile } : {}) } };
}

/** Registry then archive table, from a hand-over's files (src/sources/handover-folder.ts). */
export async function importSourceFiles(
  store: ArchiveStore,
  files: SourceImportFiles,
  options: ImportOptions & ShrinkOptions = {},
): Promise<Outcome<SourceImportSummary, { file: string; problems: ImportProblem[] }>> {
  const registry = await importRegistryFiles(store, fileRef(files.buildings), files.areas ? fileRef(files.areas) : null, { allowShrink: options.allowShrink });
  if (!registry.ok) return err({ file: files.buildings.path, problems: registry.error });
  if (!files.archive) return ok({ registry: registry.value, archive: null });
  let mapping: FieldMappingFile | null = null;
  if (files.archive.mappingFile) {
    const read = await readFieldMappingFile(files.archive.mappingFile);
    if (!read.ok) return err({ file: files.archive.mappingFile, problems: read.problems.map(fileImportProblem) });
    mapping = read.value;
  }
  const encoding = files.archive.encoding as ArchiveFileImportOptions['encoding'] | undefined;
  const archive = await importArchiveFile(store, files.archive.path, { ...options, ...(encoding ? { encoding } : {}), ...(mapping ? { mapping } : {}) });
  if (!archive.ok) return err({ file: files.archive.path, problems: archive.error });
  return ok({ registry: registry.value, archive: archive.value });
}

/** Registry then archive table from a source folder laid out like `var/source/` (or a hand-over with its handover.json). */
export async function importSourceFolder(
  store: ArchiveStore,
  sourceDir: string,
  options: ImportOptions & ShrinkOptions = {},
): Promise<Outcome<SourceImportSummary, { file: string; problems: ImportProblem[] }>> {
  const folder = readHandoverFolder(sourceDir);
  if (!folder.ok) return err({ file: sourceDir, problems: folder.problems.map(fileImportProblem) });
  const { buildings, areas, archive } = folder.value.files;
  if (!buildings) return err({ file: sourceDir, problems: [{ row: 1, column: null, reason: `${sourceDir}: 没有建筑轮廓文件 / no buildings file: add buildings.geojson (or .shp, .gpkg, .fgb)` }] });
  return importSourceFiles(store, { buildings, areas, archive }, options);
}
