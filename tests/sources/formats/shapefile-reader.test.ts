import { copyFileSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RawFeature } from '../../../src/sources/raw-feature.ts';
import { openShapefile, rootEpsg } from '../../../src/sources/formats/shapefile-reader.ts';
import type { VectorSource } from '../../../src/sources/formats/vector-source.ts';
import { allFeatures, openedSource, refusal } from './vector-source-helpers.ts';
import { buildingsInMetres, maxCoordinateDifference, ogr2ogr, ogrGeoJson, pipesInMetres, presentProperties, requireGdal, tempFolder, writeGeoJson } from './gdal-fixtures.ts';

const temp = tempFolder('shapefile-reader-');
const dir = temp.dir;
const at = (folder: string, name = 'buildings.shp') => join(dir, folder, name);

/** A copy of the GBK shapefile in `folder`, with `change` applied. */
function variant(folder: string, change: (base: string) => void = () => {}): void {
  mkdirSync(join(dir, folder));
  for (const ext of ['shp', 'shx', 'dbf', 'prj', 'cpg']) copyFileSync(at('gbk', `buildings.${ext}`), at(folder, `buildings.${ext}`));
  change(join(dir, folder, 'buildings'));
}

beforeAll(() => {
  requireGdal();
  writeGeoJson(join(dir, 'buildings.geojson'), buildingsInMetres());
  writeGeoJson(join(dir, 'pipes.geojson'), pipesInMetres());
  for (const [folder, encoding] of [['gbk', 'GBK'], ['utf8', 'UTF-8']] as const) {
    mkdirSync(join(dir, folder));
    ogr2ogr('-f', 'ESRI Shapefile', at(folder), join(dir, 'buildings.geojson'), '-a_srs', 'EPSG:4545', '-lco', `ENCODING=${encoding}`);
  }
  mkdirSync(join(dir, 'pipes'));
  ogr2ogr('-f', 'ESRI Shapefile', at('pipes', 'pipes.shp'), join(dir, 'pipes.geojson'), '-a_srs', 'EPSG:4545', '-lco', 'ENCODING=GBK', '-dim', 'XY');
  variant('nocpg', (b) => rmSync(`${b}.cpg`));
  variant('cpg-says-utf8', (b) => writeFileSync(`${b}.cpg`, 'UTF-8'));
  mkdirSync(join(dir, 'cpg-says-gbk'));
  for (const ext of ['shp', 'shx', 'dbf', 'prj']) copyFileSync(at('utf8', `buildings.${ext}`), at('cpg-says-gbk', `buildings.${ext}`));
  writeFileSync(at('cpg-says-gbk', 'buildings.cpg'), 'GBK');
  variant('nodbf', (b) => rmSync(`${b}.dbf`));
  variant('upper', (b) => {
    for (const ext of ['shp', 'shx', 'prj', 'cpg']) renameSync(`${b}.${ext}`, join(dir, 'upper', `BUILDINGS.${ext.toUpperCase()}`));
  });
  /** The .dbf with `delta` records (the last one dropped, or repeated), its header's count to match. */
  const resized = (delta: -1 | 1) => (b: string) => {
    const dbf = readFileSync(`${b}.dbf`);
    const headerLength = dbf.readUInt16LE(8);
    const recordLength = dbf.readUInt16LE(10);
    const records = dbf.readUInt32LE(4);
    const body = dbf.subarray(0, headerLength + records * recordLength);
    const out = delta < 0 ? Buffer.from(body.subarray(0, body.length - recordLength)) : Buffer.concat([body, body.subarray(body.length - recordLength)]);
    out.writeUInt32LE(records + delta, 4);
    writeFileSync(`${b}.dbf`, Buffer.concat([out, Buffer.from([0x1a])]));
  };
  variant('short-dbf', resized(-1));
  variant('short-dbf-no-shx', (b) => {
    resized(-1)(b);
    rmSync(`${b}.shx`);
  });
  variant('long-dbf-no-shx', (b) => {
    resized(1)(b);
    rmSync(`${b}.shx`);
  });
  variant('deleted', (b) => {
    const dbf = readFileSync(`${b}.dbf`);
    const headerLength = dbf.readUInt16LE(8);
    const recordLength = dbf.readUInt16LE(10);
    dbf[headerLength + recordLength] = 0x2a; // record #1 marked deleted
    writeFileSync(`${b}.dbf`, dbf);
  });
});

