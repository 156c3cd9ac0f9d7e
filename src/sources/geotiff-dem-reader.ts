/**
 * Reads a single-band GeoTIFF DEM into a lon/lat ElevationGrid with the `geotiff`
 * package. In geographic lon/lat (EPSG:4326 or CGCS2000 EPSG:4490, which differ by
 * centimetres; see DOMAIN.md) the file's samples are the grid as they are. In a
 * projected CRS (issue 17: CGCS2000 Gauss-Krüger, UTM; from the GeoKeys through
 * `geotiff-crs.ts`, or given by the caller when the keys are missing or wrong) the
 * coordinates are checked against the CRS (`crs/coordinate-checks.ts`) and the grid is
 * reprojected onto lon/lat at the DEM's own resolution (`dem-reprojection.ts`).
 * Everything a district might hand over wrongly is a TerrainInputError naming the file
 * and the fix.
 *
 * Georeferencing follows GeoTIFF 1.1: the tiepoint maps raster (I, J) to (X, Y); with
 * PixelIsArea (the default) raster (0, 0) is the corner of the first pixel, so its
 * centre — our sample — is half a pixel in; with PixelIsPoint it is the sample itself.
 *
 * Values below −500 m are no-data even when undeclared (a −9999 void would otherwise
 * become a −9999 m pit); how many there were is returned so the builds can say so.
 */
import { fromArrayBuffer, type GeoTIFFImage } from 'geotiff';
import type { ElevationGrid } from '../core/elevation-grid.ts';
import { checkCoordinateCrs } from './crs/coordinate-checks.ts';
import type { Crs } from './crs/crs.ts';
import { type ReprojectedExtent, reprojectGridToLonLat } from './dem-reprojection.ts';
import { DEM_CRS_FIX, projectedCrsOfGeoKeys } from './geotiff-crs.ts';
import { TerrainInputError } from './terrain-input-error.ts';

/** Geographic CRSs we read as WGS84 lon/lat. */
export const SUPPORTED_GEOGRAPHIC_EPSG: ReadonlyMap<number, string> = new Map([
  [4326, 'WGS 84'],
  [4490, 'CGCS2000'],
]);

const MODEL_TYPE_GEOGRAPHIC = 2;
const RASTER_PIXEL_IS_POINT = 2;
const USER_DEFINED = 32767;

/**
 * Lowest believable ground (m): the Dead Sea shore is −430 m. Anything lower is a void
 * marker (−9999, −32767, −3.4e38, …) the file forgot to declare, and is read as no-data.
 */
export const MIN_PLAUSIBLE_ELEVATION_M = -500;

function fail(code: ConstructorParameters<typeof TerrainInputError>[0], file: string, zh: string, en: string): never {
  throw new TerrainInputError(code, file, `${file}: ${zh} / ${en}`);
}

/** Checks the CRS keys of a file that declares no projected CRS and returns the EPSG code of its geographic CRS. */
function geographicEpsg(image: GeoTIFFImage, file: string): number {
  const keys = image.getGeoKeys() as Record<string, unknown> | null;
  const fix = 'reproject it to lon/lat, e.g. `gdalwarp -t_srs EPSG:4326 in.tif out.tif`';
  if (!keys) {
    fail('no-georeferencing', file, 'GeoTIFF 缺少坐标参考（GeoKey）', `the GeoTIFF has no CRS (no GeoKeys): ${fix} or assign one with \`gdal_edit.py -a_srs EPSG:4326\`.`);
  }
  if (keys.GTModelTypeGeoKey !== undefined && keys.GTModelTypeGeoKey !== MODEL_TYPE_GEOGRAPHIC) {
    fail('unsupported-crs', file, `不支持的模型类型 ${String(keys.GTModelTypeGeoKey)}`, `model type ${String(keys.GTModelTypeGeoKey)} is not geographic lon/lat: ${fix}.`);
  }
  const epsg = keys.GeographicTypeGeoKey as number | undefined;
  if (epsg === undefined || epsg === USER_DEFINED || !SUPPORTED_GEOGRAPHIC_EPSG.has(epsg)) {
    fail('unsupported-crs', file, `不支持的地理坐标系 EPSG:${epsg ?? '未声明'}`, `geographic CRS EPSG:${epsg ?? 'undeclared'} is not supported (need EPSG:4326 or EPSG:4490): ${fix}.`);
  }
  return epsg;
}

