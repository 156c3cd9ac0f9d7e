import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { unzipSync } from 'fflate';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARCHIVE_COLUMNS, type ArchiveRecord, archiveRecordToRow } from '../../src/core/archive-record.ts';
import { generateArchive } from '../../src/sample/archive-generator.ts';
import {
  ARCHIVE_SHEET_NAME,
  UTF8_BOM,
  stripBom,
  writeArchiveCsv,
  writeArchiveXlsx,
} from '../../src/sample/archive-writer.ts';
import { makeSampleBuildings } from './fixtures.ts';

const sha256 = async (path: string): Promise<string> => createHash('sha256').update(await readFile(path)).digest('hex');
const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** A record whose cells need CSV quoting. */
const AWKWARD: ArchiveRecord = {
  code: 'YZ-99999',
  appraisal: { date: '2024-05-06', agency: '某鉴定所, "测试"\n分部', grade: 'C', hazards: ['结构裂缝', '管线老化'] },
  plan: {
    measures: ['危房改造'],
    status: '施工中',
    start: '2026-01-02',
    end: '2027-03-04',
    budgetWan: 1234.5,
    funding: ['财政', '专项债'],
    unit: '渝中区住房城乡建委',
    keyProject: null,
  },
};

describe('archive writers', () => {
  let dir: string;
  let records: ArchiveRecord[];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'yz-archive-'));
    records = [...generateArchive(makeSampleBuildings(12_500), { seed: 'yuzhong' }), AWKWARD];
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes a UTF-8 CSV with BOM that papaparse reads back to the same rows', async () => {
    const path = join(dir, 'archive.csv');
    await writeArchiveCsv(records, path);
    const bytes = await readFile(path);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(text.startsWith(UTF8_BOM)).toBe(true);
    const parsed = Papa.parse<Record<string, string>>(stripBom(text), { header: true, skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    expect(parsed.meta.fields).toEqual([...ARCHIVE_COLUMNS]);
    expect(parsed.data).toHaveLength(records.length);
    parsed.data.forEach((row, i) => {
      const expected = archiveRecordToRow(records[i]!);
      for (const c of ARCHIVE_COLUMNS) expect(row[c], `${records[i]!.code}.${c}`).toBe(String(expected[c]));
    });
  });

  it('writes an xlsx sheet with a bold frozen header and typed cells', async () => {
    const path = join(dir, 'archive.xlsx');
    await writeArchiveXlsx(records, path);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path);
    const ws = wb.getWorksheet(ARCHIVE_SHEET_NAME);
    expect(ws).toBeDefined();
    expect(ws!.rowCount).toBe(records.length + 1);
    const header = ws!.getRow(1);
    expect(ARCHIVE_COLUMNS.map((_, j) => header.getCell(j + 1).value)).toEqual([...ARCHIVE_COLUMNS]);
    expect(header.font?.bold ?? header.getCell(1).font?.bold).toBe(true);
    expect(ws!.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    records.forEach((r, i) => {
      const expected = archiveRecordToRow(r);
      const row = ws!.getRow(i + 2);
      ARCHIVE_COLUMNS.forEach((c, j) => {
        const value = row.getCell(j + 1).value;
        expect(value ?? '', `${r.code}.${c}`).toEqual(expected[c]);
      });
    });
    const budgetCol = ARCHIVE_COLUMNS.indexOf('plan_budget_wan') + 1;
    expect(typeof ws!.getRow(records.length + 1).getCell(budgetCol).value).toBe('number');
  });

  it('writes identical bytes for identical records, whenever it runs', async () => {
    const paths = { csv: [join(dir, 'a1.csv'), join(dir, 'a2.csv')], xlsx: [join(dir, 'a1.xlsx'), join(dir, 'a2.xlsx')] };
    await writeArchiveCsv(records, paths.csv[0]!);
    await writeArchiveXlsx(records, paths.xlsx[0]!);
    // Past a second: zip entry times and core.xml dates would differ if they were wall-clock.
    await pause(1_100);
    await writeArchiveCsv(records, paths.csv[1]!);
    await writeArchiveXlsx(records, paths.xlsx[1]!);
    expect(await sha256(paths.csv[0]!)).toBe(await sha256(paths.csv[1]!));
    expect(await sha256(paths.xlsx[0]!)).toBe(await sha256(paths.xlsx[1]!));
    const core = new TextDecoder().decode(unzipSync(await readFile(paths.xlsx[0]!))['docProps/core.xml']);
    expect(core).toContain('<dcterms:created xsi:type="dcterms:W3CDTF">2026-01-01T00:00:00Z</dcterms:created>');
  });
});