afterAll(() => temp.remove());

const opened = (path: string, options = {}) => openedSource(openShapefile(path, options));
const all = allFeatures;

/** Features equal to what ogr2ogr reads from the same file: geometry within 1e-6 m, the same attributes (nulls and blanks left out). */
async function expectSameAsOgr(source: VectorSource, reference: string): Promise<RawFeature[]> {
  const features = await all(source);
  const ogr = ogrGeoJson(reference).features;
  expect(features).toHaveLength(ogr.length);
  features.forEach((f, i) => {
    expect(maxCoordinateDifference(f.geometry, ogr[i]!.geometry)).toBeLessThan(1e-6);
    expect(f.properties).toEqual(presentProperties(ogr[i]!.properties));
  });
  return features;
}

describe('rootEpsg', () => {
  it('takes the CRS\'s own AUTHORITY, not its datum\'s or unit\'s, and none from an ESRI .prj', () => {
    const ogc = 'PROJCS["CGCS2000 / 3-degree Gauss-Kruger CM 108E",GEOGCS["China Geodetic Coordinate System 2000",DATUM["China_2000",SPHEROID["CGCS2000",6378137,298.257222101,AUTHORITY["EPSG","1024"]],AUTHORITY["EPSG","1043"]],AUTHORITY["EPSG","4490"]],PROJECTION["Transverse_Mercator"],UNIT["metre",1,AUTHORITY["EPSG","9001"]],AUTHORITY["EPSG","4545"]]';
    expect(rootEpsg(ogc)).toBe(4545);
    expect(rootEpsg(ogc.replace(',AUTHORITY["EPSG","4545"]]', ']'))).toBeNull();
    expect(rootEpsg('PROJCS["CGCS2000_3_Degree_GK_CM_108E",GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]]],PROJECTION["Gauss_Kruger"]]')).toBeNull();
  });
});

