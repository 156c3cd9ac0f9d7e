/**
 * Issue 17, item 6: a district's hand-over as delivered — the sample converted by GDAL
 * (tests/fixtures/district-handover.ts) to a GBK Shapefile in EPSG:4545 with Chinese
 * field names, a GeoPackage in EPSG:4544, the DEM warped to EPSG:4545 and a GBK CSV
 * with Chinese headers — builds the same twin as the GeoJSON it came from: every
 * building within 5 cm with the same attributes, the same pipes, the same archive rows.
 *
 * A corner of the sample keeps it quick: the buildings, pipes and archive rows of
 * about a square kilometre of 解放碑, and a DEM clipped around them.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqliteArchiveStore } from '../../src/archive/store/sqlite/sqlite-archive-store.ts';
import { importSourceFolder } from '../../src/archive/import/archive-importer.ts';
import { runBuildingsCommand } from '../../src/pipeline/buildings/buildings-command.ts';
import type { SourceReadReport } from '../../src/sources/feature-file.ts';
import { runLifelinesCommand } from '../../src/pipeline/lifelines/lifelines-command.ts';
import { generateSampleWorld } from '../../src/sample/sample-world.ts';
import { planSources } from '../../src/build/source-plan.ts';
import { dataBuildPlan } from '../../src/build/build-plan.ts';
import { runBuildSteps } from '../../src/build/build-steps.ts';
import { projectPaths } from '../../src/build/project-paths.ts';
import { checkHandover, formatHandoverCheck } from '../../src/sources/handover-check.ts';
import { cpSync, existsSync, readdirSync } from 'node:fs';
import { makeDistrictHandover, requireGdal, type DistrictHandover } from '../fixtures/district-handover.ts';
import { inspectTileset, type InspectedTileset } from '../pipeline/buildings/tileset-inspection.ts';

/** 解放碑, about 1 km across. */
const BOX = { west: 106.572, south: 29.552, east: 106.584, north: 29.562 };
const inBox = (g: Geometry | null): boolean => {
  const first = JSON.stringify(g ?? {}).match(/-?\d+\.\d+,-?\d+\.\d+/);
  if (!first) return false;
  const [lon, lat] = first[0].split(',').map(Number) as [number, number];
  return lon >= BOX.west && lon <= BOX.east && lat >= BOX.south && lat <= BOX.north;
};

let dir: string;
let sample: string;
let district: DistrictHandover;
const quiet = () => {};

function subsetSample(from: string, to: string): { buildings: number; pipes: number } {
  mkdirSync(to, { recursive: true });
  const read = (f: string) => JSON.parse(readFileSync(join(from, f), 'utf8')) as FeatureCollection;
  const buildings = read('buildings.geojson').features.filter((f: Feature) => inBox(f.geometry));
  const pipes = read('lifelines.geojson').features.filter((f: Feature) => inBox(f.geometry));
  writeFileSync(join(to, 'buildings.geojson'), JSON.stringify({ type: 'FeatureCollection', features: buildings }));
  writeFileSync(join(to, 'lifelines.geojson'), JSON.stringify({ type: 'FeatureCollection', features: pipes }));
  for (const f of ['areas.geojson', 'roads.geojson', 'rail.geojson']) writeFileSync(join(to, f), readFileSync(join(from, f)));
  const codes = new Set(buildings.map((f) => String(f.properties!.id)));
  const lines = readFileSync(join(from, 'archive.csv'), 'utf8').split(/\r?\n/);
  writeFileSync(join(to, 'archive.csv'), [lines[0], ...lines.slice(1).filter((l) => codes.has(l.split(',')[0]!))].join('\n') + '\n');
  // The DEM around the box, with a margin for the pipes' and buildings' edges.
  execFileSync('gdal_translate', ['-q', '-projwin', String(BOX.west - 0.01), String(BOX.north + 0.01), String(BOX.east + 0.01), String(BOX.south - 0.01), join(from, 'dem.tif'), join(to, 'dem.tif')]);
  return { buildings: buildings.length, pipes: pipes.length };
}

