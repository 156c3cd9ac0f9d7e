/**
 * Reads the exchange table (`archive.csv` in UTF-8 with or without BOM — or GBK when
 * asked — or the first sheet of `archive.xlsx` whose header has the archive columns)
 * into rows of plain strings keyed by header, each with the row number a spreadsheet
 * would show, so validation can point at the exact cell. A file that cannot be read,
 * is not UTF-8, or has no sheet with the columns is a problem naming the file, never a
 * crash or garbled text in the archive. The one `'` the exporter puts before
 * formula-like text (`core/spreadsheet-text.ts`) is removed. Here with the other
 * exchange-file readers (issue 16); the archive's importer
 * (src/archive/import/archive-importer.ts: `npm run archive:import`, the build's archive
 * step) uses it.
 */
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { ARCHIVE_COLUMNS } from '../core/archive-record.ts';
import { describeReadError } from '../core/file-read-error.ts';
import { restoreFormulaText } from '../core/spreadsheet-text.ts';
import { failure, success, type Result } from '../core/result.ts';
import type { ImportProblem } from './import-problem.ts';

/** Text encodings the CSV may be read in: UTF-8 (default, BOM optional) or GBK/GB18030 (`--encoding gbk`). */
export const TABLE_ENCODINGS = ['utf-8', 'gbk'] as const;
export type TableEncoding = (typeof TABLE_ENCODINGS)[number];

export interface TableRow {
  /** 1-based, header = 1. */
  row: number;
  cells: Record<string, string>;
}

export interface Table {
  header: string[];
  rows: TableRow[];
}

export type TableFormat = 'csv' | 'xlsx';

export function tableFormatOf(path: string): TableFormat | null {
  const ext = extname(path).toLowerCase();
  return ext === '.csv' ? 'csv' : ext === '.xlsx' ? 'xlsx' : null;
}

export function parseCsvTable(text: string): { table: Table; problems: ImportProblem[] } {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const parsed = Papa.parse<string[]>(body, { header: false, skipEmptyLines: 'greedy' });
  const problems: ImportProblem[] = parsed.errors.map((e) => ({
    row: (e.row ?? 0) + 1,
    column: null,
    reason: `CSV 格式错误 / malformed CSV: ${e.message}`,
  }));
  const [headerCells, ...data] = parsed.data;
  const header = (headerCells ?? []).map((h) => h.trim());
  const rows = data.map((cells, i) => ({
    row: i + 2,
    cells: Object.fromEntries(header.map((h, c) => [h, restoreFormulaText((cells[c] ?? '').trim())])),
  }));
  return { table: { header, rows }, problems };
}

/** A cell as the string the CSV would hold: dates as ISO days, numbers as written, rich text flattened. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((t) => t.text).join('');
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('text' in value) return String(value.text);
    return '';
  }
  return String(value);
}

export async function parseXlsxTable(data: Buffer | ArrayBuffer): Promise<{ table: Table; problems: ImportProblem[] }> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(data as ArrayBuffer);
  } catch (error) {
    return {
      table: { header: [], rows: [] },
      problems: [{ row: 1, column: null, reason: `无法读取 Excel 文件 / cannot read the workbook: ${error instanceof Error ? error.message : String(error)}` }],
    };
  }
  if (wb.worksheets.length === 0) return { table: { header: [], rows: [] }, problems: [{ row: 1, column: null, reason: '工作簿没有工作表 / the workbook has no sheet' }] };
  // The archive sheet is the first whose header row has every archive column (a cover or notes sheet may come first).
  const headerOf = (s: ExcelJS.Worksheet) => {
    const h: string[] = [];
    s.getRow(1).eachCell({ includeEmpty: true }, (cell, col) => (h[col - 1] = cellText(cell.value).trim()));
    return Array.from(h, (v) => v ?? '');
  };
  const sheets = wb.worksheets.map((s) => ({ sheet: s, header: headerOf(s) }));
  const found = sheets.find(({ header: h }) => ARCHIVE_COLUMNS.every((c) => h.includes(c)));
  if (!found) {
    const each = sheets.map(({ sheet: s, header: h }) => `“${s.name}”（缺 / missing: ${ARCHIVE_COLUMNS.filter((c) => !h.includes(c)).join(', ')}）`).join('; ');
    return {
      table: { header: [], rows: [] },
      problems: [{ row: 1, column: null, reason: `没有工作表的第 1 行含档案表的全部列 / no sheet has the archive columns in its first row — sheets found: ${each}. 请把表头放在第 1 行 / put the header (${ARCHIVE_COLUMNS.join(',')}) in row 1 of the archive sheet` }],
    };
  }
  const { sheet, header } = found;
  const rows: TableRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (rowNumber === 1) return;
    const cells: Record<string, string> = {};
    header.forEach((h, c) => (cells[h] = restoreFormulaText(cellText(row.getCell(c + 1).value).trim())));
    if (Object.values(cells).some((v) => v !== '')) rows.push({ row: rowNumber, cells });
  });
  return { table: { header, rows }, problems: [] };
}

/** True when `bytes` decode as GBK (GB18030) without a single invalid sequence. */
function decodesAsGbk(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('gbk', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** The CSV's text, or why it is not in `encoding`. Invalid UTF-8 is refused rather than stored as "���". */
export function decodeCsv(bytes: Uint8Array, path: string, encoding: TableEncoding = 'utf-8'): { text: string } | { problem: ImportProblem } {
  try {
    return { text: new TextDecoder(encoding, { fatal: true }).decode(bytes) };
  } catch {
    const reason =
      encoding === 'gbk'
        ? `${path}: 文件不是 GBK 编码 / the file is not GBK either: save it as UTF-8 (CSV UTF-8) and import it without --encoding`
        : decodesAsGbk(bytes)
          ? `${path}: 文件不是 UTF-8 编码（像是 GBK）/ the file is not UTF-8 (looks like GBK): save as UTF-8 (Excel: 另存为 “CSV UTF-8”) or pass --encoding gbk`
          : `${path}: 文件不是 UTF-8 编码 / the file is not UTF-8 text: save it as UTF-8 (Excel: 另存为 “CSV UTF-8”)`;
    return { problem: { row: 1, column: null, reason } };
  }
}

/** The table, or why it cannot be imported (a parse leaves no table worth checking once it found a problem). */
function tableResult(read: { table: Table; problems: ImportProblem[] }): Result<Table, ImportProblem> {
  return read.problems.length > 0 ? failure(read.problems) : success(read.table);
}

export async function readArchiveTable(path: string, options: { encoding?: TableEncoding } = {}): Promise<Result<Table, ImportProblem>> {
  const format = tableFormatOf(path);
  if (!format) return failure([{ row: 1, column: null, reason: `只支持 .csv 和 .xlsx / only .csv and .xlsx files can be imported: ${path}` }]);
  let data: Buffer;
  try {
    data = await readFile(path);
  } catch (error) {
    return failure([{ row: 1, column: null, reason: describeReadError(path, error, { zh: '档案表', en: 'archive table' }) }]);
  }
  if (format === 'xlsx') return tableResult(await parseXlsxTable(data));
  const decoded = decodeCsv(data, path, options.encoding);
  return 'text' in decoded ? tableResult(parseCsvTable(decoded.text)) : failure([decoded.problem]);
}
