/**
 * The command over real files, as `npm run tiles:buildings` runs it: a synthetic
 * sample written as GeoJSON, FlatGeobuf and a GeoTIFF DEM, tiles built on worker
 * threads, then served gzip-compressed by the project's server.
 */
import { readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { FeatureCollection } from 'geojson';
import { serialize } from 'flatgeobuf/lib/mjs/geojson.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from '../../../src/server/create-server.ts';
import { parseBuildingsArgs, runBuildingsCommand } from '../../../src/pipeline/buildings/buildings-command.ts';
import { encodeGeoTiff } from '../../../src/sample/geotiff-writer.ts';
import { smallDistrict, tempDir } from './fixtures.ts';
import { inspectTileset } from './tileset-inspection.ts';

function filesOf(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (d: string) => {
    for (const e of readdirSync(d)) {
      const p = join(d, e);
      if (statSync(p).isDirectory()) walk(p);
      else out.set(relative(dir, p), readFileSync(p));
    }
  };
  walk(dir);
  return out;
}

describe('buildings command over files', () => {
  const { district, features } = smallDistrict(300, 11);
  const dir = tempDir('cmd');
  const collection: FeatureCollection = {
    type: 'FeatureCollection',
    features: features.map((f) => ({ type: 'Feature', geometry: f.geometry!, properties: { ...f.properties, extra_note: `备注 ${f.index}`, extra_score: f.index * 0.5 } })),
  };
  const geojsonPath = join(dir, 'buildings.geojson');
  const fgbPath = join(dir, 'buildings.fgb');
  const demPath = join(dir, 'dem.tif');
  const silent = () => {};

  beforeAll(() => {
    writeFileSync(geojsonPath, JSON.stringify(collection));
    writeFileSync(fgbPath, serialize(collection));
    writeFileSync(demPath, encodeGeoTiff(district.grid));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('parses its arguments and reports bad ones', () => {
    const defaults = { input: 'a.geojson', dem: 'd.tif', out: 'o' };
    expect(parseBuildingsArgs(['--in', 'x.fgb', '--strict', '--workers', '1'], defaults)).toMatchObject({ input: 'x.fgb', dem: 'd.tif', out: 'o', strict: true, workers: 1, normals: true });
    expect(parseBuildingsArgs(['--workers', 'many'], defaults)).toMatch(/--workers/);
    expect(parseBuildingsArgs(['--bogus'], defaults)).toMatch(/usage/);
  });

  it('builds from GeoJSON on worker threads, byte-identical to an inline build, with extra columns kept', async () => {
    const a = await runBuildingsCommand({ input: geojsonPath, dem: demPath, out: join(dir, 'a'), workers: 2, maxFeaturesPerTile: 80, log: silent });
    expect(a.ok, a.ok ? '' : a.error).toBe(true);
    const b = await runBuildingsCommand({ input: geojsonPath, dem: demPath, out: join(dir, 'b'), workers: 0, maxFeaturesPerTile: 80, log: silent });
    expect(b.ok).toBe(true);
    const filesA = filesOf(join(dir, 'a'));
    const filesB = filesOf(join(dir, 'b'));
    expect([...filesA.keys()].sort()).toEqual([...filesB.keys()].sort());
    for (const [name, bytes] of filesA) expect(bytes.equals(filesB.get(name)!), name).toBe(true);
    const tileset = await inspectTileset(join(dir, 'a'));
    const rows = tileset.tiles.flatMap((t) => t.rows);
    expect(rows).toHaveLength(features.length);
    const row = rows.find((r) => r.id === 'YZ-00005')!;
    expect(row.extra_note).toBe('备注 4');
    expect(row.extra_score).toBe(2);
  });

  it('builds the same buildings from FlatGeobuf', async () => {
    const result = await runBuildingsCommand({ input: fgbPath, dem: demPath, out: join(dir, 'fgb'), workers: 0, log: silent });
    expect(result.ok, result.ok ? '' : result.error).toBe(true);
    const tileset = await inspectTileset(join(dir, 'fgb'));
    const ids = tileset.tiles.flatMap((t) => t.rows.map((r) => r.id)).sort();
    expect(ids).toEqual(features.map((f) => f.id).sort());
  });

  it('reports a missing or unreadable input as an error value', async () => {
    const missing = await runBuildingsCommand({ input: join(dir, 'nope.geojson'), dem: demPath, out: join(dir, 'x'), workers: 0, log: silent });
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.error).toMatch(/nope\.geojson: 无法读取.*文件不存在.* \/ cannot read the footprint file: the file does not exist/);
    writeFileSync(join(dir, 'broken.geojson'), '{"type": "FeatureCollection", "features": [');
    const broken = await runBuildingsCommand({ input: join(dir, 'broken.geojson'), dem: demPath, out: join(dir, 'x'), workers: 0, log: silent });
    expect(broken.ok).toBe(false);
    if (!broken.ok) expect(broken.error).toMatch(/broken\.geojson: 文件不完整.* \/ the file ends unexpectedly at byte 43, after 0 features/);
    const noDem = await runBuildingsCommand({ input: geojsonPath, dem: join(dir, 'nope.tif'), out: join(dir, 'x'), workers: 0, log: silent });
    expect(noDem.ok).toBe(false);
  });

  it('is served gzip-compressed at /tiles/buildings/ with the glTF content type', async () => {
    const tilesDir = join(dir, 'tiles');
    const result = await runBuildingsCommand({ input: geojsonPath, dem: demPath, out: join(tilesDir, 'buildings'), workers: 0, log: silent });
    expect(result.ok).toBe(true);
    const app = await createServer({ viewerDir: join(dir, 'no-viewer'), tilesDir });
    try {
      const tilesetRes = await app.inject({ method: 'GET', url: '/tiles/buildings/tileset.json', headers: { 'accept-encoding': 'gzip' } });
      expect(tilesetRes.statusCode).toBe(200);
      expect(tilesetRes.headers['content-encoding']).toBe('gzip');
      const tilesetJson = JSON.parse(gunzipSync(tilesetRes.rawPayload).toString('utf8')) as { root: { content: { uri: string } } };
      const glbRes = await app.inject({ method: 'GET', url: `/tiles/buildings/${tilesetJson.root.content.uri}`, headers: { 'accept-encoding': 'gzip' } });
      expect(glbRes.statusCode).toBe(200);
      expect(glbRes.headers['content-type']).toBe('model/gltf-binary');
      expect(glbRes.headers['content-encoding']).toBe('gzip');
      expect(gunzipSync(glbRes.rawPayload).subarray(0, 4).toString('latin1')).toBe('glTF');
    } finally {
      await app.close();
    }
  });
});