/** Every vertex of each building, by id, in ECEF metres. */
function verticesById(tileset: InspectedTileset): Map<string, Array<[number, number, number]>> {
  const out = new Map<string, Array<[number, number, number]>>();
  for (const tile of tileset.tiles) {
    for (const primitive of tile.primitives) {
      for (const v of primitive.vertices) {
        const id = String(tile.rows[v.featureId]!.id);
        let list = out.get(id);
        if (!list) out.set(id, (list = []));
        list.push(v.ecef);
      }
    }
  }
  return out;
}

function rowsById(tileset: InspectedTileset): Map<string, Record<string, unknown>> {
  return new Map(tileset.tiles.flatMap((t) => t.rows).map((r) => [String(r.id), r]));
}

/** Largest distance (m) from a vertex of `a` to the nearest of `b`. */
function farthestNearest(a: ReadonlyArray<readonly number[]>, b: ReadonlyArray<readonly number[]>): number {
  let worst = 0;
  for (const p of a) {
    let best = Infinity;
    for (const q of b) best = Math.min(best, Math.hypot(p[0]! - q[0]!, p[1]! - q[1]!, p[2]! - q[2]!));
    worst = Math.max(worst, best);
  }
  return worst;
}

let counts: { buildings: number; pipes: number };

beforeAll(async () => {
  requireGdal();
  dir = mkdtempSync(join(tmpdir(), 'yz-district-'));
  await generateSampleWorld({ outDir: join(dir, 'full'), progress: quiet });
  sample = join(dir, 'sample');
  counts = subsetSample(join(dir, 'full'), sample);
  district = makeDistrictHandover({ from: sample, to: join(dir, 'district') });
}, 240_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("a district's hand-over as delivered", () => {
  it('is planned as a district (no sample step) with the files handover.json names', () => {
    const plan = planSources(district.folder);
    expect(plan.kind).toBe('district');
    expect(plan.files.buildings?.path).toBe(district.buildings);
    expect(plan.files.lifelines?.path).toBe(district.lifelines);
    expect(plan.files.dem?.path).toBe(district.dem);
    expect(plan.files.archive?.path).toBe(district.archive);
    expect(counts.buildings).toBeGreaterThan(200);
  });

  it('places every building of the GBK Shapefile (EPSG:4545) within 5 cm of the GeoJSON tiles, with the same attributes', async () => {
    const fromGeoJson = await runBuildingsCommand({ input: join(sample, 'buildings.geojson'), dem: join(sample, 'dem.tif'), out: join(dir, 'tiles-geojson'), workers: 0, log: quiet });
    const fromShapefile = await runBuildingsCommand({ input: district.buildings, dem: join(sample, 'dem.tif'), out: join(dir, 'tiles-shp'), workers: 0, log: quiet });
    expect(fromGeoJson.ok, fromGeoJson.ok ? '' : fromGeoJson.error).toBe(true);
    expect(fromShapefile.ok, fromShapefile.ok ? '' : fromShapefile.error).toBe(true);
    const a = await inspectTileset(join(dir, 'tiles-geojson'));
    const b = await inspectTileset(join(dir, 'tiles-shp'));
    const rowsA = rowsById(a);
    const rowsB = rowsById(b);
    expect(rowsA.size).toBe(counts.buildings);
    expect([...rowsB.keys()].sort()).toEqual([...rowsA.keys()].sort());
    for (const [id, row] of rowsA) expect(rowsB.get(id), id).toEqual(row);
    const va = verticesById(a);
    const vb = verticesById(b);
    let worst = 0;
    for (const [id, list] of va) {
      const other = vb.get(id)!;
      expect(other.length, id).toBe(list.length);
      worst = Math.max(worst, farthestNearest(list, other), farthestNearest(other, list));
    }
    expect(worst).toBeLessThan(0.05);
    // report.json (published with the tiles) says how the file was read, naming no folder.
    const reportText = readFileSync(join(dir, 'tiles-shp', 'report.json'), 'utf8');
    expect(reportText).not.toContain(dir);
    const { read } = JSON.parse(reportText) as { read: SourceReadReport };
    expect(read).toMatchObject({ file: '建筑物.shp', format: 'shapefile', crs: { from: 'file' }, encoding: { name: 'gb18030', from: 'detected' }, features: counts.buildings, count: counts.buildings });
    expect(read.crs.label).toContain('4545');
    expect(read.mapping!.mapped).toContainEqual(expect.objectContaining({ from: '建筑编号', to: 'id', count: counts.buildings }));
    expect(read.mapping!.translatedValues).toContainEqual(expect.objectContaining({ field: 'structure', from: '砖混结构', to: '砖混' }));
    expect(read.bounds!.minX).toBeGreaterThan(106.4);
    const plain = JSON.parse(readFileSync(join(dir, 'tiles-geojson', 'report.json'), 'utf8')) as { read: SourceReadReport };
    expect(plain.read).toMatchObject({ file: 'buildings.geojson', format: 'geojson', crs: { from: 'none' }, encoding: null });
  }, 240_000);

  it('builds the buildings on the DEM warped to EPSG:4545 too', async () => {
    const result = await runBuildingsCommand({ input: district.buildings, dem: district.dem, out: join(dir, 'tiles-warped'), workers: 0, log: quiet });
    expect(result.ok, result.ok ? '' : result.error).toBe(true);
    if (result.ok) expect(result.summary.buildings).toBe(counts.buildings);
  }, 240_000);

  it('reads the same pipes from the GeoPackage (EPSG:4544, Chinese networks) as from the GeoJSON', async () => {
    const fromGeoJson = await runLifelinesCommand({ input: join(sample, 'lifelines.geojson'), dem: join(sample, 'dem.tif'), out: join(dir, 'pipes-geojson'), workers: 0, log: quiet });
    const fromGpkg = await runLifelinesCommand({ input: district.lifelines, dem: join(sample, 'dem.tif'), out: join(dir, 'pipes-gpkg'), workers: 0, log: quiet });
    expect(fromGeoJson.ok, fromGeoJson.ok ? '' : fromGeoJson.error).toBe(true);
    expect(fromGpkg.ok, fromGpkg.ok ? '' : fromGpkg.error).toBe(true);
    if (!fromGeoJson.ok || !fromGpkg.ok) return;
    expect(fromGpkg.summary.segments).toBe(counts.pipes);
    expect(fromGpkg.summary.problems).toEqual([]);
    // Reprojected twice (by GDAL, then by us): lengths agree to the metre over kilometres of pipe.
    expect(fromGpkg.summary.lengthKm).toBeCloseTo(fromGeoJson.summary.lengthKm, 3);
    const { read } = JSON.parse(readFileSync(join(dir, 'pipes-gpkg', 'report.json'), 'utf8')) as { read: SourceReadReport };
    expect(read).toMatchObject({ file: '管线.gpkg', format: 'geopackage', layer: '管线', features: counts.pipes });
    expect(read.mapping!.translatedValues).toContainEqual(expect.objectContaining({ field: 'network', from: '给水', to: 'water' }));
  }, 240_000);

  it('imports the same registry and archive rows from the hand-over as from the GeoJSON and UTF-8 CSV', async () => {
    const one = new SqliteArchiveStore({ path: join(dir, 'a.sqlite') });
    const two = new SqliteArchiveStore({ path: join(dir, 'b.sqlite') });
    try {
      const a = await importSourceFolder(one, sample);
      const b = await importSourceFolder(two, district.folder);
      expect(a.ok, a.ok ? '' : JSON.stringify(a.error).slice(0, 2000)).toBe(true);
      expect(b.ok, b.ok ? '' : JSON.stringify(b.error).slice(0, 2000)).toBe(true);
      if (!a.ok || !b.ok) return;
      expect(b.value.registry.buildings).toBe(counts.buildings);
      expect(b.value.archive?.rows).toBe(a.value.archive?.rows);
      expect(await two.exportRecords()).toEqual(await one.exportRecords());
    } finally {
      await one.close();
      await two.close();
    }
  }, 240_000);

  it('sources:check reads the whole hand-over: format, CRS, code page, counts, mapped fields, bounds, no problems', async () => {
    const check = await checkHandover(district.folder);
    expect(check.problems).toEqual([]);
    expect(check.ok).toBe(true);
    const byRole = new Map(check.files.map((f) => [f.role, f]));
    const buildings = byRole.get('buildings')!;
    expect(buildings.info).toMatchObject({ format: 'shapefile', crs: { label: expect.stringContaining('EPSG:4545'), from: 'file' }, encoding: { from: 'detected' } });
    expect(buildings.summary?.features).toBe(counts.buildings);
    expect(buildings.summary?.mapping?.mapped.map((m) => `${m.from}→${m.to}`)).toEqual(expect.arrayContaining(['建筑编号→id', '层数→floors', '结构类型→structure']));
    expect(buildings.refused).toEqual([]);
    const b = buildings.summary!.bounds!;
    expect(b.minX).toBeGreaterThan(BOX.west - 0.01);
    expect(b.maxY).toBeLessThan(BOX.north + 0.01);
    expect(byRole.get('lifelines')!.info).toMatchObject({ format: 'geopackage', crs: { label: expect.stringContaining('EPSG:4544') } });
    expect(byRole.get('dem')!.info.crs?.label).toContain('EPSG:4545');
    expect(byRole.get('archive')!.summary?.features).toBeGreaterThan(0);
    expect(formatHandoverCheck(check)).toContain('✓');
  }, 120_000);

  /** A copy of the hand-over with one change. */
  function variant(name: string, change: (folder: string) => void): string {
    const folder = join(dir, name);
    cpSync(district.folder, folder, { recursive: true });
    change(folder);
    return folder;
  }
  const manifest = (folder: string) => JSON.parse(readFileSync(join(folder, 'handover.json'), 'utf8')) as { files: Record<string, unknown> };

  it('refuses files in different CRSs, naming both', async () => {
    const folder = variant('mixed', (f) => {
      const m = manifest(f);
      m.files.lifelines = '管线.gpkg';
      writeFileSync(join(f, 'handover.json'), JSON.stringify(m));
    });
    const check = await checkHandover(folder);
    expect(check.ok).toBe(false);
    const mixed = check.problems.find((p) => p.reason === 'mixed-crs')!;
    expect(mixed.message).toContain('建筑物.shp → EPSG:4545');
    expect(mixed.message).toContain('管线.gpkg → EPSG:4544');
  }, 120_000);

  it('refuses a .shp without its .dbf, and a projected file given a geographic CRS, naming the file', async () => {
    const noDbf = variant('no-dbf', (f) => rmSync(join(f, '建筑物.dbf')));
    const a = await checkHandover(noDbf);
    expect(a.ok).toBe(false);
    expect(a.files.find((f) => f.role === 'buildings')!.problems[0]!.message).toMatch(/\.dbf/);
    const geographic = variant('geographic', (f) => {
      const m = manifest(f);
      m.files.buildings = { path: '建筑物.shp', crs: 'EPSG:4326' };
      writeFileSync(join(f, 'handover.json'), JSON.stringify(m));
    });
    const b = await checkHandover(geographic);
    const problem = b.files.find((f) => f.role === 'buildings')!.problems[0]!;
    expect(problem.message).toContain('EPSG:4545');
    expect(problem.message).toContain('EPSG:4326');
  }, 120_000);

  it('refuses features outside the DEM, and a build from such a hand-over leaves the previous tiles as they were', async () => {
    const offDem = variant('off-dem', (f) => {
      // A DEM of the sample's western end: the 解放碑 buildings lie east of it.
      execFileSync('gdal_translate', ['-q', '-projwin', '106.47', '29.585', '106.50', '29.515', join(dir, 'full', 'dem.tif'), join(f, 'dem.tif')]);
    });
    const check = await checkHandover(offDem);
    expect(check.problems.map((p) => p.reason)).toContain('outside-dem');
    const root = join(dir, 'project');
    mkdirSync(join(root, 'tiles', 'buildings'), { recursive: true });
    writeFileSync(join(root, 'tiles', 'buildings', 'tileset.json'), '{"previous":true}');
    const paths = { ...projectPaths(root, { SOURCE_DATA: offDem }) };
    const plan = dataBuildPlan(paths);
    expect(plan[0]!.name).toBe('sources');
    await expect(runBuildSteps(plan, { log: quiet })).rejects.toThrow(/DEM/);
    expect(readFileSync(join(root, 'tiles', 'buildings', 'tileset.json'), 'utf8')).toBe('{"previous":true}');
    expect(existsSync(join(root, 'var', 'archive.sqlite'))).toBe(false);
    expect(readdirSync(join(root, 'tiles'))).toEqual(['buildings']);
  }, 120_000);
});