describe('openShapefile', () => {
  it('reads a GBK Shapefile in EPSG:4545 as ogr2ogr does: polygon with a hole, multipolygon with a hole, Chinese names and values, blanks absent', async () => {
    const source = await opened(at('gbk'));
    expect(source.format).toBe('shapefile');
    expect(source.encoding).toEqual({ name: 'gbk', from: 'cpg' });
    expect(source.fields).toEqual(['建筑编号', '层数', '建筑高度', '结构类型', '建成年代', '用途']);
    expect(source.count).toBe(3);
    expect(source.crs.wkt).toMatch(/Gauss_Kruger/);
    expect(source.crs.wkt).toMatch(/CM_108E/);
    const features = await expectSameAsOgr(source, at('gbk'));
    expect(features.map((f) => f.geometry?.type)).toEqual(['Polygon', 'MultiPolygon', 'Polygon']);
    expect(features[0]!.geometry).toMatchObject({ coordinates: [expect.any(Array), expect.any(Array)] });
    expect(features[0]!.properties).toEqual({ 建筑编号: 'YZ-001', 层数: 6, 建筑高度: 18.5, 结构类型: '砖混结构', 建成年代: 1987, 用途: '住宅' });
    expect(features[1]!.properties).not.toHaveProperty('层数');
    expect(features[1]!.properties['用途']).toBe('商业、办公');
    expect(features[2]!.properties).not.toHaveProperty('用途');
    expect(features[2]!.properties['结构类型']).toBe('木结构（旧）');
    // No id is guessed: 建筑编号 becomes the id through the field mapping.
    expect(features.map((f) => f.id)).toEqual([undefined, undefined, undefined]);
    expect(features.map((f) => f.index)).toEqual([0, 1, 2]);
  });

  it('reads the input coordinates exactly (float64 through the .shp)', async () => {
    const features = await all(await opened(at('gbk')));
    const input = buildingsInMetres().features;
    // Shapefile rings run clockwise: the first outer ring is the input's reversed.
    const ring = (features[0]!.geometry as { coordinates: number[][][] }).coordinates[0]!;
    const inputRing = (input[0]!.geometry as { coordinates: number[][][] }).coordinates[0]!;
    expect([...ring].reverse()).toEqual(inputRing);
  });

  it('detects GBK (as GB18030, its superset) when there is no .cpg', async () => {
    const source = await opened(at('nocpg'));
    expect(source.encoding).toEqual({ name: 'gb18030', from: 'detected' });
    await expectSameAsOgr(source, at('gbk'));
  });

  it('reads a UTF-8 DBF named by its .cpg, with the field names ogr2ogr cut mid-character', async () => {
    const source = await opened(at('utf8'));
    expect(source.encoding).toEqual({ name: 'utf-8', from: 'cpg' });
    // 建筑编号 is 12 bytes in UTF-8: cut to 10, its last character dropped.
    expect(source.fields).toEqual(['建筑编', '层数', '建筑高', '结构类', '建成年', '用途']);
    const features = await all(source);
    const gbk = await all(await opened(at('gbk')));
    expect(features.map((f) => Object.values(f.properties))).toEqual(gbk.map((f) => Object.values(f.properties)));
  });

  it('detects UTF-8 when there is no .cpg and every string is UTF-8', async () => {
    mkdirSync(join(dir, 'utf8-nocpg'));
    for (const ext of ['shp', 'shx', 'dbf']) copyFileSync(at('utf8', `buildings.${ext}`), at('utf8-nocpg', `buildings.${ext}`));
    const source = await opened(at('utf8-nocpg'));
    expect(source.encoding).toEqual({ name: 'utf-8', from: 'detected' });
    expect(source.crs).toEqual({ wkt: null, epsg: null });
  });

  it('refuses GBK bytes whose .cpg says UTF-8, naming the file, the field and the right code page', async () => {
    const problem = await refusal(openShapefile(at('cpg-says-utf8')));
    expect(problem).toMatchObject({ reason: 'wrong-code-page', file: at('cpg-says-utf8', 'buildings.dbf'), column: '建筑编号' });
    expect(problem.message).toContain(at('cpg-says-utf8', 'buildings.dbf'));
    expect(problem.fix).toContain('--encoding gbk');
    expect(problem.fix).toContain('.cpg');
  });

  it('accepts --encoding over a wrong .cpg', async () => {
    const source = await opened(at('cpg-says-utf8'), { encoding: 'CP936' });
    expect(source.encoding).toEqual({ name: 'gbk', from: 'option' });
    await expectSameAsOgr(source, at('gbk'));
  });

  it('refuses UTF-8 bytes whose .cpg says GBK as mojibake, showing the text both ways', async () => {
    const problem = await refusal(openShapefile(at('cpg-says-gbk')));
    expect(problem).toMatchObject({ reason: 'mojibake', file: at('cpg-says-gbk', 'buildings.dbf'), column: '建筑编' });
    expect(problem.message).toContain('寤虹瓚缂'); // 建筑编 as GBK reads it
    expect(problem.fix).toContain('--encoding utf-8');
  });

  it('names a value when the names are ASCII: field and record', async () => {
    mkdirSync(join(dir, 'ascii-names'));
    const collection = buildingsInMetres();
    for (const f of collection.features) f.properties = { code: f.properties!['建筑编号'], kind: f.properties!['结构类型'] };
    writeGeoJson(join(dir, 'ascii.geojson'), collection);
    ogr2ogr('-f', 'ESRI Shapefile', at('ascii-names'), join(dir, 'ascii.geojson'), '-lco', 'ENCODING=UTF-8');
    writeFileSync(at('ascii-names', 'buildings.cpg'), '936');
    const problem = await refusal(openShapefile(at('ascii-names')));
    expect(problem).toMatchObject({ reason: 'mojibake', column: 'kind', index: 0 });
    expect(problem.message).toContain('#0');
    expect(problem.message).toContain('砖混结构');
  });

  it('refuses a .shp without its .dbf, naming the missing file', async () => {
    const problem = await refusal(openShapefile(at('nodbf')));
    expect(problem).toMatchObject({ reason: 'missing-dbf', file: at('nodbf') });
    expect(problem.message).toContain('buildings.dbf');
  });

  it('refuses a .dbf whose records do not match the shapes one to one: at open when the .shx gives the count, else when the read reaches the end of either file', async () => {
    const problem = await refusal(openShapefile(at('short-dbf')));
    expect(problem).toMatchObject({ reason: 'record-count-mismatch', file: at('short-dbf', 'buildings.dbf') });
    const shapes = (await allFeatures(await openedSource(openShapefile(at('gbk'))))).length;
    expect(problem.message).toContain(`${shapes} 条，属性记录（.dbf）${shapes - 1} 条`);
    expect(problem.fix).toMatch(/export the layer again/);
    for (const folder of ['short-dbf-no-shx', 'long-dbf-no-shx']) {
      const source = await openedSource(openShapefile(at(folder)));
      await expect(allFeatures(source)).rejects.toMatchObject({ problem: { reason: 'record-count-mismatch' } });
    }
  });

  it('refuses a missing .shp and a file that is not a Shapefile', async () => {
    expect(await openShapefile(join(dir, 'nowhere', 'x.shp'))).toMatchObject({ ok: false, problems: [{ reason: 'missing-file' }] });
    expect(await openShapefile(at('gbk', 'absent.shp'))).toMatchObject({ ok: false, problems: [{ reason: 'missing-file' }] });
    mkdirSync(join(dir, 'fake'));
    writeFileSync(at('fake'), 'not a shapefile at all, just some text that is long enough to fill a header of one hundred bytes ......');
    writeFileSync(at('fake', 'buildings.dbf'), 'x');
    expect(await openShapefile(at('fake'))).toMatchObject({ ok: false, problems: [{ reason: 'not-shapefile', file: at('fake') }] });
  });

  it('refuses an unknown code page, from the .cpg or --encoding', async () => {
    writeFileSync(at('nocpg', 'buildings.cpg'), 'KLINGON');
    expect(await openShapefile(at('nocpg'))).toMatchObject({ ok: false, problems: [{ reason: 'unknown-code-page', file: at('nocpg', 'buildings.cpg') }] });
    rmSync(at('nocpg', 'buildings.cpg'));
    expect(await openShapefile(at('nocpg'), { encoding: 'nope' })).toMatchObject({ ok: false, problems: [{ reason: 'unknown-code-page' }] });
  });

  it('matches sibling files case-insensitively: BUILDINGS.SHP with buildings.dbf, given with or without extension', async () => {
    for (const path of [at('upper', 'BUILDINGS.SHP'), at('upper', 'BUILDINGS'), at('upper', 'buildings.shp')]) {
      const source = await opened(path);
      expect(source.path).toBe(at('upper', 'BUILDINGS.SHP'));
      expect(source.encoding).toEqual({ name: 'gbk', from: 'cpg' });
      expect(source.crs.wkt).toMatch(/Gauss_Kruger/);
      await expectSameAsOgr(source, at('gbk'));
    }
  });

  it('skips deleted DBF records, as GDAL does', async () => {
    const source = await opened(at('deleted'));
    expect(source.count).toBe(2);
    const features = await all(source);
    expect(features.map((f) => [f.index, f.properties['建筑编号']])).toEqual([[0, 'YZ-001'], [2, 'YZ-003']]);
  });

  it('streams: a reader that stops early can read the file again', async () => {
    const source = await opened(at('gbk'));
    for await (const f of source.features()) {
      expect(f.properties['建筑编号']).toBe('YZ-001');
      break;
    }
    expect(await all(source)).toHaveLength(3);
  });

  it('reads pipes (polylines) as ogr2ogr does', async () => {
    const source = await opened(at('pipes', 'pipes.shp'));
    const features = await expectSameAsOgr(source, at('pipes', 'pipes.shp'));
    expect(features.map((f) => f.geometry?.type)).toEqual(['LineString', 'LineString']);
    expect(features[0]!.properties).toEqual({ 管线编号: 'GX-1', 管径: 300, 材质: '球墨铸铁' });
  });
});
