/**
 * Projected GeoTIFF DEMs (issue 17 item 2): a lon/lat DEM warped by GDAL into
 * EPSG:4545 (CGCS2000 3° Gauss-Krüger CM 108E), and into a custom central meridian,
 * reads back onto lon/lat with the original heights; a DEM whose GeoKeys are missing
 * reads with a CRS given by the caller; an unsupported projected CRS is refused.
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ElevationGrid, gridEast, gridSouth, sampleElevation } from '../../../src/core/elevation-grid.ts';
import { buildTerrain } from '../../../src/pipeline/terrain/terrain-builder.ts';
import { readDem } from '../../../src/sources/dem-reader.ts';
import { TerrainInputError } from '../../../src/sources/terrain-input-error.ts';
import { writeSyntheticGeoTiff } from './synthetic-dem.ts';
import { gdal } from '../../sources/crs/gdal-tools.ts';

const dir = mkdtempSync(join(tmpdir(), 'yz-projected-dem-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * ~1 km × 0.9 km of Yuzhong at ~10 m (0.0001°): a hill with ripples, smooth everywhere
 * (the terrain tests' synthetic DEM has a river bank cliff, where no resampling keeps
 * the heights and the bound below would say nothing).
 */
function smoothHill(): ElevationGrid {
  const width = 101;
  const height = 81;
  const data = new Float32Array(width * height);
  for (let r = 0; r < height; r++) {
    for (let c = 0; c < width; c++) {
      const x = c / (width - 1);
      const y = r / (height - 1);
      data[r * width + c] = 200 + 150 * Math.exp(-((x - 0.5) ** 2 + (y - 0.4) ** 2) * 6) + 6 * Math.sin(x * 9) * Math.cos(y * 7);
    }
  }
  return { width, height, west: 106.55, north: 29.57, dx: 0.0001, dy: 0.0001, data };
}
const original = smoothHill();
const lonlatFile = join(dir, 'dem-4326.tif');
const file4545 = join(dir, 'dem-4545.tif');
const fileCm = join(dir, 'dem-cm106.5.tif');

function warp(to: string, out: string): void {
  gdal('gdalwarp', ['-q', '-overwrite', '-r', 'bilinear', '-dstnodata', '-9999', '-s_srs', 'EPSG:4326', '-t_srs', to, lonlatFile, out]);
}

/**
 * How far two bilinear resamplings (gdalwarp's, then ours) can move a height: bilinear
 * interpolation is off by at most (Δx²·|f_xx| + Δy²·|f_yy|)/8, i.e. an eighth of the
 * largest second differences of the samples; twice, since the heights are resampled
 * twice, and the sample spacing changes a little in between (×1.5).
 */
function resamplingTolerance(grid: ElevationGrid): number {
  let d2x = 0;
  let d2y = 0;
  const at = (c: number, r: number) => grid.data[r * grid.width + c]!;
  for (let r = 1; r < grid.height - 1; r++) {
    for (let c = 1; c < grid.width - 1; c++) {
      d2x = Math.max(d2x, Math.abs(at(c - 1, r) - 2 * at(c, r) + at(c + 1, r)));
      d2y = Math.max(d2y, Math.abs(at(c, r - 1) - 2 * at(c, r) + at(c, r + 1)));
    }
  }
  return 2 * 1.5 * ((d2x + d2y) / 8) + 0.01;
}

/** Heights of the read DEM against the original at a 20 × 20 lattice of lon/lat points inside it (a margin of 3 samples). */
function compare(read: ElevationGrid): { worst: number; tolerance: number } {
  const tolerance = resamplingTolerance(original);
  let worst = 0;
  const m = 3 * original.dx;
  for (let i = 0; i < 20; i++) {
    for (let j = 0; j < 20; j++) {
      const lon = original.west + m + ((gridEast(original) - original.west - 2 * m) * (i + 0.37)) / 20;
      const lat = gridSouth(original) + m + ((original.north - gridSouth(original) - 2 * m) * (j + 0.61)) / 20;
      const got = sampleElevation(read, lon, lat);
      const want = sampleElevation(original, lon, lat);
      expect(Number.isFinite(got), `no height at ${lon}, ${lat}`).toBe(true);
      worst = Math.max(worst, Math.abs(got - want));
    }
  }
  return { worst, tolerance };
}

beforeAll(() => {
  writeSyntheticGeoTiff(lonlatFile, original);
  warp('EPSG:4545', file4545);
  warp('+proj=tmerc +lat_0=0 +lon_0=106.5 +k=1 +x_0=500000 +y_0=0 +ellps=GRS80 +units=m +no_defs', fileCm);
});

