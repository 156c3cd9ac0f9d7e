/**
 * A process killed with SIGKILL in the middle of an import leaves the database exactly
 * as it was before: the real CLI imports a large file in a child process, the test
 * kills it while its transaction is open, then reopens the file and compares.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { archiveTableCsv } from '../../../src/archive/export/archive-table-writer.ts';
import { importArchiveFile, importSourceFolder } from '../../../src/archive/import/archive-importer.ts';
import { SqliteArchiveStore } from '../../../src/archive/store/sqlite/sqlite-archive-store.ts';
import { writeFixtureDistrict } from '../fixtures/fixture-district.ts';
import { dumpDatabase } from '../fixtures/database-dump.ts';

const N = 20_000;

describe('import crash safety', () => {
  const dir = mkdtempSync(join(tmpdir(), 'yz-crash-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('SIGKILL mid-import leaves the database as it was; a later import still works', async () => {
    const district = await writeFixtureDistrict(join(dir, 'source'), N);
    const dbPath = join(dir, 'archive.sqlite');
    let store = new SqliteArchiveStore({ path: dbPath });
    expect((await importSourceFolder(store, join(dir, 'source'))).ok).toBe(true);
    const before = dumpDatabase(store);
    await store.close();

    // Every building gets a newer appraisal: N inserts, grade updates and audit rows in one transaction.
    const update = district.records.map((r) => ({ code: r.code, appraisal: { date: '2026-10-15', agency: '渝中区房屋安全鉴定服务站', grade: 'D' as const, hazards: ['结构裂缝' as const] }, plan: null }));
    const updatePath = join(dir, 'update.csv');
    writeFileSync(updatePath, archiveTableCsv(update));

    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/archive-import.ts', updatePath, '--db', dbPath], {
      cwd: process.cwd(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const killedMidway = await new Promise<boolean>((resolve) => {
      child.stdout.setEncoding('utf8');
      child.stdout.on('data', (chunk: string) => {
        output += chunk;
        // The first progress line is printed from inside the open transaction.
        if (/importing \d+\/\d+/.test(output) && child.exitCode === null) {
          child.kill('SIGKILL');
          resolve(!/done/.test(output));
        }
      });
      child.stderr.on('data', (c: Buffer) => (output += c.toString()));
      child.on('exit', () => resolve(false));
    });
    await new Promise((r) => child.exitCode !== null || child.signalCode !== null ? r(null) : child.once('exit', r));
    expect(killedMidway, output).toBe(true);
    expect(child.signalCode).toBe('SIGKILL');
    expect(existsSync(`${dbPath}-wal`)).toBe(true);

    store = new SqliteArchiveStore({ path: dbPath });
    expect(store.db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(dumpDatabase(store)).toEqual(before);

    const again = await importArchiveFile(store, updatePath);
    expect(again).toMatchObject({ ok: true, value: { appraisalsAdded: N } });
    expect((await store.stats(new Date())).byGrade.D).toBe(N);
    await store.close();
  });
});
