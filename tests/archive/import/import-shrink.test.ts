/**
 * An import may not wipe the archive (issue 15, item 8): an empty or all-invalid pipes
 * file, one that would leave more than 10 % fewer segments, or one with more than 10 % of
 * its features rejected is refused with counts, reasons and the way out, and nothing is
 * written; the same for the registry and the archive table, through the library, the
 * CLI and the `npm start` build step. Before the fix each of these exited 0 and the
 * lifelines ones emptied (or nearly emptied) the network.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Feature, FeatureCollection, LineString } from 'geojson';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { importArchiveFile, importRegistryFiles, importSourceFolder } from '../../../src/archive/import/archive-importer.ts';
import { importLifelinesFile } from '../../../src/archive/lifelines/lifeline-file-import.ts';
import { SqliteArchiveStore } from '../../../src/archive/store/sqlite/sqlite-archive-store.ts';
import { stepState } from '../../../src/build/build-steps.ts';
import { archiveImportStep } from '../../../src/build/steps/archive-step.ts';
import { writeFixtureDistrict } from '../fixtures/fixture-district.ts';

const dir = mkdtempSync(join(tmpdir(), 'yz-shrink-'));
const source = join(dir, 'source');

function pipe(i: number, properties: Record<string, unknown> = {}): Feature<LineString> {
  const y = 29.5501 + (i % 50) * 0.00003;
  const x = 106.5501 + Math.floor(i / 50) * 0.0004;
  return {
    type: 'Feature',
    geometry: { type: 'LineString', coordinates: [[x, y], [x + 0.001, y]] },
    properties: { id: `P${i}`, network: 'water', diameter_mm: 300, depth_m: 1.5, material: '球墨铸铁', install_year: 1980, condition: '一般', pressure: '低压', ...properties },
  };
}

function pipesFile(name: string, features: Feature[]): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify({ type: 'FeatureCollection', features } satisfies FeatureCollection));
  return path;
}

const counts = (store: SqliteArchiveStore) => ({
  segments: store.db.prepare('SELECT count(*) FROM lifeline_segments').pluck().get() as number,
  pairs: store.db.prepare('SELECT count(*) FROM lifeline_proximity').pluck().get() as number,
  version: store.db.prepare("SELECT value FROM meta WHERE key = 'change_version'").pluck().get() as number,
});

const range = (n: number, from = 0) => Array.from({ length: n }, (_, i) => i + from);

beforeAll(async () => {
  await writeFixtureDistrict(source, 36);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a lifelines import that would wipe or shrink the network', () => {
  let store: SqliteArchiveStore;
  let before: ReturnType<typeof counts>;
  beforeEach(async () => {
    store = new SqliteArchiveStore({ path: ':memory:' });
    const imported = await importSourceFolder(store, source);
    expect(imported.ok).toBe(true);
    const first = await importLifelinesFile(store, pipesFile('200.geojson', range(200).map((i) => pipe(i))));
    expect(first.ok && first.value.segments).toBe(200);
    before = counts(store);
    expect(before.pairs).toBeGreaterThan(200);
    return () => store.close();
  });

  it('refuses an empty FeatureCollection, even with allowShrink, and writes nothing', async () => {
    for (const allowShrink of [false, true]) {
      const r = await importLifelinesFile(store, pipesFile('empty.geojson', []), { allowShrink });
      expect(r.ok).toBe(false);
      if (r.ok) return;
      expect(r.error).toMatch(/没有任何有效的管段/);
      expect(r.error).toMatch(/the file has no valid pipe segments, nothing was written/);
      expect(r.error).toMatch(/holds 200 pipe segments and would keep 0/);
      expect(counts(store)).toEqual(before);
    }
  });

  it('refuses a file whose every feature is invalid (network "steam", or `depth` for `depth_m`) and quotes the first reasons', async () => {
    const steam = await importLifelinesFile(store, pipesFile('steam.geojson', range(200).map((i) => pipe(i, { network: 'steam' }))));
    expect(steam.ok).toBe(false);
    if (!steam.ok) {
      expect(steam.error).toMatch(/200 of the file's 200 features were rejected/);
      expect(steam.error).toMatch(/first reasons:\n {2}P0: .*network/);
      expect(steam.error.match(/^ {2}P\d+:/gm)).toHaveLength(5);
    }
    const depth = await importLifelinesFile(store, pipesFile('depth.geojson', range(200).map((i) => pipe(i, { depth_m: undefined, depth: 1.5 }))));
    expect(depth.ok).toBe(false);
    if (!depth.ok) expect(depth.error).toMatch(/depth_m/);
    expect(counts(store)).toEqual(before);
  });

  it('refuses 199 bad of 200 unless allowShrink, and then replaces the network by the one good segment', async () => {
    const features = range(200).map((i) => (i === 7 ? pipe(i) : pipe(i, { condition: 'bad' })));
    const file = pipesFile('199-bad.geojson', features);
    const refused = await importLifelinesFile(store, file);
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.error).toMatch(/管段将减少 99\.5 %（上限 10 %）/);
      expect(refused.error).toMatch(/99\.5 % fewer pipe segments \(limit 10 %\); 99\.5 % of the features rejected \(limit 10 %\)/);
      expect(refused.error).toMatch(/holds 200 pipe segments and would keep 1; 199 of the file's 200 features were rejected/);
      expect(refused.error).toMatch(/run again with --allow-shrink/);
    }
    expect(counts(store)).toEqual(before);
    const allowed = await importLifelinesFile(store, file, { allowShrink: true });
    expect(allowed.ok && allowed.value.segments).toBe(1);
    expect(counts(store).segments).toBe(1);
  });

  it('lets an honest re-survey through: 5 % fewer segments, 5 % rejected', async () => {
    const features = [...range(190).map((i) => pipe(i)), ...range(10, 190).map((i) => pipe(i, { install_year: 1800 }))];
    const r = await importLifelinesFile(store, pipesFile('resurvey.geojson', features));
    expect(r.ok).toBe(true);
    expect(counts(store).segments).toBe(190);
  });

  it('refuses more than 10 % rejected even into an empty network', async () => {
    const fresh = new SqliteArchiveStore({ path: ':memory:' });
    await importSourceFolder(fresh, source);
    const file = pipesFile('quarter-bad.geojson', range(40).map((i) => (i % 4 === 0 ? pipe(i, { diameter_mm: -1 }) : pipe(i))));
    const r = await importLifelinesFile(fresh, file);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/holds 0 pipe segments and would keep 30; 10 of the file's 40 features were rejected/);
    expect(counts(fresh).segments).toBe(0);
    expect((await importLifelinesFile(fresh, file, { allowShrink: true })).ok).toBe(true);
    expect(counts(fresh).segments).toBe(30);
    await fresh.close();
  });
});

describe('registry and archive table', () => {
  it('refuse a registry file with no buildings and an archive table with only its header', async () => {
    const store = new SqliteArchiveStore({ path: ':memory:' });
    await importSourceFolder(store, source);
    const empty = pipesFile('no-buildings.geojson', []);
    const registry = await importRegistryFiles(store, empty, null, { allowShrink: true });
    expect(registry.ok).toBe(false);
    if (!registry.ok) expect(registry.error[0]!.reason).toMatch(/没有任何有效的楼栋.*no valid buildings.*holds 36 buildings and would keep 36/s);
    const header = readFileSync(join(source, 'archive.csv'), 'utf8').split('\r\n')[0]!;
    const headerOnly = join(dir, 'header-only.csv');
    writeFileSync(headerOnly, `${header}\r\n`);
    const archive = await importArchiveFile(store, headerOnly);
    expect(archive.ok).toBe(false);
    if (!archive.ok) expect(archive.error[0]!.reason).toMatch(/没有任何有效的档案行.*no valid archive rows/s);
    await store.close();
  });
});

describe('archive:import --lifelines on the command line', () => {
  it('exits 1 on an empty file, says how to override a shrink, and leaves the pipes alone; --allow-shrink lets a shrink through', async () => {
    const db = join(dir, 'cli.sqlite');
    const store = new SqliteArchiveStore({ path: db });
    await importSourceFolder(store, source);
    expect((await importLifelinesFile(store, pipesFile('cli-200.geojson', range(200).map((i) => pipe(i))))).ok).toBe(true);
    const before = counts(store);
    await store.close();
    const run = (args: string[]) =>
      spawnSync(process.execPath, ['--import', 'tsx', 'scripts/archive-import.ts', ...args, '--db', db], { cwd: process.cwd(), encoding: 'utf8', timeout: 60_000 });

    const empty = run(['--lifelines', pipesFile('cli-empty.geojson', [])]);
    expect(empty.status).toBe(1);
    expect(empty.stderr).toMatch(/the file has no valid pipe segments/);
    const half = pipesFile('cli-half.geojson', range(100).map((i) => pipe(i)));
    const shrink = run(['--lifelines', half]);
    expect(shrink.status).toBe(1);
    expect(shrink.stderr).toMatch(/50 % fewer pipe segments.*\n.*holds 200 pipe segments and would keep 100/);
    expect(shrink.stderr).toMatch(/--allow-shrink/);
    const reopened = new SqliteArchiveStore({ path: db });
    expect(counts(reopened)).toEqual(before);
    await reopened.close();

    const allowed = run(['--lifelines', half, '--allow-shrink']);
    expect(allowed.status, allowed.stderr).toBe(0);
    expect(allowed.stdout).toMatch(/100 segments/);
  }, 60_000);
});

describe('the npm start build step', () => {
  it('fails on a lifelines file that would empty the network, keeps the pipes, and stays stale so the next start checks again', async () => {
    const root = join(dir, 'step');
    const sourceData = join(root, 'tiles', 'source');
    mkdirSync(sourceData, { recursive: true });
    await writeFixtureDistrict(sourceData, 36);
    writeFileSync(join(sourceData, 'lifelines.geojson'), JSON.stringify({ type: 'FeatureCollection', features: range(200).map((i) => pipe(i)) }));
    const env = { ARCHIVE_DB: join(root, 'archive.sqlite') };
    await archiveImportStep({ root, sourceData }, env).run(() => {});

    writeFileSync(join(sourceData, 'lifelines.geojson'), JSON.stringify({ type: 'FeatureCollection', features: range(20).map((i) => pipe(i)) }));
    const step = archiveImportStep({ root, sourceData }, env);
    await expect(step.run(() => {})).rejects.toThrow(/90 % fewer pipe segments[\s\S]*ARCHIVE_ALLOW_SHRINK=1/);
    expect(stepState(step).fresh).toBe(false);
    const store = new SqliteArchiveStore({ path: env.ARCHIVE_DB });
    expect(counts(store).segments).toBe(200);
    await store.close();

    const allowed = archiveImportStep({ root, sourceData }, { ...env, ARCHIVE_ALLOW_SHRINK: '1' });
    await allowed.run(() => {});
    expect(stepState(allowed)).toEqual({ fresh: true });
  });
});
