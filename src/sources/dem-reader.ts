/**
 * Opens a DEM file of either supported kind — GeoTIFF (by its magic bytes) or SRTM
 * `.hgt` (by its extension and size) — into an ElevationGrid. In src/sources (issue 16):
 * the terrain, the basemap's hillshade and the buildings' and lifelines' ground heights
 * all read the DEM through it.
 */
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import type { ElevationGrid } from '../core/elevation-grid.ts';
import { describeReadError } from '../core/file-read-error.ts';
import { decodeGeoTiffDem } from './geotiff-dem-reader.ts';
import { decodeHgt } from './hgt-reader.ts';
import { TerrainInputError } from './terrain-input-error.ts';

export interface DemSource {
  grid: ElevationGrid;
  format: 'geotiff' | 'hgt';
  /** EPSG code of the file's CRS (HGT is WGS84). */
  epsg: number;
  /** Cells read as no-data because they were below −500 m without being the declared nodata value. */
  undeclaredVoids: number;
}

/** The log line for undeclared voids, or null when there were none. */
export function undeclaredVoidsNote(dem: DemSource, file: string): string | null {
  if (dem.undeclaredVoids === 0) return null;
  return `${file}: ${dem.undeclaredVoids} 个像元低于 −500 m 且未声明为 nodata，已按无数据处理 / ${dem.undeclaredVoids} cells below −500 m (not declared as nodata, e.g. −9999) read as no-data; declare it with \`gdal_edit.py -a_nodata -9999\``;
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
    const { grid, epsg, undeclaredVoids } = await decodeGeoTiffDem(bytes, file);
    return { grid, format: 'geotiff', epsg, undeclaredVoids };
  }
  if (extname(file).toLowerCase() === '.hgt') return { grid: decodeHgt(bytes, file), format: 'hgt', epsg: 4326, undeclaredVoids: 0 };
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
    throw new TerrainInputError(
      'unreadable-file',
      file,
      describeReadError(file, error, { zh: ' DEM 文件', en: 'DEM' }, { zh: '或运行 `npm run sample` 生成 var/source/dem.tif', en: 'or run `npm run sample` to generate var/source/dem.tif' }),
    );
  }
  return decodeDem(bytes, file);
}
