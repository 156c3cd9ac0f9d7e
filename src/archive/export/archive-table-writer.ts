/**
 * The archive as exchange files, in exactly the format the importer reads and the
 * sample ships (`archive.csv`: UTF-8 with BOM, CRLF, header ARCHIVE_COLUMNS; `archive.xlsx`:
 * the same rows on the first sheet), so export → edit in Excel → import round-trips.
 */
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { ARCHIVE_COLUMNS, type ArchiveRecord, archiveRecordToRow } from '../../core/archive-record.ts';

/** Excel on Chinese Windows reads a BOM-less CSV as GBK; the BOM makes every reader pick UTF-8. */
const UTF8_BOM = '\uFEFF';
export const ARCHIVE_SHEET_NAME = '房屋安全档案';

export function archiveTableCsv(records: readonly ArchiveRecord[]): string {
  const body = Papa.unparse(
    { fields: [...ARCHIVE_COLUMNS], data: records.map((r) => { const row = archiveRecordToRow(r); return ARCHIVE_COLUMNS.map((c) => row[c]); }) },
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
    const row = archiveRecordToRow(r);
    // Empty strings become empty cells; numbers stay numbers, as in the sample workbook.
    ws.addRow(ARCHIVE_COLUMNS.map((c) => (row[c] === '' ? null : row[c])));
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
