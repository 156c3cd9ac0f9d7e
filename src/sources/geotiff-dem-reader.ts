/**
 * Reads a single-band GeoTIFF DEM in geographic lon/lat (EPSG:4326 or CGCS2000
 * EPSG:4490, which differ by centimetres; see DOMAIN.md) into an ElevationGrid with the
 * `geotiff` package. Everything a district might hand over wrongly is a
 * TerrainInputError naming the file and the fix.
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
import { TerrainInputError } from './terrain-input-error.ts';

/** Geographic CRSs we read as WGS84 lon/lat. */
export const SUPPORTED_GEOGRAPHIC_EPSG: ReadonlyMap<number, string> = new Map([
  [4326, 'WGS 84'],
  [4490, 'CGCS2000'],
]);

const MODEL_TYPE_PROJECTED = 1;
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

/** Checks the CRS keys and returns the EPSG code of the geographic CRS. */
function geographicEpsg(image: GeoTIFFImage, file: string): number {
  const keys = image.getGeoKeys() as Record<string, unknown> | null;
  const fix = 'reproject it to lon/lat, e.g. `gdalwarp -t_srs EPSG:4326 in.tif out.tif`';
  if (!keys) {
    fail('no-georeferencing', file, 'GeoTIFF 缺少坐标参考（GeoKey）', `the GeoTIFF has no CRS (no GeoKeys): ${fix} or assign one with \`gdal_edit.py -a_srs EPSG:4326\`.`);
  }
  const projected = keys.ProjectedCSTypeGeoKey as number | undefined;
  if (keys.GTModelTypeGeoKey === MODEL_TYPE_PROJECTED || projected !== undefined) {
    fail('unsupported-crs', file, `不支持投影坐标系 EPSG:${projected ?? '?'}`, `projected CRS EPSG:${projected ?? 'user-defined'} is not supported (need EPSG:4326 or EPSG:4490 lon/lat): ${fix}.`);
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

export interface GeoTiffDem {
  grid: ElevationGrid;
  epsg: number;
  /** The nodata value the file declared, if any. */
  nodata: number | undefined;
  /** Cells below MIN_PLAUSIBLE_ELEVATION_M that were not the declared nodata value, now no-data. */
  undeclaredVoids: number;
}

/** Decodes GeoTIFF bytes (`file` only names the source in messages). */
export async function decodeGeoTiffDem(bytes: Uint8Array, file: string): Promise<GeoTiffDem> {
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
  const epsg = geographicEpsg(image, file);

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
  if (west < -180.5 || east > 360 || south < -90.5 || north > 90.5) {
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
  return { grid: { width, height, west, north, dx, dy, data }, epsg, nodata, undeclaredVoids };
}