export interface GeoTiffDemOptions {
  /**
   * The DEM's CRS, used instead of its GeoKeys (for a file whose keys are missing or
   * wrong). Default: the CRS the GeoKeys declare.
   */
  crs?: Crs;
  /** A projected DEM's lon/lat grid: the rectangle inside its data (default) or the whole one around it (`dem-reprojection.ts`). */
  extent?: ReprojectedExtent;
}

export interface GeoTiffDem {
  /** Lon/lat, whatever the file's CRS. */
  grid: ElevationGrid;
  /** EPSG code of the file's CRS, null for a user-defined one. */
  epsg: number | null;
  /** The file's CRS for messages, e.g. `EPSG:4545 CGCS2000 / 3-degree Gauss-Kruger CM 108E`. */
  crs: string;
  /** The grid was reprojected from the file's projected CRS onto lon/lat. */
  reprojected: boolean;
  /** The nodata value the file declared, if any. */
  nodata: number | undefined;
  /** Cells below MIN_PLAUSIBLE_ELEVATION_M that were not the declared nodata value, now no-data. */
  undeclaredVoids: number;
}

const isLonLatBuiltIn = (crs: Crs) => crs.epsg !== null && SUPPORTED_GEOGRAPHIC_EPSG.has(crs.epsg);

/** A file that declares no CRS at all but whose origin is in metres: say so, with `--crs`, rather than "EPSG undeclared". */
function refuseUndeclaredMetres(image: GeoTIFFImage, file: string): void {
  const keys = (image.getGeoKeys() ?? {}) as Record<string, unknown>;
  if (keys.GeographicTypeGeoKey !== undefined || keys.GTModelTypeGeoKey !== undefined) return;
  let origin: number[];
  try {
    origin = image.getOrigin();
  } catch {
    return;
  }
  const [x, y] = origin as [number, number];
  const checked = checkCoordinateCrs({ bounds: { minX: x, minY: y, maxX: x, maxY: y }, crs: null, inferZone: false, where: { file } });
  if (!checked.ok) {
    const problem = checked.problems[0]!;
    throw new TerrainInputError('unsupported-crs', file, `${problem.message}: ${problem.fix ?? ''}; ${DEM_CRS_FIX}.`);
  }
}

