import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '../../../src/archive/auth/passwords.ts';
import { stepState } from '../../../src/build/build-steps.ts';
import { archiveImportStep } from '../../../src/build/steps/archive-step.ts';
import { SqliteArchiveStore } from '../../../src/archive/store/sqlite/sqlite-archive-store.ts';
import { writeFixtureDistrict } from '../../archive/fixtures/fixture-district.ts';

describe('the archive build step', () => {
  const dir = mkdtempSync(join(tmpdir(), 'yz-step-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('imports the sample into ARCHIVE_DB, is fresh afterwards, and makes demo users only when asked, once', async () => {
    const sourceData = join(dir, 'tiles', 'source');
    await writeFixtureDistrict(sourceData, 25);
    const dbPath = join(dir, 'db', 'archive.sqlite');
    const plain = archiveImportStep({ root: dir, sourceData }, { ARCHIVE_DB: dbPath });
    expect(plain.outputs).toEqual([dbPath]);
    expect(stepState(plain)).toMatchObject({ fresh: false });
    const lines: string[] = [];
    await plain.run((m) => lines.push(m));
    expect(lines.join('\n')).toMatch(/25 buildings \(\+25/);
    expect(lines.join('\n')).not.toMatch(/demo user/);
    expect(stepState(plain)).toEqual({ fresh: true });

    const demo = archiveImportStep({ root: dir, sourceData }, { ARCHIVE_DB: dbPath, ARCHIVE_DEMO_USERS: '1' });
    const demoLines: string[] = [];
    await demo.run((m) => demoLines.push(m));
    const passwords = new Map([...demoLines.join('\n').matchAll(/demo user (\w+) \(\w+\) 密码 password: (\S+)/g)].map((m) => [m[1]!, m[2]!]));
    expect([...passwords.keys()].sort()).toEqual(['admin', 'inspector', 'planner']);
    const store = new SqliteArchiveStore({ path: dbPath });
    const admin = await store.findUserForLogin('admin');
    expect(admin?.role).toBe('admin');
    expect(await verifyPassword(admin!.passwordHash, passwords.get('admin')!)).toBe(true);
    await store.close();

    const again: string[] = [];
    await demo.run((m) => again.push(m));
    expect(again.join('\n')).not.toMatch(/demo user/);
  });

  it('sees a lifelines file written after the plan was made (a fresh machine: the sample step runs first)', async () => {
    const sourceData = join(dir, 'later', 'tiles', 'source');
    const step = archiveImportStep({ root: join(dir, 'later'), sourceData }, { ARCHIVE_DB: join(dir, 'later.sqlite') });
    expect(step.inputs.some((f) => f.endsWith('lifelines.geojson'))).toBe(false);
    await writeFixtureDistrict(sourceData, 5);
    writeFileSync(join(sourceData, 'lifelines.geojson'), JSON.stringify({ type: 'FeatureCollection', features: [] }));
    expect(step.inputs).toContain(join(sourceData, 'lifelines.geojson'));
  });

  it('a relative ARCHIVE_DB is under the project root; the default is var/archive.sqlite', () => {
    expect(archiveImportStep({ root: '/p', sourceData: '/p/tiles/source' }, {}).outputs).toEqual(['/p/var/archive.sqlite']);
    expect(archiveImportStep({ root: '/p', sourceData: '/p/tiles/source' }, { ARCHIVE_DB: 'data/a.db' }).outputs).toEqual(['/p/data/a.db']);
  });
});

describe('the build plan', () => {
  it('imports the archive after the sample data and before the viewer bundle', async () => {
    const [{ fullBuildPlan }, { projectPaths }] = await Promise.all([import('../../../src/build/build-plan.ts'), import('../../../src/build/project-paths.ts')]);
    const names = fullBuildPlan(projectPaths('/p')).map((s) => s.name);
    expect(names.indexOf('archive')).toBeGreaterThan(names.indexOf('sample'));
    expect(names.indexOf('archive')).toBeLessThan(names.indexOf('viewer'));
  });
});
