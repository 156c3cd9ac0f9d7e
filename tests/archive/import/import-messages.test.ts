/**
 * Issue 15, archive import: messages a person can act on, and no garbage stored —
 * a missing file, a GBK-encoded CSV, an XLSX whose archive sheet is not the first,
 * and values over the API's limits. Each is refused with the file and the fix, and
 * the database stays as it was.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { archiveTableCsv } from '../../../src/archive/export/archive-table-writer.ts';
import { importArchiveFile, importRegistryFiles } from '../../../src/archive/import/archive-importer.ts';
import { formatProblems } from '../../../src/sources/import-problem.ts';
import { SqliteArchiveStore } from '../../../src/archive/store/sqlite/sqlite-archive-store.ts';
import { ARCHIVE_LIMITS } from '../../../src/core/archive-limits.ts';
import { ARCHIVE_COLUMNS } from '../../../src/core/archive-record.ts';
import { dumpDatabase } from '../fixtures/database-dump.ts';
import { closeFixtureArchive, openFixtureArchive } from '../fixtures/fixture-archive.ts';
import type { FixtureDistrict } from '../fixtures/fixture-district.ts';

/** GBK bytes of a text, from the inverse of the built-in GBK decoder (Node has no GBK encoder). */
function encodeGbk(text: string): Uint8Array {
  const table = new Map<string, [number, number]>();
  const decoder = new TextDecoder('gbk');
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      const ch = decoder.decode(Uint8Array.of(lead, trail));
      if (ch.length === 1 && ch !== '\uFFFD' && !table.has(ch)) table.set(ch, [lead, trail]);
    }
  }
  const out: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code < 0x80) out.push(code);
    else if (ch === '\uFEFF') continue;
    else {
      const pair = table.get(ch);
      if (!pair) throw new Error(`no GBK for ${ch}`);
      out.push(...pair);
    }
  }
  return Uint8Array.from(out);
}

function cli(args: string[]) {
  const res = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/archive-import.ts', ...args], { encoding: 'utf8', timeout: 60_000 });
  return { status: res.status, stdout: res.stdout, stderr: res.stderr };
}

