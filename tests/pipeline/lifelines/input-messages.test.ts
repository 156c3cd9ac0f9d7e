/**
 * Issue 15, lifelines: a run where every segment fails says why — the reasons by
 * count, the first examples and the usual mistake named (a `depth` column for
 * `depth_m`, projected metres, swapped lon/lat) — and still writes report.json.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildLifelinesTileset } from '../../../src/pipeline/lifelines/build-lifelines-tileset.ts';
import type { RawFeature } from '../../../src/sources/raw-feature.ts';
import { createSyntheticNetwork } from '../../../src/sample/synthetic/synthetic-network.ts';
import { tempDir } from '../buildings/fixtures.ts';

describe('lifelines input messages', () => {
  const dir = tempDir('lifelines-messages');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const network = createSyntheticNetwork({ count: 20 });
  const good = [...network.features()];

  async function failing(name: string, features: RawFeature[]) {
    const out = join(dir, name);
    const result = await buildLifelinesTileset({ features, grid: network.grid, outDir: out, workers: 0 });
    expect(result.ok).toBe(false);
    if (result.ok) throw new Error('unreachable');
    expect(existsSync(join(out, 'tileset.json'))).toBe(false);
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as { failed: boolean; problems: { message: string }[] };
    expect(report.failed).toBe(true);
    expect(report.problems).toHaveLength(features.length);
    return { error: result.error, report };
  }

  it('a `depth` column instead of `depth_m` is named, with the fix', async () => {
    const renamed = good.map((f) => {
      const { depth_m, ...rest } = f.properties as Record<string, unknown>;
      return { ...f, properties: { ...rest, depth: depth_m } };
    });
    const { error, report } = await failing('depth', renamed);
    expect(error).toContain(`no usable pipe segments (${good.length} problems)`);
    expect(error).toContain(`${good.length} × missing-depth`);
    expect(error).toContain('no depth_m; found a column `depth` — rename it to `depth_m`');
    expect(report.problems[0]!.message).toContain('没有 depth_m；找到列 `depth`');
  });

  it('projected metres and swapped lon/lat are recognised', async () => {
    const metres = good.map((f) => ({ ...f, geometry: { type: 'LineString' as const, coordinates: [[36_480_000, 3_270_000], [36_480_050, 3_270_010]] } }));
    expect((await failing('metres', metres)).error).toContain('looks like projected metres (Gauss-Krüger?');
    const swapped = good.map((f) => ({ ...f, geometry: { type: 'LineString' as const, coordinates: [[29.55, 106.57], [29.551, 106.571]] } }));
    expect((await failing('swapped', swapped)).error).toContain('lon/lat look swapped');
  });

  it('a missing pipe file is named, with its cause, for the tileset and the archive import', async () => {
    const { importLifelinesFile } = await import('../../../src/archive/lifelines/lifeline-file-import.ts');
    const { SqliteArchiveStore } = await import('../../../src/archive/store/sqlite/sqlite-archive-store.ts');
    const missing = join(dir, 'no-such-lifelines.geojson');
    const store = new SqliteArchiveStore({ path: ':memory:' });
    try {
      const r = await importLifelinesFile(store, missing);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error).toContain(missing);
        expect(r.error).toContain('管线文件');
        expect(r.error).toContain('cannot read the pipe file: the file does not exist');
      }
    } finally {
      await store.close();
    }
  });

  it('a `diameter` column for `diameter_mm` is named too', async () => {
    const renamed = good.map((f) => {
      const { diameter_mm, ...rest } = f.properties as Record<string, unknown>;
      return { ...f, properties: { ...rest, diameter: diameter_mm } };
    });
    expect((await failing('diameter', renamed)).error).toContain('found a column `diameter` — rename it to `diameter_mm`');
  });
});
