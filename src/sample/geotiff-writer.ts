/**
 * Writes an ElevationGrid as a single-band Float32 GeoTIFF in EPSG:4326 with the
 * `geotiff` package's writer.
 *
 * Georeferencing: pixel-is-point (GTRasterTypeGeoKey = 2), so the tiepoint puts the
 * centre of pixel (0, 0) on (west, north) — exactly the grid's own convention. Readers
 * that honour the raster type (GDAL) see the true extent; geotiff.js's
 * `getBoundingBox()` ignores it and reports [west, north − height·dy, west + width·dx,
 * north], i.e. half a pixel east/south of the sample area.
 *
 * The writer emits no timestamps, so the same grid gives the same bytes.
 */
import { writeFileSync } from 'node:fs';
import { writeArrayBuffer } from 'geotiff';
import type { ElevationGrid } from '../core/elevation-grid.ts';

/** GeoTIFF geokey values we write (GeoTIFF 1.1 §7). */
const MODEL_TYPE_GEOGRAPHIC = 2;
const RASTER_PIXEL_IS_POINT = 2;
const EPSG_WGS84 = 4326;
/** TIFF SampleFormat: IEEE floating point. */
const SAMPLE_FORMAT_FLOAT = 3;

/** Encodes the grid as GeoTIFF bytes (uncompressed, one strip, big-endian). */
export function encodeGeoTiff(grid: ElevationGrid): Uint8Array {
  if (grid.data.length !== grid.width * grid.height) {
    throw new RangeError(`grid data has ${grid.data.length} samples, expected ${grid.width}×${grid.height}`);
  }
  const buffer = writeArrayBuffer(grid.data, {
    width: grid.width,
    height: grid.height,
    BitsPerSample: [32],
    SampleFormat: [SAMPLE_FORMAT_FLOAT],
    ModelPixelScale: [grid.dx, grid.dy, 0],
    ModelTiepoint: [0, 0, 0, grid.west, grid.north, 0],
    GTModelTypeGeoKey: MODEL_TYPE_GEOGRAPHIC,
    GTRasterTypeGeoKey: RASTER_PIXEL_IS_POINT,
    GeographicTypeGeoKey: EPSG_WGS84,
  });
  return new Uint8Array(buffer);
}

/** Writes the grid to `path` as a Float32 EPSG:4326 GeoTIFF. */
export function writeGeoTiff(grid: ElevationGrid, path: string): void {
  writeFileSync(path, encodeGeoTiff(grid));
}
