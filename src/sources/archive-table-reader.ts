/**
 * Reads the exchange table (`archive.csv`, or the first sheet of `archive.xlsx` whose
 * header has the archive columns) into rows of plain strings keyed by our column
 * names, each with the row number a spreadsheet would show, so validation can point at
 * the exact cell. A file that cannot be read, is in neither UTF-8 nor GB18030, would be
 * garbled by the encoding asked for, or has no sheet with the columns is a problem
 * naming the file (and the row), never a crash or garbled text in the archive. The one
 * `'` the exporter puts before formula-like text (`core/spreadsheet-text.ts`) is
 * removed. Here with the other exchange-file readers (issue 16); the archive's importer
 * (src/archive/import/archive-importer.ts: `npm run archive:import`, the build's archive
 * step) uses it.
 *
 * Issue 17: an archive table saved from Excel on a Chinese system is GBK with Chinese
 * column names (房屋编号, 鉴定日期, 安全等级 …) and values such as `A级` and 2024/2/21.
 * So a CSV's encoding, unless given, is detected (text-encoding.ts: BOM or valid UTF-8
 * → UTF-8, else GB18030), and the header and cells go through the field mapping
 * (field-mapping/: built-in Chinese names, a mapping file's `archive` section):
 * English-header files read as before, since our names map to themselves. The
 * result's table says which encoding was used and why, and what the mapping did.
 */
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { ARCHIVE_COLUMNS } from '../core/archive-record.ts';
import { describeReadError } from '../core/file-read-error.ts';
import { restoreFormulaText } from '../core/spreadsheet-text.ts';
import { failure, success, type Result } from '../core/result.ts';
import { mapArchiveHeader, type ArchiveHeaderMapping } from './field-mapping/archive-header.ts';
import { createFieldMapper, type FieldMappingReport } from './field-mapping/field-mapper.ts';
import type { FieldMappingFile } from './field-mapping/mapping-file.ts';
import type { ImportProblem } from './import-problem.ts';
import { decodeStrict, detectTextEncoding, isAscii, isValidUtf8, type EncodingDecision } from './text-encoding.ts';

/**
 * Text encodings a CSV may be asked to be read in (`--encoding`): UTF-8 (BOM optional),
 * or GBK / GB18030 (both read as GB18030, its superset). Unless asked, it is detected.
 */
export const TABLE_ENCODINGS = ['utf-8', 'gbk', 'gb18030'] as const;
export type TableEncoding = (typeof TABLE_ENCODINGS)[number];

export interface ArchiveTableOptions {
  /** The CSV's encoding. Default: detected (BOM or valid UTF-8 → UTF-8, else GB18030). One that would garble the text is refused. */
  encoding?: TableEncoding;
  /** A mapping file's content (field-mapping/read-mapping-file.ts); its `archive` section applies over the built-in names. Default: built-ins only. */
  mapping?: FieldMappingFile | null;
}

/** What the field mapping did to a table: its header, and its cells. */
export interface TableMapping {
  header: ArchiveHeaderMapping;
  report: FieldMappingReport;
}

export interface TableRow {
  /** 1-based, header = 1. */
  row: number;
  cells: Record<string, string>;
}