describe('projected GeoTIFF DEMs', () => {
  it('a DEM warped to EPSG:4545 reads onto lon/lat with the original heights (within two bilinear resamplings)', async () => {
    const dem = await readDem(file4545);
    expect(dem).toMatchObject({ format: 'geotiff', epsg: 4545, crs: 'EPSG:4545 CGCS2000 / 3-degree Gauss-Kruger CM 108E', reprojected: true });
    const { worst, tolerance } = compare(dem.grid);
    expect(tolerance).toBeLessThan(0.5); // the surface is smooth: the check means something
    expect(worst).toBeLessThan(tolerance);
  });

  it('keeps the DEM\'s resolution (pixel size in degrees at its centre); extent "bounding" covers the whole DEM', async () => {
    const { grid } = await readDem(file4545, { extent: 'bounding' });
    const info = JSON.parse(gdal('gdalinfo', ['-json', file4545])) as { size: [number, number]; geoTransform: number[] };
    // gdalwarp's metres per pixel, in degrees at 29.57N: the same resolution, within 2 %.
    const metres = info.geoTransform[1]!;
    expect(grid.dy).toBeCloseTo(metres / 110_800, 6);
    expect(Math.abs(grid.dx / (metres / (111_320 * Math.cos((29.566 * Math.PI) / 180))) - 1)).toBeLessThan(0.02);
    // The lon/lat grid covers the original (gdalwarp's empty margin trimmed; rotation corners stay, NaN).
    expect(grid.west).toBeLessThanOrEqual(original.west + original.dx);
    expect(gridEast(grid)).toBeGreaterThanOrEqual(gridEast(original) - original.dx);
    expect(grid.north).toBeGreaterThanOrEqual(original.north - original.dy);
    expect(gridSouth(grid)).toBeLessThanOrEqual(gridSouth(original) + original.dy);
    expect(grid.width * grid.height).toBeLessThan(info.size[0] * info.size[1] * 1.2);
    expect(grid.data.some(Number.isNaN)).toBe(true);
  });

  it('by default the grid is the rectangle inside the data, and the terrain step builds from it unchanged', async () => {
    const { grid } = await readDem(file4545);
    expect(grid.data.some(Number.isNaN)).toBe(false);
    // Only the rotation slivers are lost: at least 90 % of the original's span each way.
    expect(gridEast(grid) - grid.west).toBeGreaterThan(0.9 * (gridEast(original) - original.west));
    expect(grid.north - gridSouth(grid)).toBeGreaterThan(0.9 * (original.north - gridSouth(original)));
    const result = await buildTerrain({ input: file4545, outDir: join(dir, 'terrain') });
    expect(result.tiles.length).toBeGreaterThan(0);
  }, 120_000);

  it('a custom central meridian (user-defined transverse Mercator GeoKeys, as gdalwarp writes them) reads too', async () => {
    const dem = await readDem(fileCm);
    expect(dem.epsg).toBeNull();
    expect(dem.crs).toContain('+lon_0=106.5');
    const { worst, tolerance } = compare(dem.grid);
    expect(worst).toBeLessThan(tolerance);
  });

  it('a DEM without CRS keys: refused as metres with --crs shown, and read with the CRS the caller gives', async () => {
    const bare = join(dir, 'dem-no-crs.tif');
    copyFileSync(file4545, bare);
    gdal('gdal_edit.py', ['-a_srs', 'None', bare]);
    const error = (await readDem(bare).catch((e: unknown) => e)) as TerrainInputError;
    expect(error).toBeInstanceOf(TerrainInputError);
    expect(error.code).toBe('unsupported-crs');
    expect(error.message).toMatch(/no CRS is declared but the coordinates .* are metres/);
    expect(error.message).toContain('--crs EPSG:4545');
    const given = await readDem(bare, { crs: 'EPSG:4545' });
    const declared = await readDem(file4545);
    expect(given).toMatchObject({ epsg: 4545, reprojected: true });
    expect(given.grid.width).toBe(declared.grid.width);
    expect(given.grid.data).toEqual(declared.grid.data);
  });

  it('a geographic --crs for a projected DEM, an unknown --crs text and an unsupported projected CRS are refused with the fix', async () => {
    const wrong = (await readDem(file4545, { crs: 'EPSG:4490' }).catch((e: unknown) => e)) as TerrainInputError;
    // The given lon/lat CRS is taken as read: the metres are then "not lon/lat".
    expect(wrong).toBeInstanceOf(TerrainInputError);
    expect(wrong.code).toBe('unsupported-crs');
    const bad = (await readDem(file4545, { crs: 'EPSG:9999999' }).catch((e: unknown) => e)) as TerrainInputError;
    expect(bad.code).toBe('bad-option');
    expect(bad.message).toContain('EPSG:9999999');
    const mercator = join(dir, 'dem-3857.tif');
    warp('EPSG:3857', mercator);
    const e = (await readDem(mercator).catch((x: unknown) => x)) as TerrainInputError;
    expect(e.code).toBe('unsupported-crs');
    expect(e.message).toContain('EPSG:3857');
    expect(e.message).toContain('--crs');
    expect(e.message).toContain('gdalwarp -t_srs EPSG:4326');
  });

  it('a lon/lat DEM is read as before: not reprojected, its samples as they are', async () => {
    const dem = await readDem(lonlatFile);
    expect(dem).toMatchObject({ epsg: 4326, crs: 'EPSG:4326 WGS 84', reprojected: false });
    expect(dem.grid).toMatchObject({ width: original.width, height: original.height, west: original.west, north: original.north });
    expect(dem.grid.data).toEqual(original.data);
  });
});
