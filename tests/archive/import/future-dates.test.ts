import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { archiveTableCsv } from '../../../src/archive/export/archive-table-writer.ts';
import { importArchiveFile } from '../../../src/archive/import/archive-importer.ts';
import { formatProblems } from '../../../src/sources/import-problem.ts';
import { SqliteArchiveStore } from '../../../src/archive/store/sqlite/sqlite-archive-store.ts';
import { shanghaiDay } from '../../../src/core/calendar-day.ts';
import { dumpDatabase } from '../fixtures/database-dump.ts';
import { closeFixtureArchive, openFixtureArchive } from '../fixtures/fixture-archive.ts';
import type { FixtureDistrict } from '../fixtures/fixture-district.ts';

describe('calendar day', () => {
  it('is the Asia/Shanghai day, whatever the server time zone', () => {
    expect(shanghaiDay(new Date('2026-12-01T15:59:59Z'))).toBe('2026-12-01');
    expect(shanghaiDay(new Date('2026-12-01T16:00:00Z'))).toBe('2026-12-02');
  });
});

describe('import refuses appraisal dates after today', () => {
  let dir: string;
  let store: SqliteArchiveStore;
  let district: FixtureDistrict;

  beforeEach(async () => {
    ({ dir, district, store } = await openFixtureArchive('yz-future-', 10));
    expect((await importArchiveFile(store, join(dir, 'archive.csv'))).ok).toBe(true);
  });
  afterEach(() => closeFixtureArchive({ dir, store }));

  const fileWith = (date: string) => {
    const base = district.records[0]!;
    const path = join(dir, `update-${date}.csv`);
    writeFileSync(path, archiveTableCsv([{ ...base, appraisal: { ...base.appraisal!, date, grade: 'D' } }]));
    return path;
  };

  it('2206-01-01 is refused with row, column and a bilingual reason; nothing is written', async () => {
    const before = dumpDatabase(store);
    const result = await importArchiveFile(store, fileWith('2206-01-01'), { today: '2026-12-02' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toMatchObject([{ row: 2, column: 'appraisal_date', value: '2206-01-01' }]);
    expect(formatProblems(result.error)).toMatch(/晚于今天（2026-12-02，北京时间）.* \/ appraisal_date is after today \(2026-12-02, Asia\/Shanghai\)/);
    expect(dumpDatabase(store)).toEqual(before);
  });

  it('the system clock is the default: a date far in the future is refused without a today option', async () => {
    expect((await importArchiveFile(store, fileWith('9999-12-31'))).ok).toBe(false);
  });

  it('today itself is accepted, and moves the grade', async () => {
    const result = await importArchiveFile(store, fileWith('2026-12-02'), { today: '2026-12-02' });
    expect(result).toMatchObject({ ok: true, value: { appraisalsAdded: 1 } });
    expect((await store.getDossier(district.records[0]!.code))!.grade).toBe('D');
  });
});
