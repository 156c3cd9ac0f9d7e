/**
 * The hazard archive as exchange files: `archive.csv` and `archive.xlsx`, one row per
 * building, columns ARCHIVE_COLUMNS. Both are byte-deterministic (same records, same
 * bytes) so a rebuild changes nothing and the build cache can trust file hashes.
 */
import { writeFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { type Zippable, unzipSync, zipSync } from 'fflate';
import Papa from 'papaparse';
import { ARCHIVE_COLUMNS, type ArchiveRecord, archiveRecordToRow } from '../core/archive-record.ts';

/**
 * Byte-order mark. Excel on Chinese Windows opens a BOM-less CSV as GBK and garbles
 * every Chinese cell; with it, Excel, WPS, LibreOffice and papaparse all read UTF-8.
 * Readers that do not skip it must strip it (see {@link stripBom}).
 */
export const UTF8_BOM = '\uFEFF';

/** Sheet name of the archive workbook. */
export const ARCHIVE_SHEET_NAME = '房屋安全档案';

/** Fixed document date (docProps/core.xml and zip entries): a wall-clock date would change every build. */
export const ARCHIVE_FILE_DATE = new Date(Date.UTC(2026, 0, 1));

export function stripBom(text: string): string {
  return text.startsWith(UTF8_BOM) ? text.slice(1) : text;
}

/** The CSV text (with BOM, CRLF line ends as RFC 4180 and Excel expect). */
export function archiveCsv(records: readonly ArchiveRecord[]): string {
  const body = Papa.unparse(
    { fields: [...ARCHIVE_COLUMNS], data: records.map((r) => ARCHIVE_COLUMNS.map((c) => archiveRecordToRow(r)[c])) },
    { newline: '\r\n', header: true },
  );
  return `${UTF8_BOM}${body}\r\n`;
}

export async function writeArchiveCsv(records: readonly ArchiveRecord[], path: string): Promise<void> {
  await writeFile(path, archiveCsv(records), 'utf8');
}

/** Column widths in characters: Chinese text is about two characters wide. */
const COLUMN_WIDTH: Record<(typeof ARCHIVE_COLUMNS)[number], number> = {
  code: 11,
  appraisal_date: 12,
  appraisal_agency: 34,
  grade: 6,
  hazards: 40,
  plan_measures: 48,
  plan_status: 10,
  plan_start: 12,
  plan_end: 12,
  plan_budget_wan: 14,
  plan_funding: 24,
  plan_unit: 22,
  plan_key_project: 36,
};

function buildWorkbook(records: readonly ArchiveRecord[]): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Yuzhong Twin';
  wb.lastModifiedBy = 'Yuzhong Twin';
  wb.created = ARCHIVE_FILE_DATE;
  wb.modified = ARCHIVE_FILE_DATE;
  wb.lastPrinted = ARCHIVE_FILE_DATE;
  const ws = wb.addWorksheet(ARCHIVE_SHEET_NAME, { views: [{ state: 'frozen', xSplit: 1, ySplit: 1 }] });
  ws.columns = ARCHIVE_COLUMNS.map((key) => ({ header: key, key, width: COLUMN_WIDTH[key] }));
  ws.getRow(1).font = { bold: true };
  ws.getColumn('plan_budget_wan').numFmt = '0.0';
  for (const r of records) {
    const row = archiveRecordToRow(r);
    // Empty strings become truly empty cells; numbers stay numbers.
    ws.addRow(ARCHIVE_COLUMNS.map((c) => (row[c] === '' ? null : row[c])));
  }
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: ARCHIVE_COLUMNS.length } };
  return wb;
}

/**
 * Re-pack a zip with fixed entry dates. exceljs (via JSZip) stamps every entry with the
 * current time. fflate writes DOS dates from the Date's local-time fields, so the date
 * is built from local fields too: the bytes then do not depend on the time zone.
 */
export function normalizeZip(zip: Uint8Array, date: Date = ARCHIVE_FILE_DATE): Uint8Array {
  const mtime = new Date(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate(), 0, 0, 0);
  const entries = unzipSync(zip);
  const out: Zippable = {};
  for (const [name, data] of Object.entries(entries)) {
    // Folder entries are optional in OOXML packages; leaving them out keeps the file minimal.
    if (!name.endsWith('/')) out[name] = [data, { mtime, level: 6 }];
  }
  return zipSync(out);
}

/** The xlsx file as bytes. */
export async function archiveXlsx(records: readonly ArchiveRecord[]): Promise<Uint8Array> {
  const buffer = await buildWorkbook(records).xlsx.writeBuffer();
  return normalizeZip(new Uint8Array(buffer as ArrayBuffer));
}

export async function writeArchiveXlsx(records: readonly ArchiveRecord[], path: string): Promise<void> {
  await writeFile(path, await archiveXlsx(records));
}
