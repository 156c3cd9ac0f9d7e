/**
 * Reads the exchange table (`archive.csv` with or without BOM, or the first sheet of
 * `archive.xlsx`) into rows of plain strings keyed by header, each with the row
 * number a spreadsheet would show, so validation can point at the exact cell. The one
 * `'` the exporter puts before formula-like text (`core/spreadsheet-text.ts`) is removed.
 */
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { restoreFormulaText } from '../../core/spreadsheet-text.ts';
import type { ImportProblem } from './import-problem.ts';

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
  const sheet = wb.worksheets[0];
  if (!sheet) return { table: { header: [], rows: [] }, problems: [{ row: 1, column: null, reason: '工作簿没有工作表 / the workbook has no sheet' }] };
  const header: string[] = [];
  sheet.getRow(1).eachCell({ includeEmpty: true }, (cell, col) => (header[col - 1] = cellText(cell.value).trim()));
  const rows: TableRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (rowNumber === 1) return;
    const cells: Record<string, string> = {};
    header.forEach((h, c) => (cells[h] = restoreFormulaText(cellText(row.getCell(c + 1).value).trim())));
    if (Object.values(cells).some((v) => v !== '')) rows.push({ row: rowNumber, cells });
  });
  return { table: { header, rows }, problems: [] };
}

export async function readArchiveTable(path: string): Promise<{ table: Table; problems: ImportProblem[] }> {
  const format = tableFormatOf(path);
  if (!format) {
    return { table: { header: [], rows: [] }, problems: [{ row: 1, column: null, reason: `只支持 .csv 和 .xlsx / only .csv and .xlsx files can be imported: ${path}` }] };
  }
  const data = await readFile(path);
  return format === 'csv' ? parseCsvTable(data.toString('utf8')) : parseXlsxTable(data);
}
