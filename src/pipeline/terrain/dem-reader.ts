/**
 * Opens a DEM file of either supported kind — GeoTIFF (by its magic bytes) or SRTM
 * `.hgt` (by its extension and size) — into an ElevationGrid.
 */
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import type { ElevationGrid } from '../../core/elevation-grid.ts';
import { decodeGeoTiffDem } from './geotiff-dem-reader.ts';
import { decodeHgt } from './hgt-reader.ts';
import { TerrainInputError } from './terrain-input-error.ts';

export interface DemSource {
  grid: ElevationGrid;
  format: 'geotiff' | 'hgt';
  /** EPSG code of the file's CRS (HGT is WGS84). */
  epsg: number;
}

function isTiff(bytes: Uint8Array): boolean {
  const b = bytes;
  // II*\0, MM\0*, and BigTIFF's II+\0 / MM\0+.
  return (
    b.length >= 4 &&
    ((b[0] === 0x49 && b[1] === 0x49 && (b[2] === 42 || b[2] === 43) && b[3] === 0) ||
      (b[0] === 0x4d && b[1] === 0x4d && b[2] === 0 && (b[3] === 42 || b[3] === 43)))
  );
}

export async function decodeDem(bytes: Uint8Array, file: string): Promise<DemSource> {
  if (isTiff(bytes)) {
    const { grid, epsg } = await decodeGeoTiffDem(bytes, file);
    return { grid, format: 'geotiff', epsg };
  }
  if (extname(file).toLowerCase() === '.hgt') return { grid: decodeHgt(bytes, file), format: 'hgt', epsg: 4326 };
  throw new TerrainInputError(
    'not-a-dem',
    file,
    `${file}: 不是 GeoTIFF 或 SRTM HGT 文件 / not a GeoTIFF or SRTM .hgt file: pass a DEM as GeoTIFF (EPSG:4326/4490) or .hgt, e.g. convert with \`gdal_translate -of GTiff in out.tif\`.`,
  );
}

export async function readDem(file: string): Promise<DemSource> {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new TerrainInputError('unreadable-file', file, `${file}: 无法读取 DEM 文件（${reason}） / cannot read the DEM (${reason}): check the path, or run \`npm run sample\` to generate var/source/dem.tif.`);
  }
  return decodeDem(bytes, file);
}
