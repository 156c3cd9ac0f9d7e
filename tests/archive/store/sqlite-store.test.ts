import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importSourceFolder } from '../../../src/archive/import/archive-importer.ts';
import { MIGRATIONS, migrate, schemaVersion } from '../../../src/archive/store/sqlite/migrations.ts';
import { ArchiveService } from '../../../src/archive/service/archive-service.ts';
import { SqliteArchiveStore } from '../../../src/archive/store/sqlite/sqlite-archive-store.ts';
import { dumpDatabase } from '../fixtures/database-dump.ts';
import { writeFixtureDistrict } from '../fixtures/fixture-district.ts';

const inspector = { name: 'ivan', userId: null };
/** Writes go through the service, which holds the rules; a fixed clock keeps the tests' dates in the past. */
const service = (store: SqliteArchiveStore) => new ArchiveService(store, { clock: () => new Date('2026-12-15T04:00:00Z') });

describe('SqliteArchiveStore', () => {
  const dir = mkdtempSync(join(tmpdir(), 'yz-store-'));
  const dbPath = join(dir, 'nested', 'archive.sqlite');
  let store: SqliteArchiveStore;

  beforeAll(async () => {
    await writeFixtureDistrict(join(dir, 'source'), 40);
    store = new SqliteArchiveStore({ path: dbPath });
    expect((await importSourceFolder(store, join(dir, 'source'))).ok).toBe(true);
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates the file in WAL mode at the latest schema version', () => {
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(schemaVersion(store.db)).toBe(MIGRATIONS.at(-1)!.version);
  });

  it('migrations run once and refuse a database newer than the program', () => {
    const db = new Database(':memory:');
    expect(migrate(db)).toEqual(MIGRATIONS.map((m) => m.version));
    expect(migrate(db)).toEqual([]);
    db.pragma('user_version = 999');
    expect(() => migrate(db)).toThrow(/newer than this program/);
    db.close();
  });

  it('the audit log is append-only', () => {
    expect(() => store.db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    expect(() => store.db.prepare("UPDATE audit_log SET actor = 'x'").run()).toThrow(/append-only/);
  });

  it('every change bumps the data version; reads do not', async () => {
    const v0 = await store.dataVersion();
    await store.getDossier('YZ-00001');
    await store.search({ page: 1, pageSize: 5 });
    expect(await store.dataVersion()).toBe(v0);
    const d = (await store.getDossier('YZ-00001'))!;
    const r = await service(store).recordInspection('YZ-00001', { date: '2026-11-01', findings: '复查', hazards: [], photos: [], version: d.version }, inspector);
    expect(r.ok).toBe(true);
    expect(await store.dataVersion()).toBe(v0 + 1);
  });

  it('a back-dated grade change does not overrule a newer appraisal', async () => {
    const d = (await store.getDossier('YZ-00003'))!; // grade C, appraised 2025
    const r = await service(store).recordInspection('YZ-00003', { date: '2020-01-01', findings: '旧记录补录', hazards: [], grade: 'A', photos: [], version: d.version }, inspector);
    expect(r.ok).toBe(true);
    const after = (await store.getDossier('YZ-00003'))!;
    expect(after.grade).toBe('C');
    expect(after.appraisals.map((a) => a.grade)).toEqual(['C', 'A']);
  });

  it('restart keeps everything', async () => {
    const d = (await store.getDossier('YZ-00004'))!;
    await service(store).recordInspection('YZ-00004', { date: '2026-11-02', findings: '重启前写入', hazards: ['燃气隐患'], grade: 'B', photos: ['p/1.jpg'], version: d.version }, inspector);
    const before = dumpDatabase(store);
    await store.close();
    store = new SqliteArchiveStore({ path: dbPath });
    expect(dumpDatabase(store)).toEqual(before);
    expect((await store.getDossier('YZ-00004'))!.inspections[0]).toMatchObject({ findings: '重启前写入', gradeAfter: 'B' });
  });

  it('sessions expire and die with their user being disabled', async () => {
    const user = await store.createUser('temp', 'viewer', 'hash', { name: 'test', userId: null });
    expect(user.ok).toBe(true);
    if (!user.ok) return;
    await store.createSession('h1', user.value.id, new Date(Date.now() + 60_000));
    expect(await store.sessionUser('h1', new Date())).toMatchObject({ name: 'temp' });
    expect(await store.sessionUser('h1', new Date(Date.now() + 120_000))).toBeNull();
    store.db.prepare('UPDATE users SET disabled = 1 WHERE id = ?').run(user.value.id);
    expect(await store.sessionUser('h1', new Date())).toBeNull();
    expect(await store.createUser('temp', 'admin', 'hash', { name: 'test', userId: null })).toMatchObject({ ok: false, error: { kind: 'exists' } });
  });
});

describe('search index', () => {
  it('finds exactly what the SQL search finds, and sees writes at once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'yz-search-'));
    try {
      await writeFixtureDistrict(join(dir, 'source'), 300);
      const store = new SqliteArchiveStore({ path: join(dir, 'a.sqlite') });
      expect((await importSourceFolder(store, join(dir, 'source'))).ok).toBe(true);
      const queries = [
        { q: '十八梯' },
        { q: 'YZ-001' },
        { q: 'yz-0002' },
        { q: '民族路 1' },
        { grade: 'C' as const, use: '住宅' as const },
        { grade: 'none' as const },
        { yearFrom: 1960, yearTo: 1970, structure: '框架' as const },
        { heritage: true },
        { area: 'zone-daping', grade: 'D' as const },
        { q: '%' },
        { q: "' or 1=1 --" },
        {},
      ];
      for (const q of queries) {
        for (const page of [1, 2, 9]) {
          const query = { ...q, page, pageSize: 7 };
          expect(await store.search(query), JSON.stringify(query)).toEqual(await store.searchSql(query));
        }
      }
      const before = (await store.search({ grade: 'A', page: 1, pageSize: 100 })).total;
      const d = (await store.getDossier('YZ-00002'))!; // grade B
      await service(store).recordInspection('YZ-00002', { date: '2026-11-10', findings: '修复后复查', hazards: [], grade: 'A', photos: [], version: d.version }, { name: 't', userId: null });
      expect((await store.search({ grade: 'A', page: 1, pageSize: 100 })).total).toBe(before + 1);
      await store.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('inspections this month', () => {
  it('counts by the Chongqing calendar month (UTC+8)', async () => {
    const store = new SqliteArchiveStore({ path: ':memory:' });
    const { fixtureDistrict } = await import('../fixtures/fixture-district.ts');
    const district = fixtureDistrict(3);
    await store.importRegistry(
      district.buildings.features.map((f) => ({ properties: f.properties, lon: 106.55, lat: 29.55, footprint: null, areaIds: [] })),
      [],
      inspector,
    );
    let version = (await store.getDossier('YZ-00001'))!.version;
    for (const date of ['2026-11-30', '2026-12-01']) {
      const r = await service(store).recordInspection('YZ-00001', { date, findings: '月末巡查', hazards: [], photos: [], version }, inspector);
      if (r.ok) version = r.value.version;
    }
    // 2026-11-30T20:00Z is already 1 December in Chongqing.
    expect(await store.stats(new Date('2026-11-30T20:00:00Z'))).toMatchObject({ month: '2026-12', inspectionsThisMonth: 1 });
    expect(await store.stats(new Date('2026-11-30T10:00:00Z'))).toMatchObject({ month: '2026-11', inspectionsThisMonth: 1 });
    await store.close();
  });
});
