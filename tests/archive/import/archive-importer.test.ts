import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { archiveTableCsv, archiveTableXlsx } from '../../../src/archive/export/archive-table-writer.ts';
import { importArchiveFile, importRegistryFiles, importSourceFolder } from '../../../src/archive/import/archive-importer.ts';
import { formatProblems } from '../../../src/sources/import-problem.ts';
import { SqliteArchiveStore } from '../../../src/archive/store/sqlite/sqlite-archive-store.ts';
import { dumpDatabase } from '../fixtures/database-dump.ts';
import { closeFixtureArchive, openFixtureArchive } from '../fixtures/fixture-archive.ts';
import type { FixtureDistrict } from '../fixtures/fixture-district.ts';

describe('archive import', () => {
  let dir: string;
  let store: SqliteArchiveStore;
  let district: FixtureDistrict;

  beforeEach(async () => {
    ({ dir, district, store } = await openFixtureArchive('yz-import-', 60));
  });
  afterEach(() => closeFixtureArchive({ dir, store }));

  it('imports the CSV; a second import of the same file changes nothing', async () => {
    const first = await importArchiveFile(store, join(dir, 'archive.csv'));
    expect(first).toMatchObject({ ok: true, value: { rows: 60, appraisalsAdded: 57, unchanged: 3 } });
    const snapshot = dumpDatabase(store);
    const second = await importArchiveFile(store, join(dir, 'archive.csv'));
    expect(second).toMatchObject({ ok: true, value: { rows: 60, appraisalsAdded: 0, plansChanged: 0, gradesChanged: 0, unchanged: 60 } });
    expect(dumpDatabase(store)).toEqual(snapshot);
    // And the registry too.
    const registry = await importRegistryFiles(store, join(dir, 'buildings.geojson'), join(dir, 'areas.geojson'));
    expect(registry).toMatchObject({ ok: true, value: { added: 0, changed: 0, unchanged: 60 } });
    expect(dumpDatabase(store)).toEqual(snapshot);
  });

  it('imports the XLSX to the same database as the CSV', async () => {
    const xlsxPath = join(dir, 'archive.xlsx');
    writeFileSync(xlsxPath, await archiveTableXlsx(district.records));
    expect((await importArchiveFile(store, xlsxPath)).ok).toBe(true);
    const viaXlsx = await store.exportRecords();
    expect((await importArchiveFile(store, join(dir, 'archive.csv'))).ok).toBe(true);
    expect(await store.exportRecords()).toEqual(viaXlsx);
    expect(archiveTableCsv(viaXlsx)).toBe(readFileSync(join(dir, 'archive.csv'), 'utf8'));
  });

  it('reports every bad row with row number, column and reason, and writes nothing', async () => {
    const lines = readFileSync(join(dir, 'archive.csv'), 'utf8').split('\r\n');
    const cells = (n: number) => lines[n - 1]!.split(',');
    const set = (n: number, col: number, value: string) => {
      const c = cells(n);
      c[col] = value;
      lines[n - 1] = c.join(',');
    };
    set(2, 0, 'YZ-99999'); // unknown code (row 2)
    set(3, 3, 'E'); // bad grade (row 3)
    set(4, 1, '2026-13-01'); // bad date (row 4)
    // Row 5 = YZ-00004 (grade D, with plan): drop the measures.
    expect(cells(5)[5]).not.toBe('');
    set(5, 5, '');
    set(8, 0, 'YZ-00006'); // row 7 holds YZ-00006 already: a duplicate (row 8)
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, lines.join('\r\n'));
    const before = dumpDatabase(store);
    const result = await importArchiveFile(store, bad);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const problems = result.error.map((p) => ({ row: p.row, column: p.column }));
    expect(problems).toEqual(
      expect.arrayContaining([
        { row: 2, column: 'code' },
        { row: 3, column: 'grade' },
        { row: 4, column: 'appraisal_date' },
        { row: 5, column: 'plan_measures' },
        { row: 8, column: 'code' },
      ]),
    );
    const text = formatProblems(result.error);
    expect(text).toMatch(/row 2, column code \[YZ-99999\]: .*unknown building code/);
    expect(text).toMatch(/row 3, column grade \[E\]/);
    expect(text).toMatch(/row 5, column plan_measures: .*plan without measures/);
    expect(text).toMatch(/row 8, column code \[YZ-00006\]: .*duplicate building code, first seen in row 7/);
    expect(dumpDatabase(store)).toEqual(before);
  });

  it('refuses a file without the expected header', async () => {
    const path = join(dir, 'headless.csv');
    writeFileSync(path, 'code,grade\r\nYZ-00001,A\r\n');
    const result = await importArchiveFile(store, path);
    expect(result).toMatchObject({ ok: false, error: [{ row: 1, column: null, reason: expect.stringMatching(/missing columns: appraisal_date/) }] });
  });

  it('refuses other file types and unreadable workbooks', async () => {
    const txt = join(dir, 'archive.txt');
    writeFileSync(txt, 'x');
    expect((await importArchiveFile(store, txt)).ok).toBe(false);
    const broken = join(dir, 'broken.xlsx');
    writeFileSync(broken, 'not a zip');
    const result = await importArchiveFile(store, broken);
    expect(result).toMatchObject({ ok: false, error: [{ reason: expect.stringMatching(/cannot read the workbook/) }] });
  });

  it('a newer appraisal in a later file moves the grade; an older one does not', async () => {
    await importArchiveFile(store, join(dir, 'archive.csv'));
    const base = district.records[0]!; // YZ-00001, grade A
    const newer = { ...base, appraisal: { ...base.appraisal!, date: '2026-10-01', grade: 'B' as const, hazards: ['管线老化' as const] } };
    const older = { ...base, appraisal: { ...base.appraisal!, date: '2019-01-01', grade: 'D' as const } };
    const path = join(dir, 'update.csv');
    writeFileSync(path, archiveTableCsv([newer, older].map((r, i) => (i === 0 ? r : { ...r, code: 'YZ-00002' }))));
    const result = await importArchiveFile(store, path);
    expect(result).toMatchObject({ ok: true, value: { appraisalsAdded: 2 } });
    expect((await store.getDossier('YZ-00001'))!.grade).toBe('B');
    expect((await store.getDossier('YZ-00002'))!.grade).toBe('B'); // fixture grade of YZ-00002 stays: its 2019 appraisal is older
    expect((await store.getDossier('YZ-00002'))!.appraisals).toHaveLength(2);
  });

  it('reports bad registry features by id', async () => {
    const collection = JSON.parse(readFileSync(join(dir, 'buildings.geojson'), 'utf8'));
    collection.features[3].properties.floors = 0;
    collection.features[4].properties.structure = '木屋';
    const path = join(dir, 'bad-buildings.geojson');
    writeFileSync(path, JSON.stringify(collection));
    const result = await importRegistryFiles(store, path, join(dir, 'areas.geojson'));
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ row: 4, column: 'floors', reason: expect.stringContaining('YZ-00004') }),
          expect.objectContaining({ row: 5, column: 'structure' }),
        ]),
      );
    }
  });

  it('assigns each building the areas its centroid lies in', async () => {
    const result = await importSourceFolder(store, dir);
    expect(result.ok).toBe(true);
    const d = (await store.getDossier('YZ-00001'))!;
    expect(d.building.areas).toEqual(['core-jiefangbei', 'oc-jiaochangkou']);
    const last = (await store.getDossier('YZ-00060'))!;
    expect(last.building.areas).toEqual(['oc-jiaochangkou', 'zone-daping']);
  });
});