export interface Table {
  /** Our column names where theirs map to one, their own name otherwise. */
  header: string[];
  rows: TableRow[];
  /** A CSV's encoding and how it was decided. */
  encoding?: EncodingDecision;
  /** What the field mapping did (absent for a table built without it). */
  mapping?: TableMapping;
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

/** The table under our column names and values (field-mapping/), with what the mapping did. */
export function mapTable(table: Table, mapping?: FieldMappingFile | null): Table {
  const header = mapArchiveHeader(table.header, mapping);
  const mapper = createFieldMapper('archive', mapping);
  const rows = table.rows.map(({ row, cells }) => {
    const mapped: Record<string, string> = {};
    for (const [k, v] of Object.entries(mapper.map(cells))) mapped[k] = v === null || v === undefined ? '' : String(v);
    return { row, cells: mapped };
  });
  return { ...table, header: header.header, rows, mapping: { header, report: mapper.report() } };
}

export async function parseXlsxTable(data: Buffer | ArrayBuffer, mapping?: FieldMappingFile | null): Promise<{ table: Table; problems: ImportProblem[] }> {
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
  // Their header as given, and under our names (房屋编号 → code …).
  const sheets = wb.worksheets.map((s) => {
    const given = headerOf(s);
    return { sheet: s, given, header: mapArchiveHeader(given, mapping).header };
  });
  const found = sheets.find(({ header: h }) => ARCHIVE_COLUMNS.every((c) => h.includes(c)));
  if (!found) {
    const each = sheets.map(({ sheet: s, header: h }) => `“${s.name}”（缺 / missing: ${ARCHIVE_COLUMNS.filter((c) => !h.includes(c)).join(', ')}）`).join('; ');
    return {
      table: { header: [], rows: [] },
      problems: [{ row: 1, column: null, reason: `没有工作表的第 1 行含档案表的全部列 / no sheet has the archive columns in its first row — sheets found: ${each}. 请把表头放在第 1 行 / put the header (${ARCHIVE_COLUMNS.join(',')}) in row 1 of the archive sheet` }],
    };
  }
  const { sheet, given } = found;
  const rows: TableRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (rowNumber === 1) return;
    const cells: Record<string, string> = {};
    given.forEach((h, c) => (cells[h] = restoreFormulaText(cellText(row.getCell(c + 1).value).trim())));
    if (Object.values(cells).some((v) => v !== '')) rows.push({ row: rowNumber, cells });
  });
  return { table: mapTable({ header: given, rows }, mapping), problems: [] };
}

/** The 1-based spreadsheet row (header = 1) of the first parsed row of `text` that `test` picks, counted as parseCsvTable counts. */
function firstRowWhere(text: string, test: (cell: string) => boolean): number {
  const parsed = Papa.parse<string[]>(text.startsWith('\uFEFF') ? text.slice(1) : text, { header: false, skipEmptyLines: 'greedy' });
  const i = parsed.data.findIndex((cells) => cells.some(test));
  return i < 0 ? 1 : i + 1;
}

const hasReplacement = (cell: string) => cell.includes('\uFFFD');
const hasNonAscii = (cell: string) => [...cell].some((ch) => ch.charCodeAt(0) > 0x7f);

/**
 * The CSV's text and how its encoding was decided, or why it cannot be read: not UTF-8
 * when UTF-8 was asked for (with the row where it stops being UTF-8), UTF-8 when GBK was
 * asked for (read as GBK it would be mojibake: 重庆 as 閲嶅簡), or in neither.
 */
