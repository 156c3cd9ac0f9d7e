/**
 * Small synthetic DEMs written with geotiff's own writer, so the terrain tests do not
 * depend on the sample district: a hill with ripples and a river strip at the south.
 */
import { writeFileSync } from 'node:fs';
import { writeArrayBuffer } from 'geotiff';
import type { ElevationGrid } from '../../../src/core/elevation-grid.ts';

export const RIVER_LEVEL = 172;

export interface SyntheticDemOptions {
  west?: number;
  north?: number;
  width?: number;
  height?: number;
  step?: number;
}

export function syntheticGrid(options: SyntheticDemOptions = {}): ElevationGrid {
  const { west = 106.5, north = 29.57, width = 201, height = 151, step = 0.0001 } = options;
  const data = new Float32Array(width * height);
  for (let r = 0; r < height; r++) {
    for (let c = 0; c < width; c++) {
      const x = c / (width - 1);
      const y = r / (height - 1);
      const hill = 180 * Math.exp(-((x - 0.5) ** 2 + (y - 0.4) ** 2) * 10);
      const ripple = 8 * Math.sin(x * 25) * Math.cos(y * 17);
      // A river along the southern fifth, its bed under the river level.
      data[r * width + c] = y > 0.8 ? RIVER_LEVEL - 12 * Math.sin(((y - 0.8) / 0.2) * Math.PI) : RIVER_LEVEL + 8 + hill + ripple;
    }
  }
  return { width, height, west, north, dx: step, dy: step, data };
}

export interface GeoTiffWriteOptions {
  /** Write Int16 instead of Float32. */
  int16?: boolean;
  nodata?: number;
  epsg?: number;
  /** Declare a projected CRS instead (unsupported). */
  projectedEpsg?: number;
  /** Leave out the tiepoint and CRS (no georeferencing). */
  noGeoreferencing?: boolean;
}

export function encodeSyntheticGeoTiff(grid: ElevationGrid, options: GeoTiffWriteOptions = {}): Uint8Array {
  // geotiff's writer has no Int16Array branch; a Uint16Array of the same bits writes the
  // identical bytes, and SampleFormat 2 makes readers take them as signed.
  const values = options.int16
    ? new Uint16Array(Int16Array.from(grid.data, (v) => (Number.isNaN(v) ? (options.nodata ?? -32768) : Math.round(v))).buffer)
    : Float32Array.from(grid.data);
  const metadata: Record<string, unknown> = {
    width: grid.width,
    height: grid.height,
    BitsPerSample: [options.int16 ? 16 : 32],
    SampleFormat: [options.int16 ? 2 : 3],
    ModelPixelScale: [grid.dx, grid.dy, 0],
  };
  if (options.noGeoreferencing) {
    // geotiff's writer adds a world georeference unless a CRS key is present.
    metadata.ProjectedCSTypeGeoKey = undefined;
  } else {
    metadata.ModelTiepoint = [0, 0, 0, grid.west, grid.north, 0];
    metadata.GTRasterTypeGeoKey = 2; // pixel-is-point: the tiepoint is sample (0, 0)
    if (options.projectedEpsg) {
      metadata.GTModelTypeGeoKey = 1;
      metadata.ProjectedCSTypeGeoKey = options.projectedEpsg;
    } else {
      metadata.GTModelTypeGeoKey = 2;
      metadata.GeographicTypeGeoKey = options.epsg ?? 4326;
    }
  }
  if (options.nodata !== undefined) metadata.GDAL_NODATA = `${options.nodata}\u0000`;
  if (!options.int16 && options.nodata !== undefined) {
    for (let i = 0; i < values.length; i++) if (Number.isNaN(values[i]!)) values[i] = options.nodata;
  }
  return new Uint8Array(writeArrayBuffer(values as unknown as number[], metadata as never));
}

export function writeSyntheticGeoTiff(path: string, grid: ElevationGrid, options: GeoTiffWriteOptions = {}): void {
  writeFileSync(path, encodeSyntheticGeoTiff(grid, options));
}
