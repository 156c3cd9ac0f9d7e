import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDem } from '../../../src/sources/dem-reader.ts';
import { buildTerrain } from '../../../src/pipeline/terrain/terrain-builder.ts';
import { TerrainInputError, type TerrainErrorCode } from '../../../src/sources/terrain-input-error.ts';
import { syntheticGrid, writeSyntheticGeoTiff } from './synthetic-dem.ts';

let dir: string;
let out: string;
const grid = syntheticGrid({ width: 41, height: 31, step: 0.0005 });

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'yz-terrain-bad-'));
  out = join(dir, 'terrain');
  // A previous build's output that no failed build may touch.
  mkdirSync(out);
  writeFileSync(join(out, 'layer.json'), '{"previous":true}');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function expectFailure(input: string, code: TerrainErrorCode, options: Partial<Parameters<typeof buildTerrain>[0]> = {}) {
  const error = await buildTerrain({ input, outDir: out, ...options }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TerrainInputError);
  const e = error as TerrainInputError;
  expect(e.code).toBe(code);
  // The core problem value (issue 16: one shape for every reader's problems).
  expect(e.problem).toEqual({ reason: code, file: e.file, message: e.message });
  expect(e.message).not.toContain('\n');
  expect(e.message).toContain(e.file);
  // zh-CN and English, and a fix.
  expect(e.message).toMatch(/[\u4e00-\u9fff]/);
  expect(e.message).toMatch(/ \/ [a-z]/i);
  expect(readFileSync(join(out, 'layer.json'), 'utf8')).toBe('{"previous":true}');
  expect(readdirSync(dir, { recursive: true }).filter((f) => f.includes('.tmp-'))).toEqual([]);
  return e;
}

describe('bad terrain input', () => {
  it('rejects a file that is not a DEM', async () => {
    const file = join(dir, 'notes.tif');
    writeFileSync(file, 'this is not a tiff');
    await expectFailure(file, 'not-a-dem');
  });

  it('rejects a missing file', async () => {
    await expectFailure(join(dir, 'missing.tif'), 'unreadable-file');
  });

  it('rejects a GeoTIFF without georeferencing', async () => {
    const file = join(dir, 'plain.tif');
    writeSyntheticGeoTiff(file, grid, { noGeoreferencing: true });
    await expectFailure(file, 'no-georeferencing');
  });

  it('rejects a projected CRS', async () => {
    const file = join(dir, 'utm.tif');
    writeSyntheticGeoTiff(file, grid, { projectedEpsg: 32648 });
    const e = await expectFailure(file, 'unsupported-crs');
    expect(e.message).toContain('32648');
    expect(e.message).toContain('gdalwarp');
  });

  it('rejects no-data holes unless asked to fill them', async () => {
    const holed = { ...grid, data: Float32Array.from(grid.data) };
    holed.data[15 * grid.width + 20] = Number.NaN;
    holed.data[15 * grid.width + 21] = Number.NaN;
    const file = join(dir, 'holes.tif');
    writeSyntheticGeoTiff(file, holed, { int16: true, nodata: -9999 });
    const e = await expectFailure(file, 'nodata-holes');
    expect(e.message).toContain('2 ');
    expect(e.message).toContain('--fill-nodata');
    const filled = join(dir, 'filled');
    const result = await buildTerrain({ input: file, outDir: filled, fillNodata: true, maxZoom: 9, workers: 0 });
    expect(result.tiles.length).toBeGreaterThan(2);
  });

  it('takes −32768 in an Int16 GeoTIFF as no-data even when undeclared (SRTM voids)', async () => {
    const holed = { ...grid, data: Float32Array.from(grid.data) };
    holed.data[5 * grid.width + 5] = Number.NaN; // written as −32768, no GDAL_NODATA tag
    const file = join(dir, 'srtm-style.tif');
    writeSyntheticGeoTiff(file, holed, { int16: true });
    const e = await expectFailure(file, 'nodata-holes');
    expect(e.message).toContain('1 ');
  });

  it('rejects a DEM that does not cover the requested area', async () => {
    const file = join(dir, 'small.tif');
    writeSyntheticGeoTiff(file, grid);
    await expectFailure(file, 'outside-coverage', { bounds: { west: 106.4, south: 29.5, east: 106.6, north: 29.6 } });
  });

  it('rejects an output folder that cannot be written', async () => {
    const file = join(dir, 'ok.tif');
    writeSyntheticGeoTiff(file, grid);
    const blocker = join(dir, 'a-file');
    writeFileSync(blocker, 'x');
    const error = await buildTerrain({ input: file, outDir: join(blocker, 'terrain') }).catch((e: unknown) => e);
    expect((error as TerrainInputError).code).toBe('output-not-writable');
    expect((error as TerrainInputError).message).toContain('--out');
  });

  it('reads Int16 GeoTIFFs, CGCS2000 and SRTM .hgt', async () => {
    const int16 = join(dir, 'int16.tif');
    writeSyntheticGeoTiff(int16, grid, { int16: true, nodata: -32768, epsg: 4490 });
    const dem = await readDem(int16);
    expect(dem.epsg).toBe(4490);
    expect(dem.grid.west).toBeCloseTo(grid.west, 9);
    expect(dem.grid.data[100]).toBe(Math.round(grid.data[100]!));

    const hgt = new Uint8Array(1201 * 1201 * 2);
    const view = new DataView(hgt.buffer);
    view.setInt16(0, 350, false); // north-west corner
    view.setInt16((1201 * 1201 - 1) * 2, -32768, false); // a void in the south-east corner
    const file = join(dir, 'N29E106.hgt');
    writeFileSync(file, hgt);
    const srtm = await readDem(file);
    expect(srtm.format).toBe('hgt');
    expect(srtm.grid).toMatchObject({ width: 1201, west: 106, north: 30 });
    expect(srtm.grid.data[0]).toBe(350);
    expect(Number.isNaN(srtm.grid.data[1201 * 1201 - 1]!)).toBe(true);
  });

  it('the CLI prints one line and exits non-zero', () => {
    const file = join(dir, 'cli-bad.tif');
    writeFileSync(file, 'nope');
    let status = 0;
    let stderr = '';
    try {
      execFileSync(process.execPath, ['--import', 'tsx', 'scripts/build-terrain.ts', '--in', file, '--out', out], { stdio: 'pipe' });
    } catch (error) {
      const e = error as { status: number; stderr: Buffer };
      status = e.status;
      stderr = e.stderr.toString();
    }
    expect(status).toBe(1);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain(file);
    expect(readFileSync(join(out, 'layer.json'), 'utf8')).toBe('{"previous":true}');
  });
});