export function decodeCsv(bytes: Uint8Array, path: string, encoding?: TableEncoding): { text: string; decision: EncodingDecision } | { problem: ImportProblem } {
  const refuse = (row: number, reason: string) => ({ problem: { row, column: null, reason } });
  const decision: EncodingDecision = encoding === undefined ? detectTextEncoding(bytes) : { encoding: encoding === 'utf-8' ? 'utf-8' : 'gb18030', basis: 'option' };
  if (decision.encoding === 'gb18030' && decision.basis === 'option' && !isAscii(bytes) && isValidUtf8(bytes)) {
    const text = new TextDecoder('utf-8').decode(bytes);
    const row = firstRowWhere(text, hasNonAscii);
    return refuse(
      row,
      `${path}: 文件是 UTF-8 编码，按 ${encoding!.toUpperCase()} 读取会成乱码（自第 ${row} 行起）/ the file is UTF-8: read as ${encoding!.toUpperCase()} it would be garbled (from row ${row} on): leave out --encoding (it is detected) or pass --encoding utf-8`,
    );
  }
  const text = decodeStrict(bytes, decision.encoding);
  if (text !== null) return { text, decision };
  const garbled = (label: 'utf-8' | 'gb18030') => firstRowWhere(new TextDecoder(label).decode(bytes), hasReplacement);
  if (decision.encoding === 'utf-8') {
    // Asked for UTF-8 (a detected UTF-8 always decodes).
    const row = garbled('utf-8');
    const reason =
      decodeStrict(bytes, 'gb18030') !== null
        ? `${path}: 文件不是 UTF-8 编码（像是 GBK，第 ${row} 行起）/ the file is not UTF-8 (looks like GBK): save as UTF-8 (Excel: 另存为 “CSV UTF-8”) or pass --encoding gbk (from row ${row} on it is not UTF-8), or leave out --encoding (it is detected)`
        : `${path}: 文件不是 UTF-8 编码（第 ${row} 行起）/ the file is not UTF-8 text (from row ${row} on): save it as UTF-8 (Excel: 另存为 “CSV UTF-8”)`;
    return refuse(row, reason);
  }
  const row = garbled('gb18030');
  return refuse(
    row,
    decision.basis === 'option'
      ? `${path}: 文件不是 GBK 编码（第 ${row} 行起）/ the file is not GBK either (from row ${row} on): save it as UTF-8 (CSV UTF-8) and import it without --encoding`
      : `${path}: 文件既不是 UTF-8 也不是 GBK/GB18030 编码（第 ${row} 行起）/ the file is neither UTF-8 nor GBK/GB18030 (from row ${row} on): save it as UTF-8 (Excel: 另存为 “CSV UTF-8”)`,
  );
}

/** The table, or why it cannot be imported (a parse leaves no table worth checking once it found a problem). */
function tableResult(read: { table: Table; problems: ImportProblem[] }): Result<Table, ImportProblem> {
  return read.problems.length > 0 ? failure(read.problems) : success(read.table);
}

export async function readArchiveTable(path: string, options: ArchiveTableOptions = {}): Promise<Result<Table, ImportProblem>> {
  const format = tableFormatOf(path);
  if (!format) return failure([{ row: 1, column: null, reason: `只支持 .csv 和 .xlsx / only .csv and .xlsx files can be imported: ${path}` }]);
  let data: Buffer;
  try {
    data = await readFile(path);
  } catch (error) {
    return failure([{ row: 1, column: null, reason: describeReadError(path, error, { zh: '档案表', en: 'archive table' }) }]);
  }
  if (format === 'xlsx') return tableResult(await parseXlsxTable(data, options.mapping));
  const decoded = decodeCsv(data, path, options.encoding);
  if (!('text' in decoded)) return failure([decoded.problem]);
  const read = parseCsvTable(decoded.text);
  const table: Table = { ...mapTable(read.table, options.mapping), encoding: decoded.decision };
  const unnamed = unmappedColumnsProblem(table);
  return tableResult({ table, problems: unnamed ? [...read.problems, unnamed] : read.problems });
}

/**
 * Columns of ours missing while some of theirs map to nothing: most likely one of theirs
 * is ours under a name of its own (鉴定机构名称), which only the mapping file can say.
 * Null when nothing is missing, or nothing is left over to be it (then the row
 * validator's "missing columns" says it all).
 */
function unmappedColumnsProblem(table: Table): ImportProblem | null {
  const header = table.mapping?.header;
  if (!header || header.missing.length === 0 || header.unmapped.length === 0) return null;
  const missing = header.missing.join(', ');
  const theirs = header.unmapped.map((c) => `“${c}”`).join('、');
  const example = JSON.stringify({ archive: { fields: { [header.unmapped[0]!]: header.missing[0] } } });
  return {
    row: 1,
    column: null,
    reason: `缺少列 ${missing}，而列 ${theirs} 未能对应 / missing columns: ${missing}, while ${header.unmapped.map((c) => `"${c}"`).join(', ')} map to none of ours: name them in a field mapping file's archive.fields (e.g. ${example}) and pass it with --mapping, or rename the columns (expected header: ${ARCHIVE_COLUMNS.join(',')})`,
  };
}
