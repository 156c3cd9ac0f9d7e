import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fromArrayBuffer } from 'geotiff';
import { afterAll, describe, expect, it } from 'vitest';
import type { ElevationGrid } from '../../src/core/elevation-grid.ts';
import { encodeGeoTiff, writeGeoTiff } from '../../src/sample/geotiff-writer.ts';
import { dem } from './world-fixture.ts';

const dir = mkdtempSync(join(tmpdir(), 'yz-geotiff-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function readBack(path: string) {
  const bytes = readFileSync(path);
  const tiff = await fromArrayBuffer(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  return tiff.getImage();
}

function smallGrid(): ElevationGrid {
  const width = 7;
  const height = 5;
  const data = new Float32Array(width * height).map((_, i) => 172 + i * 0.25 + 1e-4 * i * i);
  return { width, height, west: 106.5, north: 29.57, dx: 0.001, dy: 0.0008, data };
}

describe('writeGeoTiff', () => {
  it('round-trips a small grid: georeferencing, Float32, values', async () => {
    const grid = smallGrid();
    const path = join(dir, 'small.tif');
    writeGeoTiff(grid, path);
    const image = await readBack(path);
    expect(image.getWidth()).toBe(7);
    expect(image.getHeight()).toBe(5);
    expect(image.getSampleFormat()).toBe(3);
    expect(image.getBitsPerSample()).toBe(32);
    expect(image.getOrigin()).toEqual([106.5, 29.57, 0]);
    expect(image.getResolution()).toEqual([0.001, -0.0008, 0]);
    // geotiff.js's bounding box treats the tiepoint as a pixel corner (it ignores PixelIsPoint).
    const [w, s, e, n] = image.getBoundingBox();
    expect(w).toBeCloseTo(106.5, 12);
    expect(n).toBeCloseTo(29.57, 12);
    expect(e).toBeCloseTo(106.5 + 7 * 0.001, 12);
    expect(s).toBeCloseTo(29.57 - 5 * 0.0008, 12);
    expect(image.pixelIsArea()).toBe(false);
    expect(image.getGeoKeys()).toMatchObject({ GTModelTypeGeoKey: 2, GTRasterTypeGeoKey: 2, GeographicTypeGeoKey: 4326 });
    const [band] = (await image.readRasters()) as unknown as Float32Array[];
    expect(band).toBeInstanceOf(Float32Array);
    expect(Array.from(band!)).toEqual(Array.from(grid.data));
  });

  it('writes the same bytes for the same grid', () => {
    const a = createHash('sha256').update(encodeGeoTiff(smallGrid())).digest('hex');
    const b = createHash('sha256').update(encodeGeoTiff(smallGrid())).digest('hex');
    expect(a).toBe(b);
  });

  it('round-trips the sample DEM exactly', async () => {
    const grid = dem();
    const path = join(dir, 'dem.tif');
    writeGeoTiff(grid, path);
    const image = await readBack(path);
    expect(image.getWidth()).toBe(grid.width);
    expect(image.getHeight()).toBe(grid.height);
    expect(image.getOrigin()).toEqual([grid.west, grid.north, 0]);
    expect(image.getResolution()).toEqual([grid.dx, -grid.dy, 0]);
    const [band] = (await image.readRasters()) as unknown as Float32Array[];
    expect(band!.length).toBe(grid.data.length);
    let mismatches = 0;
    for (let i = 0; i < band!.length; i++) if (band![i] !== grid.data[i]) mismatches++;
    expect(mismatches).toBe(0);
  });

  it('rejects a grid whose data does not match its size', () => {
    expect(() => encodeGeoTiff({ ...smallGrid(), width: 8 })).toThrow(RangeError);
  });
});
