import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RawFeature } from '../../../src/sources/raw-feature.ts';
import { openGeoPackage } from '../../../src/sources/formats/geopackage-reader.ts';
import { openVectorSource, vectorFormat } from '../../../src/sources/formats/open-vector-source.ts';
import { VectorReadError, type VectorSource } from '../../../src/sources/formats/vector-source.ts';
import { allFeatures, openedSource, refusal } from './vector-source-helpers.ts';
import { buildingsInMetres, maxCoordinateDifference, ogr2ogr, ogrGeoJson, pipesInMetres, presentProperties, requireGdal, tempFolder, writeGeoJson } from './gdal-fixtures.ts';

const temp = tempFolder('geopackage-reader-');
const dir = temp.dir;
const one = join(dir, 'one.gpkg');
const two = join(dir, 'two.gpkg');

beforeAll(() => {
  requireGdal();
  writeGeoJson(join(dir, 'buildings.geojson'), buildingsInMetres());
  writeGeoJson(join(dir, 'pipes.geojson'), pipesInMetres());
  ogr2ogr('-f', 'GPKG', one, join(dir, 'buildings.geojson'), '-a_srs', 'EPSG:4544', '-nln', 'buildings');
  ogr2ogr('-f', 'GPKG', two, join(dir, 'buildings.geojson'), '-a_srs', 'EPSG:4544', '-nln', 'buildings');
  ogr2ogr('-update', '-f', 'GPKG', two, join(dir, 'pipes.geojson'), '-a_srs', 'EPSG:4544', '-nln', 'pipes');
});

afterAll(() => temp.remove());

const opened = (path: string, options = {}) => openedSource(openGeoPackage(path, options));
const all = allFeatures;

async function expectSameAsOgr(source: VectorSource, path: string, layer: string): Promise<RawFeature[]> {
  const features = await all(source);
  const ogr = ogrGeoJson(path, layer).features;
  expect(features).toHaveLength(ogr.length);
  features.forEach((f, i) => {
    expect(maxCoordinateDifference(f.geometry, ogr[i]!.geometry)).toBe(0);
    expect(f.properties).toEqual(presentProperties(ogr[i]!.properties));
  });
  return features;
}

