/**
 * Issue 17 item 2 (archive half) and 3: an archive table as Excel on a Chinese system
 * saves it — GBK, Chinese column names, A级, 2024/2/21, 、-separated lists — imports
 * to the same records as our UTF-8 English-header file. The GBK bytes are made by
 * glibc's `iconv`, an encoder independent of the decoder under test.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { archiveTableCsv } from '../../../src/archive/export/archive-table-writer.ts';
import { importArchiveFile } from '../../../src/archive/import/archive-importer.ts';
import { ARCHIVE_COLUMNS, type ArchiveColumn } from '../../../src/core/archive-record.ts';
import { readArchiveTable } from '../../../src/sources/archive-table-reader.ts';
import { validateArchiveTable } from '../../../src/sources/archive-row-validator.ts';
import { formatProblems } from '../../../src/sources/import-problem.ts';
import { parseFieldMapping } from '../../../src/sources/field-mapping/mapping-file.ts';
import { ARCHIVE_HEADER_ZH } from '../../fixtures/district-handover.ts';
import { dumpDatabase } from '../fixtures/database-dump.ts';
import { closeFixtureArchive, openFixtureArchive, type FixtureArchive } from '../fixtures/fixture-archive.ts';

const CHINESE_HEADER = ARCHIVE_HEADER_ZH;

/** 2024-02-01 as Excel's zh-CN CSV writes it: 2024/2/1. */
const excelDay = (iso: string) => (iso === '' ? '' : iso.replace(/^(\d{4})-0?(\d+)-0?(\d+)$/, '$1/$2/$3'));

/** Our CSV as a Chinese Excel export: Chinese header, grades as A级, days as 2024/2/1, lists joined with 、. */
function chineseCsv(englishCsv: string, header: Record<ArchiveColumn, string> = CHINESE_HEADER): string {
  const rows = Papa.parse<Record<ArchiveColumn, string>>(englishCsv.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true }).data;
  const data = rows.map((r) =>
    ARCHIVE_COLUMNS.map((c) => {
      const v = r[c];
      if (c === 'grade') return v === '' ? '' : `${v}级`;
      if (c === 'appraisal_date' || c === 'plan_start' || c === 'plan_end') return excelDay(v);
      if (c === 'hazards' || c === 'plan_measures' || c === 'plan_funding') return v.split(';').join('、');
      return v;
    }),
  );
  return Papa.unparse({ fields: ARCHIVE_COLUMNS.map((c) => header[c]), data }, { newline: '\r\n' }) + '\r\n';
}

/** `text` in GBK, by glibc iconv (on the machine and in CI), fed on stdin. */
function gbkBytes(text: string): Buffer {
  const run = spawnSync('iconv', ['-f', 'UTF-8', '-t', 'GBK'], { input: text, maxBuffer: 64 * 1024 * 1024 });
  if (run.error || run.status !== 0) throw new Error(`iconv (glibc) is needed to make the GBK fixture: ${run.error?.message ?? run.stderr.toString()}`);
  return run.stdout;
}

