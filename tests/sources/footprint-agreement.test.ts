/**
 * Issue 16: the tiles and the archive's building registry accept exactly the same
 * buildings, because both run the one footprint validator (src/sources). Before, the
 * registry re-read buildings.geojson with its attribute schema only, so a
 * self-intersecting footprint or one in projected metres had a dossier but no tile.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Position } from 'geojson';
import { afterAll, describe, expect, it } from 'vitest';
import { importRegistryFiles } from '../../src/archive/import/archive-importer.ts';
import { formatProblems } from '../../src/sources/import-problem.ts';
import { readRegistry } from '../../src/archive/import/registry-reader.ts';
import { SqliteArchiveStore } from '../../src/archive/store/sqlite/sqlite-archive-store.ts';
import { buildBuildingsTileset, REPORT_FILE } from '../../src/pipeline/buildings/build-buildings-tileset.ts';
import { PROBLEM_FIX } from '../../src/sources/footprint-problem.ts';
import { readFootprints } from '../../src/sources/footprint-reader.ts';
import type { RawFeature } from '../../src/sources/raw-feature.ts';
import { smallDistrict, tempDir } from '../pipeline/buildings/fixtures.ts';

const { district, features } = smallDistrict(30, 3);
// Every kept building has a height, so the registry's attribute schema passes them all.
const good: RawFeature[] = features.map((f) => ({ ...f, properties: { ...f.properties, height: f.properties.height ?? Number(f.properties.floors) * 3 } }));
const ring0 = (good[0]!.geometry as { coordinates: Position[][] }).coordinates[0]!;
const [lon0, lat0] = ring0[0] as [number, number];
const d = 0.0001;
const withId = (id: string, coordinates: Position[][]): RawFeature => ({
  index: 0,
  id,
  geometry: { type: 'Polygon', coordinates },
  properties: { ...good[0]!.properties, id },
});
const bowTie = withId('YZ-90001', [[[lon0, lat0], [lon0 + d, lat0 + d], [lon0 + d, lat0], [lon0, lat0 + d], [lon0, lat0]]]);
// CGCS2000 3° Gauss-Krüger zone 36 metres instead of lon/lat.
const projected = withId('YZ-90002', [[[36_500_000, 3_270_000], [36_500_010, 3_270_000], [36_500_010, 3_270_010], [36_500_000, 3_270_000]]]);

describe('footprints: tiles and archive registry agree', () => {
  const dir = tempDir('agree');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'buildings.geojson');
  const all = [...good.slice(0, 10), bowTie, ...good.slice(10, 20), projected, ...good.slice(20)];
  writeFileSync(file, JSON.stringify({ type: 'FeatureCollection', features: all.map((f) => ({ type: 'Feature', properties: f.properties, geometry: f.geometry })) }));

  it('neither takes a self-intersecting or out-of-range footprint, and the archive gives the tiles\' reason and a fix', async () => {
    // The tiles, from the same file, read as tiles:buildings reads it.
    const read: RawFeature[] = [];
    for await (const f of readFootprints(file)) read.push(f);
    const out = join(dir, 'tiles');
    const built = await buildBuildingsTileset({ features: read, grid: district.grid, outDir: out, workers: 0 });
    expect(built.ok).toBe(true);
    const report = JSON.parse(readFileSync(join(out, REPORT_FILE), 'utf8')) as { buildings: number; problems: { index: number; id: string; reason: string; message: string }[] };
    expect(report.problems.map((p) => [p.id, p.reason])).toEqual([
      ['YZ-90001', 'self-intersection'],
      ['YZ-90002', 'coordinates-out-of-range'],
    ]);
    expect(report.buildings).toBe(good.length);

    // The registry: the same buildings kept, the same ones refused, the tiles' message word for word.
    const registry = await readRegistry(file, null);
    expect(registry.buildings.map((b) => b.properties.id).sort()).toEqual(good.map((f) => String(f.id)).sort());
    expect(registry.problems).toHaveLength(2);
    report.problems.forEach((p, k) => {
      const problem = registry.problems[k]!;
      expect(problem).toMatchObject({ row: p.index + 1, column: 'geometry', value: p.id });
      expect(problem.reason).toBe(`buildings.geojson ${p.message}；修改办法 / fix: ${PROBLEM_FIX[p.reason as 'self-intersection']}`);
    });
    // Bilingual, with the likely mistake named (projected metres) and what to do.
    expect(registry.problems[0]!.reason).toContain('多边形自相交 / polygon intersects itself');
    expect(registry.problems[0]!.reason).toContain('QGIS');
    expect(registry.problems[1]!.reason).toContain('looks like projected metres');
    expect(registry.problems[1]!.reason).toContain('reproject the layer');

    // The import, as for any bad row, writes nothing and says which row, id and why.
    const store = new SqliteArchiveStore({ path: join(dir, 'archive.sqlite') });
    try {
      const imported = await importRegistryFiles(store, file, null);
      expect(imported.ok).toBe(false);
      if (imported.ok) return;
      expect(imported.error).toEqual(registry.problems);
      expect(formatProblems(imported.error).split('\n')[0]).toMatch(/^第 11 行 geometry \/ row 11, column geometry \[YZ-90001\]: buildings\.geojson YZ-90001: 多边形自相交/);
      expect((await store.knownCodes()).size).toBe(0);
    } finally {
      await store.close();
    }
  });
});
