import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqliteArchiveStore } from '../../../src/archive/store/sqlite/sqlite-archive-store.ts';
import { writeFixtureDistrict } from '../fixtures/fixture-district.ts';

function run(script: string, args: string[], options: { env?: Record<string, string>; input?: string } = {}) {
  const res = spawnSync(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: process.cwd(),
    encoding: 'utf8',
    input: options.input ?? '',
    env: { ...process.env, ARCHIVE_USER_PASSWORD: '', ...options.env },
    timeout: 60_000,
  });
  return { status: res.status, stdout: res.stdout, stderr: res.stderr };
}

describe('archive command-line tools', () => {
  const dir = mkdtempSync(join(tmpdir(), 'yz-cli-'));
  const db = join(dir, 'archive.sqlite');
  beforeAll(async () => {
    await writeFixtureDistrict(join(dir, 'source'), 30);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('archive:import --source imports registry and archive; the same file again changes nothing', () => {
    const first = run('scripts/archive-import.ts', ['--source', join(dir, 'source'), '--db', db]);
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/"added":30/);
    const again = run('scripts/archive-import.ts', [join(dir, 'source', 'archive.csv'), '--db', db]);
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/未变 30 unchanged/);
  });

  it('archive:import lists problems by row and column and exits 1 without writing', () => {
    const lines = readFileSync(join(dir, 'source', 'archive.csv'), 'utf8').split('\r\n');
    lines[1] = lines[1]!.replace('YZ-00001', 'YZ-88888');
    lines[2] = lines[2]!.replace(/,B,/, ',F,');
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, lines.join('\r\n'));
    const res = run('scripts/archive-import.ts', [bad, '--db', db]);
    expect(res.status).toBe(1);
    expect(res.stderr).toMatch(/the database is unchanged/);
    expect(res.stderr).toMatch(/row 2, column code \[YZ-88888\]: .*unknown building code/);
    expect(res.stderr).toMatch(/row 3, column grade \[F\]/);
  });

  it('archive:user adds users with the password from env or stdin, never from arguments', async () => {
    const env = run('scripts/archive-user.ts', ['add', 'wang.wu', 'inspector', '--db', db], { env: { ARCHIVE_USER_PASSWORD: 'a-long-password-1' } });
    expect(env.status, env.stderr).toBe(0);
    const stdin = run('scripts/archive-user.ts', ['add', 'zhao.liu', 'planner', '--db', db], { input: 'another-long-password\n' });
    expect(stdin.status, stdin.stderr).toBe(0);
    const short = run('scripts/archive-user.ts', ['add', 'qian.qi', 'viewer', '--db', db], { input: 'short\n' });
    expect(short.status).toBe(2);
    const badRole = run('scripts/archive-user.ts', ['add', 'sun.ba', 'root', '--db', db], { input: 'a-long-password-2\n' });
    expect(badRole.status).toBe(2);
    const list = run('scripts/archive-user.ts', ['list', '--db', db]);
    expect(list.stdout).toMatch(/wang\.wu\tinspector/);
    expect(list.stdout).toMatch(/zhao\.liu\tplanner/);
    expect(list.stdout).not.toMatch(/qian\.qi|sun\.ba/);
    const store = new SqliteArchiveStore({ path: db });
    const user = await store.findUserForLogin('zhao.liu');
    expect(user?.passwordHash).toMatch(/^\$argon2id\$/);
    await store.close();
  });
});
