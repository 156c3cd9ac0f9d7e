/**
 * The archive as exchange files, in exactly the format the importer reads and the
 * sample ships (`archive.csv`: UTF-8 with BOM, CRLF, header ARCHIVE_COLUMNS; `archive.xlsx`:
 * the same rows on the first sheet), so export → edit in Excel → import round-trips.
 * Text cells that a spreadsheet would run as a formula (`= + - @`, tab, CR first) are
 * written with a leading `'` in both formats (`core/spreadsheet-text.ts`; the reader
 * strips it); numbers stay numbers.
 */
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { ARCHIVE_COLUMNS, type ArchiveColumn, type ArchiveRecord, archiveRecordToRow } from '../../core/archive-record.ts';
import { neutraliseFormula } from '../../core/spreadsheet-text.ts';

/** Excel on Chinese Windows reads a BOM-less CSV as GBK; the BOM makes every reader pick UTF-8. */
const UTF8_BOM = '\uFEFF';
export const ARCHIVE_SHEET_NAME = '房屋安全档案';

/** One record's cells in column order; text neutralised against formula injection, numbers as numbers. */
function safeCells(r: ArchiveRecord): (string | number)[] {
  const row = archiveRecordToRow(r);
  return ARCHIVE_COLUMNS.map((c: ArchiveColumn) => {
    const value = row[c];
    return typeof value === 'string' ? neutraliseFormula(value) : value;
  });
}

export function archiveTableCsv(records: readonly ArchiveRecord[]): string {
  const body = Papa.unparse(
    { fields: [...ARCHIVE_COLUMNS], data: records.map(safeCells) },
    { newline: '\r\n', header: true },
  );
  return `${UTF8_BOM}${body}\r\n`;
}

export async function archiveTableXlsx(records: readonly ArchiveRecord[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Yuzhong Twin';
  const ws = wb.addWorksheet(ARCHIVE_SHEET_NAME, { views: [{ state: 'frozen', xSplit: 1, ySplit: 1 }] });
  ws.columns = ARCHIVE_COLUMNS.map((key) => ({ header: key, key, width: key.includes('date') || key.includes('start') || key.includes('end') ? 12 : 24 }));
  ws.getRow(1).font = { bold: true };
  ws.getColumn('plan_budget_wan').numFmt = '0.0';
  for (const r of records) {
    // Empty strings become empty cells; numbers stay numbers, as in the sample workbook.
    // exceljs writes strings as string cells, which Excel never evaluates; the `'` is
    // added anyway so a sheet saved from Excel as CSV stays safe and the reader has one rule.
    ws.addRow(safeCells(r).map((v) => (v === '' ? null : v)));
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