describe('an archive table from a Chinese Excel: GBK, Chinese headers and values', () => {
  let fixture: FixtureArchive;
  beforeEach(async () => void (fixture = await openFixtureArchive('yz-chinese-archive-', 40)));
  afterEach(() => closeFixtureArchive(fixture));

  it('reads to the same rows as the UTF-8 English-header file, the encoding detected as GB18030', async () => {
    const { dir, district, store } = fixture;
    const english = archiveTableCsv(district.records);
    const chinese = chineseCsv(english);
    expect(chinese).toContain('A级');
    expect(chinese).toMatch(/\d{4}\/\d{1,2}\/\d{1,2}/);
    const englishPath = join(dir, 'archive.csv');
    const gbkPath = join(dir, 'archive-gbk.csv');
    writeFileSync(gbkPath, gbkBytes(chinese));
    expect(readFileSync(gbkPath).includes(Buffer.from('房屋编号'))).toBe(false); // truly not UTF-8

    const a = await readArchiveTable(englishPath);
    const b = await readArchiveTable(gbkPath);
    if (!a.ok || !b.ok) throw new Error('read failed');
    expect(a.value.encoding).toEqual({ encoding: 'utf-8', basis: 'bom' });
    expect(b.value.encoding).toEqual({ encoding: 'gb18030', basis: 'not-utf-8' });
    expect(b.value.header).toEqual([...ARCHIVE_COLUMNS]);
    expect(b.value.rows).toEqual(a.value.rows);
    expect(b.value.mapping!.header.missing).toEqual([]);
    expect(b.value.mapping!.report.mapped).toContainEqual({ from: '预算（万元）', to: 'plan_budget_wan', by: 'built-in', count: 40 });
    expect(b.value.mapping!.report.unmappedValues).toEqual([]);
    const context = { knownCodes: await store.knownCodes(), heritageCodes: await store.heritageCodes() };
    const ra = validateArchiveTable(a.value, context);
    const rb = validateArchiveTable(b.value, context);
    expect(ra.ok && rb.ok).toBe(true);
    expect(rb).toEqual(ra);

    // Imported: the English file, then the Chinese one changes nothing.
    expect(await importArchiveFile(store, englishPath)).toMatchObject({ ok: true, value: { rows: 40 } });
    const records = await store.exportRecords();
    expect(await importArchiveFile(store, gbkPath)).toMatchObject({ ok: true, value: { rows: 40, unchanged: 40 } });
    expect(await store.exportRecords()).toEqual(records);
  }, 60_000);

  it('the same Chinese table in UTF-8 and as an XLSX imports alike', async () => {
    const { dir, district, store } = fixture;
    const chinese = chineseCsv(archiveTableCsv(district.records));
    const utf8 = join(dir, 'utf8.csv');
    writeFileSync(utf8, chinese);
    expect(await importArchiveFile(store, utf8)).toMatchObject({ ok: true, value: { rows: 40 } });
    const records = await store.exportRecords();
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('房屋安全档案');
    for (const row of Papa.parse<string[]>(chinese, { skipEmptyLines: true }).data) sheet.addRow(row);
    const xlsx = join(dir, 'chinese.xlsx');
    writeFileSync(xlsx, Buffer.from(await wb.xlsx.writeBuffer()));
    expect(await importArchiveFile(store, xlsx)).toMatchObject({ ok: true, value: { rows: 40, unchanged: 40 } });
    expect(await store.exportRecords()).toEqual(records);
  });

  it('a column under a name of its own needs the mapping file; without it the missing column is named', async () => {
    const { dir, district, store } = fixture;
    const header = { ...CHINESE_HEADER, appraisal_agency: '鉴定机构名称' };
    const path = join(dir, 'own-names.csv');
    writeFileSync(path, gbkBytes(chineseCsv(archiveTableCsv(district.records), header)));
    const before = dumpDatabase(store);
    const refused = await importArchiveFile(store, path);
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.error).toHaveLength(1);
      expect(formatProblems(refused.error)).toContain('missing columns: appraisal_agency, while "鉴定机构名称" map to none of ours: name them in a field mapping file\'s archive.fields (e.g. {"archive":{"fields":{"鉴定机构名称":"appraisal_agency"}}}) and pass it with --mapping');
    }
    expect(dumpDatabase(store)).toEqual(before);

    const mapping = parseFieldMapping(JSON.stringify({ archive: { fields: { 鉴定机构名称: 'appraisal_agency' } } }), 'mapping.json');
    if (!mapping.ok) throw new Error('mapping');
    expect(await importArchiveFile(store, path, { mapping: mapping.value })).toMatchObject({ ok: true, value: { rows: 40 } });
    const agencies = new Set((await store.exportRecords()).map((r) => r.appraisal?.agency).filter(Boolean));
    expect([...agencies]).toEqual(['重庆渝安房屋安全鉴定有限公司']);
  });

  it('scripts/archive-import.ts takes --mapping, and refuses a bad mapping file naming its entry', () => {
    const { dir } = fixture;
    const cli = (args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'scripts/archive-import.ts', ...args], { encoding: 'utf8', timeout: 60_000 });
    const bad = join(dir, 'bad-mapping.json');
    writeFileSync(bad, JSON.stringify({ archive: { fields: { 鉴定机构名称: 'agency' } } }));
    const run = cli([join(dir, 'archive.csv'), '--mapping', bad, '--db', join(dir, 'cli.sqlite')]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`${bad} $.archive.fields.鉴定机构名称`);
    expect(run.stderr).toContain('appraisal_agency');
  }, 60_000);
});
