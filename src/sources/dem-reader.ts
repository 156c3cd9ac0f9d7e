/**
 * Opens a DEM file of either supported kind — GeoTIFF (by its magic bytes) or SRTM
 * `.hgt` (by its extension and size) — into an ElevationGrid. In src/sources (issue 16):
 * the terrain, the basemap's hillshade and the buildings' and lifelines' ground heights
 * all read the DEM through it. A projected GeoTIFF (issue 17) comes out reprojected onto
 * lon/lat, so those steps take it unchanged; `options.crs` names the DEM's CRS when its
 * GeoKeys are missing or wrong.
 */
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import type { ElevationGrid } from '../core/elevation-grid.ts';
import { describeReadError } from '../core/file-read-error.ts';
import { type Crs, resolveCrs } from './crs/crs.ts';
import type { ReprojectedExtent } from './dem-reprojection.ts';
import { decodeGeoTiffDem } from './geotiff-dem-reader.ts';
import { decodeHgt } from './hgt-reader.ts';
import { TerrainInputError } from './terrain-input-error.ts';

export interface DemSource {
  grid: ElevationGrid;
  format: 'geotiff' | 'hgt';
  /** EPSG code of the file's CRS (HGT is WGS84), null for a user-defined one. */
  epsg: number | null;
  /** The file's CRS for messages and logs, e.g. `EPSG:4545 CGCS2000 / 3-degree Gauss-Kruger CM 108E`. */
  crs: string;
  /** The grid was reprojected from the file's projected CRS onto lon/lat (at the file's resolution). */
  reprojected: boolean;
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

export interface DemReadOptions {
  /**
   * The DEM's CRS (a `Crs`, or any text `resolveCrs` takes: `EPSG:4545`, a proj
   * string, WKT), used instead of a GeoTIFF's GeoKeys. Default: the file's own.
   */
  crs?: Crs | string;
  /** A projected DEM's lon/lat grid: `inside` its data (default; what the terrain and basemap steps take) or the whole `bounding` rectangle, NaN where there is no data. */
  extent?: ReprojectedExtent;
}

function crsOption(crs: Crs | string | undefined, file: string): Crs | undefined {
  if (crs === undefined || typeof crs !== 'string') return crs;
  const resolved = resolveCrs(crs, { file });
  if (resolved.ok) return resolved.value;
  const problem = resolved.problems[0]!;
  throw new TerrainInputError('bad-option', file, `${problem.message}: ${problem.fix ?? ''}`);
}

export async function decodeDem(bytes: Uint8Array, file: string, options: DemReadOptions = {}): Promise<DemSource> {
  const crs = crsOption(options.crs, file);
  if (isTiff(bytes)) {
    const { grid, epsg, crs: label, reprojected, undeclaredVoids } = await decodeGeoTiffDem(bytes, file, { crs, ...(options.extent ? { extent: options.extent } : {}) });
    return { grid, format: 'geotiff', epsg, crs: label, reprojected, undeclaredVoids };
  }
  if (extname(file).toLowerCase() === '.hgt') return { grid: decodeHgt(bytes, file), format: 'hgt', epsg: 4326, crs: 'EPSG:4326 WGS 84', reprojected: false, undeclaredVoids: 0 };
  throw new TerrainInputError(
    'not-a-dem',
    file,
    `${file}: 不是 GeoTIFF 或 SRTM HGT 文件 / not a GeoTIFF or SRTM .hgt file: pass a DEM as GeoTIFF (EPSG:4326/4490) or .hgt, e.g. convert with \`gdal_translate -of GTiff in out.tif\`.`,
  );
}

export async function readDem(file: string, options: DemReadOptions = {}): Promise<DemSource> {
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
  return decodeDem(bytes, file, options);
}