describe('archive import messages', () => {
  let dir: string;
  let store: SqliteArchiveStore;
  let district: FixtureDistrict;

  beforeEach(async () => {
    ({ dir, district, store } = await openFixtureArchive('yz-import-messages-', 20));
  });
  afterEach(() => closeFixtureArchive({ dir, store }));

  it('a missing CSV names the file and says it does not exist — in the importer and the CLI, without a stack', async () => {
    const missing = join(dir, 'no-such-archive.csv');
    const result = await importArchiveFile(store, missing);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const text = formatProblems(result.error);
    expect(text).toContain(missing);
    expect(text).toContain('文件不存在');
    expect(text).toContain('does not exist');

    const run = cli([missing, '--db', join(dir, 'cli.sqlite')]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(missing);
    expect(run.stderr).toContain('does not exist');
    expect(run.stderr).not.toMatch(/^\s+at /m);
    expect(run.stderr).not.toContain('ENOENT: no such file');
  }, 60_000);

  it('a missing buildings.geojson for the registry is named the same way', async () => {
    const missing = join(dir, 'nope', 'buildings.geojson');
    const result = await importRegistryFiles(store, missing, null);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(formatProblems(result.error)).toMatch(new RegExp(`${missing.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: 无法读取.*does not exist`));
  });

  it('refuses a GBK-encoded CSV asked to be read as UTF-8 instead of storing "���", and reads it with --encoding gbk or detected', async () => {
    const csv = archiveTableCsv(district.records);
    const gbk = join(dir, 'archive-gbk.csv');
    writeFileSync(gbk, encodeGbk(csv));
    const before = dumpDatabase(store);
    // Issue 17: without --encoding the encoding is detected (GB18030 here); asking for UTF-8 refuses the file as before.
    const result = await importArchiveFile(store, gbk, { encoding: 'utf-8' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toHaveLength(1);
    expect(result.error[0]!.reason).toContain(gbk);
    expect(result.error[0]!.reason).toContain('the file is not UTF-8 (looks like GBK): save as UTF-8');
    expect(result.error[0]!.reason).toContain('--encoding gbk');
    // The first row with a non-ASCII byte: the first appraisal's agency (row 1 is the ASCII header).
    expect(result.error[0]!.row).toBe(2);
    expect(dumpDatabase(store)).toEqual(before);

    const read = await importArchiveFile(store, gbk, { encoding: 'gbk' });
    expect(read).toMatchObject({ ok: true, value: { rows: 20 } });
    const agencies = new Set((await store.exportRecords()).map((r) => r.appraisal?.agency).filter(Boolean));
    expect([...agencies]).toEqual(['重庆渝安房屋安全鉴定有限公司']);
    const first = await store.exportRecords();
    expect(await importArchiveFile(store, gbk)).toMatchObject({ ok: true, value: { rows: 20, unchanged: 20 } });
    expect(await store.exportRecords()).toEqual(first);

    const run = cli([gbk, '--encoding', 'utf-8', '--db', join(dir, 'cli.sqlite')]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('looks like GBK');
  }, 60_000);

  it('refuses a UTF-8 CSV asked to be read as GBK (it would be mojibake), naming the row and the option', async () => {
    const path = join(dir, 'utf8.csv');
    writeFileSync(path, archiveTableCsv(district.records).slice(1));
    const before = dumpDatabase(store);
    const result = await importArchiveFile(store, path, { encoding: 'gbk' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toEqual([{ row: 2, column: null, reason: expect.stringContaining('the file is UTF-8: read as GBK it would be garbled (from row 2 on): leave out --encoding') }]);
    expect(result.error[0]!.reason).toContain(path);
    expect(dumpDatabase(store)).toEqual(before);
  });

  it('accepts a UTF-8 CSV with or without a BOM, to the same records', async () => {
    const csv = archiveTableCsv(district.records);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const withBom = join(dir, 'bom.csv');
    const without = join(dir, 'no-bom.csv');
    writeFileSync(withBom, csv);
    writeFileSync(without, csv.slice(1));
    expect(await importArchiveFile(store, withBom)).toMatchObject({ ok: true, value: { rows: 20 } });
    const first = await store.exportRecords();
    expect(await importArchiveFile(store, without)).toMatchObject({ ok: true, value: { rows: 20, unchanged: 20 } });
    expect(await store.exportRecords()).toEqual(first);
    expect(first.find((r) => r.appraisal)?.appraisal?.agency).toBe('重庆渝安房屋安全鉴定有限公司');
  });

  it('finds the archive sheet of an XLSX by its header, not its position', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('填表说明').addRows([['请在“档案”表中填写'], ['code 为楼栋编码']]);
    const sheet = wb.addWorksheet('档案');
    const csvRows = readFileSync(join(dir, 'archive.csv'), 'utf8').replace(/^\uFEFF/, '').trim().split('\r\n');
    for (const line of csvRows) sheet.addRow(line.split(','));
    const path = join(dir, 'two-sheets.xlsx');
    writeFileSync(path, Buffer.from(await wb.xlsx.writeBuffer()));
    expect(await importArchiveFile(store, path)).toMatchObject({ ok: true, value: { rows: 20 } });
  });

  it('when no sheet has the archive columns, names the sheets found and the columns missing', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('说明').addRow(['notes']);
    wb.addWorksheet('Sheet2').addRow(['code', 'grade']);
    const path = join(dir, 'no-archive-sheet.xlsx');
    writeFileSync(path, Buffer.from(await wb.xlsx.writeBuffer()));
    const result = await importArchiveFile(store, path);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const reason = result.error[0]!.reason;
    expect(reason).toContain('“说明”');
    expect(reason).toContain('“Sheet2”');
    expect(reason).toMatch(/“Sheet2”（缺 \/ missing: appraisal_date, appraisal_agency, hazards/);
    expect(reason).toContain(ARCHIVE_COLUMNS.join(','));
  });

  it('applies the API limits: a 2,000,000-character agency is refused, with a short message', async () => {
    const records = district.records.map((r, i) => (i === 0 && r.appraisal ? { ...r, appraisal: { ...r.appraisal, agency: '鉴'.repeat(2_000_000) } } : r));
    expect(records[0]!.appraisal).not.toBeNull();
    const path = join(dir, 'long-agency.csv');
    writeFileSync(path, archiveTableCsv(records));
    const before = dumpDatabase(store);
    const result = await importArchiveFile(store, path);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.map((p) => [p.row, p.column])).toEqual([[2, 'appraisal_agency']]);
    const text = formatProblems(result.error);
    expect(text).toContain(`at most ${ARCHIVE_LIMITS.agencyChars}`);
    expect(text.length).toBeLessThan(400);
    expect(dumpDatabase(store)).toEqual(before);

    // Exactly at the limit is fine; the plan's unit and key project follow theirs too.
    const atLimit = district.records.map((r, i) => (i === 0 && r.appraisal ? { ...r, appraisal: { ...r.appraisal, agency: '鉴'.repeat(ARCHIVE_LIMITS.agencyChars) } } : r));
    writeFileSync(path, archiveTableCsv(atLimit));
    expect((await importArchiveFile(store, path)).ok).toBe(true);
    const withPlan = district.records.findIndex((r) => r.plan);
    const longUnit = district.records.map((r, i) => (i === withPlan ? { ...r, plan: { ...r.plan!, unit: 'x'.repeat(ARCHIVE_LIMITS.planUnitChars + 1), keyProject: 'y'.repeat(ARCHIVE_LIMITS.keyProjectChars + 1), budgetWan: ARCHIVE_LIMITS.budgetWanMax + 1 } } : r));
    writeFileSync(path, archiveTableCsv(longUnit));
    const unit = await importArchiveFile(store, path);
    expect(!unit.ok && unit.error.map((p) => p.column).sort()).toEqual(['plan_budget_wan', 'plan_key_project', 'plan_unit']);
  });
});
