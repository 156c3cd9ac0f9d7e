/**
 * Issue 15: what a person sees when the DEM is cut short, missing, or full of
 * undeclared −9999 voids — one bilingual line naming the file and the fix, never a
 * RangeError stack or a −9999 m pit in the terrain.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readDem } from '../../../src/sources/dem-reader.ts';
import { buildTerrain } from '../../../src/pipeline/terrain/terrain-builder.ts';
import { TerrainInputError } from '../../../src/sources/terrain-input-error.ts';
import { encodeSyntheticGeoTiff, syntheticGrid, writeSyntheticGeoTiff } from './synthetic-dem.ts';

const dir = mkdtempSync(join(tmpdir(), 'yz-terrain-messages-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const grid = syntheticGrid({ width: 41, height: 31, step: 0.0005 });

function cli(script: string, args: string[]) {
  const res = spawnSync(process.execPath, ['--import', 'tsx', script, ...args], { encoding: 'utf8', timeout: 60_000 });
  return { status: res.status, stdout: res.stdout, stderr: res.stderr };
}

function truncatedTiff(): string {
  const bytes = encodeSyntheticGeoTiff(grid);
  const file = join(dir, 'cut.tif');
  // Headers at the front survive; the pixels are cut off (an interrupted copy).
  writeFileSync(file, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
  return file;
}

describe('DEM messages', () => {
  it('a truncated GeoTIFF is a TerrainInputError naming the file, not a RangeError', async () => {
    const file = truncatedTiff();
    const error = await readDem(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TerrainInputError);
    const e = error as TerrainInputError;
    expect(e.code).toBe('not-a-dem');
    expect(e.message).toContain(file);
    expect(e.message).toMatch(/截断/);
    expect(e.message).toMatch(/truncated/);
  });

  it('every DEM-reading CLI prints one line for a truncated GeoTIFF, without a stack', () => {
    const file = truncatedTiff();
    const runs = [
      cli('scripts/build-terrain.ts', ['--in', file, '--out', join(dir, 't')]),
      cli('scripts/build-basemap.ts', ['--dem', file, '--out', join(dir, 'b'), '--no-buildings']),
      cli('scripts/build-buildings.ts', ['--dem', file, '--out', join(dir, 'bu')]),
      cli('scripts/build-lifelines.ts', ['--dem', file, '--out', join(dir, 'l')]),
    ];
    for (const r of runs) {
      expect(r.status, r.stderr).toBe(1);
      expect(r.stderr).toContain(file);
      expect(r.stderr).toMatch(/truncated/);
      expect(r.stderr).not.toMatch(/^\s+at /m);
      expect(r.stderr).not.toContain('RangeError');
    }
  }, 120_000);

  it('a missing DEM says the file does not exist and how to get one', async () => {
    const file = join(dir, 'nowhere', 'dem.tif');
    const e = (await readDem(file).catch((x: unknown) => x)) as TerrainInputError;
    expect(e.code).toBe('unreadable-file');
    expect(e.message).toContain(file);
    expect(e.message).toContain('文件不存在');
    expect(e.message).toContain('does not exist');
    expect(e.message).toContain('npm run sample');
  });

  it('a missing --roads file for the basemap is named, not silently left out', () => {
    const dem = join(dir, 'ok.tif');
    writeSyntheticGeoTiff(dem, grid);
    const roads = join(dir, 'no-roads.geojson');
    const r = cli('scripts/build-basemap.ts', ['--dem', dem, '--roads', roads, '--out', join(dir, 'b2'), '--no-buildings']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(roads);
    expect(r.stderr).toContain('does not exist');
    expect(r.stderr).not.toMatch(/^\s+at /m);
  }, 60_000);

  it('treats undeclared −9999 voids (below −500 m) as no-data and counts them', async () => {
    const holed = { ...grid, data: Float32Array.from(grid.data) };
    for (const i of [3, 4, 5, 40, 41]) holed.data[10 * grid.width + i] = -9999;
    const file = join(dir, 'voids.tif');
    writeSyntheticGeoTiff(file, holed); // Float32, no GDAL_NODATA tag
    const dem = await readDem(file);
    expect(dem.undeclaredVoids).toBe(5);
    expect(Number.isNaN(dem.grid.data[10 * grid.width + 3]!)).toBe(true);
    expect(Math.min(...Array.from(dem.grid.data).filter((v) => !Number.isNaN(v)))).toBeGreaterThan(100);

    // The build says so, then refuses the holes (or fills them with --fill-nodata).
    const log: string[] = [];
    const error = await buildTerrain({ input: file, outDir: join(dir, 'v'), progress: (m) => log.push(m), workers: 0 }).catch((e: unknown) => e);
    expect((error as TerrainInputError).code).toBe('nodata-holes');
    expect(log.join('\n')).toMatch(/5 cells below −500 m/);
    const filled = await buildTerrain({ input: file, outDir: join(dir, 'v2'), fillNodata: true, maxZoom: 9, progress: (m) => log.push(m), workers: 0 });
    expect(filled.tiles.length).toBeGreaterThan(0);
    expect(readFileSync(join(dir, 'v2', 'layer.json'), 'utf8')).toContain('quantized-mesh');
  });
});