/** Decodes GeoTIFF bytes (`file` only names the source in messages). */
export async function decodeGeoTiffDem(bytes: Uint8Array, file: string, options: GeoTiffDemOptions = {}): Promise<GeoTiffDem> {
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  let image: GeoTIFFImage;
  try {
    const tiff = await fromArrayBuffer(buffer);
    image = await tiff.getImage(0);
  } catch (error) {
    fail('not-a-dem', file, '无法解析 GeoTIFF', `cannot parse the GeoTIFF (${error instanceof Error ? error.message : String(error)}): re-export it, e.g. \`gdal_translate -of GTiff in out.tif\`.`);
  }
  const directory = image.fileDirectory;
  const transformation = directory.getValue('ModelTransformation') as number[] | undefined;
  const hasTiepoint = directory.hasTag('ModelTiepoint') && directory.hasTag('ModelPixelScale');
  if (!hasTiepoint && !transformation) {
    fail('no-georeferencing', file, 'GeoTIFF 没有地理配准（缺少 ModelTiepoint/ModelPixelScale）', 'the GeoTIFF has no georeferencing (no ModelTiepoint/ModelPixelScale or ModelTransformation): georeference it, e.g. `gdal_translate -a_ullr W N E S -a_srs EPSG:4326 in.tif out.tif`.');
  }
  if (transformation && (transformation[1] !== 0 || transformation[4] !== 0)) {
    fail('unsupported-layout', file, 'GeoTIFF 带旋转的仿射变换', 'the GeoTIFF is rotated (ModelTransformation with shear terms): warp it north-up with `gdalwarp -t_srs EPSG:4326`.');
  }
  const given = options.crs;
  // Reprojected: any CRS but the two lon/lat ones read as they are.
  const reprojectFrom = given ? (isLonLatBuiltIn(given) ? null : given) : projectedCrsOfGeoKeys(image.getGeoKeys() as Record<string, unknown> | null, file);
  if (!given && !reprojectFrom) refuseUndeclaredMetres(image, file);
  const epsg = given ? given.epsg : reprojectFrom ? reprojectFrom.epsg : geographicEpsg(image, file);

  let sx: number;
  let sy: number;
  let ox: number;
  let oy: number;
  try {
    [sx, sy] = image.getResolution() as [number, number];
    [ox, oy] = image.getOrigin() as [number, number];
  } catch {
    fail('no-georeferencing', file, 'GeoTIFF 只有控制点（GCP），没有仿射变换', 'the GeoTIFF has ground control points but no affine transform: warp it, e.g. `gdalwarp -t_srs EPSG:4326 in.tif out.tif`.');
  }
  const dx = Math.abs(sx);
  const dy = Math.abs(sy);
  if (!(dx > 0 && dy > 0) || sx < 0 || sy > 0) {
    fail('unsupported-layout', file, 'GeoTIFF 像元尺寸无效或非北向上', `pixel size (${sx}, ${sy}) is not north-up: warp it with \`gdalwarp -t_srs EPSG:4326\`.`);
  }
  const tiepoint = directory.getValue('ModelTiepoint') as number[] | undefined;
  const [ti, tj] = tiepoint && tiepoint.length >= 6 ? [tiepoint[0]!, tiepoint[1]!] : [0, 0];
  const keys = (image.getGeoKeys() ?? {}) as Record<string, unknown>;
  const half = keys.GTRasterTypeGeoKey === RASTER_PIXEL_IS_POINT ? 0 : 0.5;
  const west = ox - ti * dx + half * dx;
  const north = oy + tj * dy - half * dy;

  const width = image.getWidth();
  const height = image.getHeight();
  const east = west + (width - 1) * dx;
  const south = north - (height - 1) * dy;
  if (reprojectFrom) {
    const checked = checkCoordinateCrs({ bounds: { minX: west, minY: south, maxX: east, maxY: north }, crs: reprojectFrom, crsFrom: given ? 'option' : 'file', where: { file } });
    if (!checked.ok) {
      const problem = checked.problems[0]!;
      throw new TerrainInputError('unsupported-crs', file, `${problem.message}: ${problem.fix ?? ''}; ${DEM_CRS_FIX}.`);
    }
  } else if (west < -180.5 || east > 360 || south < -90.5 || north > 90.5) {
    fail('unsupported-crs', file, `坐标范围 (${west}, ${south}, ${east}, ${north}) 不是经纬度`, `extent (${west}, ${south}, ${east}, ${north}) is not lon/lat although the file says EPSG:${epsg}: fix the CRS with \`gdal_edit.py -a_srs\` or reproject it.`);
  }

  let raster: ArrayLike<number>;
  try {
    raster = (await image.readRasters({ samples: [0], interleave: true })) as unknown as ArrayLike<number>;
  } catch (error) {
    // A file cut short (an interrupted copy or download) has intact headers but its pixels end early.
    fail('not-a-dem', file, `GeoTIFF 像元数据不完整或已损坏（${bytes.byteLength} 字节），文件可能被截断，请重新复制或导出`, `the GeoTIFF's pixel data is incomplete or damaged (${bytes.byteLength} bytes; ${error instanceof Error ? error.message : String(error)}): the file is probably truncated — copy or download it again, or re-export it with \`gdal_translate -of GTiff in out.tif\`.`);
  }
  const nodataRaw = image.getGDALNoData();
  // Undeclared: Int16 DEMs use SRTM's −32768 for voids.
  const int16 = image.getSampleFormat() === 2 && image.getBitsPerSample() === 16;
  const nodata = nodataRaw === null || Number.isNaN(nodataRaw) ? (int16 ? -32768 : undefined) : nodataRaw;
  const data = new Float32Array(width * height);
  // Float32 nodata is declared as text and loses precision: compare at Float32.
  const nodata32 = nodata === undefined ? undefined : Math.fround(nodata);
  let undeclaredVoids = 0;
  for (let i = 0; i < data.length; i++) {
    const v = raster[i]!;
    if (v === nodata || Math.fround(v) === nodata32) data[i] = Number.NaN;
    else if (!(v >= MIN_PLAUSIBLE_ELEVATION_M)) {
      // An undeclared void (e.g. −9999): no-data, not a 10 km pit in the terrain.
      data[i] = Number.NaN;
      undeclaredVoids++;
    } else data[i] = v;
  }
  const own: ElevationGrid = { width, height, west, north, dx, dy, data };
  if (reprojectFrom) return { grid: reprojectGridToLonLat(own, reprojectFrom, options.extent), epsg, crs: reprojectFrom.label, reprojected: true, nodata, undeclaredVoids };
  const crs = given?.label ?? `EPSG:${epsg} ${SUPPORTED_GEOGRAPHIC_EPSG.get(epsg!)}`;
  return { grid: own, epsg, crs, reprojected: false, nodata, undeclaredVoids };
}