describe('openGeoPackage', () => {
  it('reads the only layer in EPSG:4544 as ogr2ogr does, with the CRS the file declares and the fid as id', async () => {
    const source = await opened(one);
    expect(source).toMatchObject({ format: 'geopackage', path: one, layer: 'buildings', count: 3, encoding: { name: 'utf-8', from: 'utf-8 (GeoPackage)' } });
    expect(source.crs.epsg).toBe(4544);
    expect(source.crs.wkt).toMatch(/^PROJCS\["CGCS2000 \/ 3-degree Gauss-Kruger CM 105E"/);
    expect(source.fields).toEqual(['建筑编号', '层数', '建筑高度', '结构类型', '建成年代', '用途']);
    const features = await expectSameAsOgr(source, one, 'buildings');
    expect(features.map((f) => f.geometry?.type)).toEqual(['Polygon', 'MultiPolygon', 'Polygon']);
    // ogr2ogr keeps the GeoJSON's orientation and coordinates: the input comes back unchanged.
    expect(features.map((f) => f.geometry)).toEqual(buildingsInMetres().features.map((f) => f.geometry));
    expect(features.map((f) => f.id)).toEqual([1, 2, 3]);
    expect(features[0]!.properties).toEqual({ 建筑编号: 'YZ-001', 层数: 6, 建筑高度: 18.5, 结构类型: '砖混结构', 建成年代: 1987, 用途: '住宅' });
    expect(features[2]!.properties).not.toHaveProperty('用途');
  });

  it('refuses a file with several layers and none chosen, listing them, and reads the one asked for or hinted', async () => {
    const problem = await refusal(openGeoPackage(two));
    expect(problem).toMatchObject({ reason: 'several-layers', file: two });
    expect(problem.message).toContain('buildings, pipes');
    expect(problem.fix).toContain('--layer');
    expect((await opened(two, { roleHints: ['buildings', '建筑'] })).layer).toBe('buildings');
    expect((await opened(two, { roleHints: ['pipe'] })).layer).toBe('pipes');
    const pipes = await opened(two, { layer: 'PIPES' });
    expect(pipes.layer).toBe('pipes');
    const features = await expectSameAsOgr(pipes, two, 'pipes');
    // LineString Z (ISO WKB 1002) keeps its Z.
    expect(features.map((f) => f.geometry)).toEqual(pipesInMetres().features.map((f) => f.geometry));
    expect(await openGeoPackage(two, { layer: 'roads' })).toMatchObject({ ok: false, problems: [{ reason: 'unknown-layer', layer: 'roads' }] });
  });

  it('reads ISO WKB PolygonZ / MultiPolygonZ (ogr2ogr -dim XYZ)', async () => {
    const z = join(dir, 'z.gpkg');
    ogr2ogr('-f', 'GPKG', z, join(dir, 'buildings.geojson'), '-a_srs', 'EPSG:4544', '-dim', 'XYZ', '-nln', 'buildings');
    const db = new Database(z, { readonly: true });
    const blob = (db.prepare('SELECT geom FROM buildings LIMIT 1').get() as { geom: Buffer }).geom;
    db.close();
    const envelope = [0, 32, 48, 48, 64][(blob[3]! >> 1) & 7]!;
    expect(blob.readUInt32LE(8 + envelope + 1)).toBe(1003);
    const features = await expectSameAsOgr(await opened(z), z, 'buildings');
    expect((features[1]!.geometry as { coordinates: number[][][][] }).coordinates[1]![1]![0]).toHaveLength(3);
  });

  it('refuses a missing file, a file that is not a GeoPackage and one without feature tables', async () => {
    expect(await openGeoPackage(join(dir, 'absent.gpkg'))).toMatchObject({ ok: false, problems: [{ reason: 'missing-file', file: join(dir, 'absent.gpkg') }] });
    const text = join(dir, 'text.gpkg');
    writeFileSync(text, 'this is not SQLite');
    expect(await openGeoPackage(text)).toMatchObject({ ok: false, problems: [{ reason: 'not-geopackage', file: text }] });
    const plain = join(dir, 'plain.gpkg');
    new Database(plain).exec('CREATE TABLE t (a)').close();
    expect(await openGeoPackage(plain)).toMatchObject({ ok: false, problems: [{ reason: 'not-geopackage' }] });
    const empty = join(dir, 'empty.gpkg');
    ogr2ogr('-f', 'GPKG', empty, join(dir, 'buildings.geojson'), '-nln', 'buildings');
    const db = new Database(empty);
    db.exec("UPDATE gpkg_contents SET data_type = 'attributes'");
    db.close();
    expect(await openGeoPackage(empty)).toMatchObject({ ok: false, problems: [{ reason: 'no-feature-table', file: empty }] });
  });

  it('stops on a geometry blob that cannot be decoded, naming the layer and the fid', async () => {
    const bad = join(dir, 'bad.gpkg');
    ogr2ogr('-f', 'GPKG', bad, join(dir, 'buildings.geojson'), '-a_srs', 'EPSG:4544', '-nln', 'buildings', '-lco', 'SPATIAL_INDEX=NO');
    const db = new Database(bad);
    db.prepare('UPDATE buildings SET geom = ? WHERE fid = 2').run(Buffer.from('XXXXXXXXXXXX'));
    db.close();
    const source = await opened(bad);
    const seen: unknown[] = [];
    const error = await (async () => {
      try {
        for await (const f of source.features()) seen.push(f.id);
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(seen).toEqual([1]);
    expect(error).toBeInstanceOf(VectorReadError);
    expect((error as VectorReadError).problem).toMatchObject({ reason: 'bad-geometry', file: bad, layer: 'buildings', index: 1 });
    expect((error as VectorReadError).message).toContain('fid 2');
  });

  it('streams: a reader that stops early leaves the file closed and readable again', async () => {
    const source = await opened(one);
    for await (const f of source.features()) {
      expect(f.id).toBe(1);
      break;
    }
    expect(await all(source)).toHaveLength(3);
  });
});

describe('openVectorSource', () => {
  it('tells the formats apart by extension, in any case', async () => {
    expect(vectorFormat('a/BUILDINGS.SHP')).toBe('shapefile');
    expect(vectorFormat('a/b.dbf')).toBe('shapefile');
    expect(vectorFormat('a/b.GPKG')).toBe('geopackage');
    expect(vectorFormat('a/b.geojson')).toBeNull();
    expect((await openVectorSource(one)).ok).toBe(true);
    expect(await openVectorSource(join(dir, 'buildings.geojson'))).toMatchObject({ ok: false, problems: [{ reason: 'unsupported-format' }] });
  });
});
