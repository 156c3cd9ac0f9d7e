/**
 * The projected CRS a GeoTIFF DEM's GeoKeys declare (issue 17: districts hand over DEMs
 * in CGCS2000 Gauss-Krüger metres), through `src/sources/crs/`:
 *
 * - `ProjectedCSTypeGeoKey` an EPSG code → the built-in definition (4491–4554, UTM, …);
 * - user-defined (32767) with a WKT in the citation (`ESRI PE String = PROJCS[…]`, as
 *   ArcGIS writes) → that WKT;
 * - user-defined transverse Mercator (`ProjCoordTransGeoKey` 1), as gdalwarp writes a
 *   custom central meridian (`+proj=tmerc +lon_0=106.5 …`) → the same proj string built
 *   from the keys, on the GRS 80 or WGS 84 ellipsoid in metres (other ellipsoids, e.g.
 *   Xian 1980's, would need a datum shift we do not guess, and are refused);
 * - anything else projected → a TerrainInputError naming the keys, with the fix
 *   (give the CRS, or `gdalwarp -t_srs EPSG:4326`).
 *
 * Returns null for a file that declares no projected CRS: the geographic reader
 * (`geotiff-dem-reader.ts`) checks it as before.
 */
import { type Crs, crsFromEpsg, crsFromWkt, resolveCrs } from './crs/crs.ts';
import { TerrainInputError } from './terrain-input-error.ts';

const MODEL_TYPE_PROJECTED = 1;
const USER_DEFINED = 32767;
const CT_TRANSVERSE_MERCATOR = 1;
const LINEAR_UNIT_METRE = 9001;
/** EPSG ellipsoid codes we take as WGS 84-compatible (CGCS2000 alike): GRS 1980, WGS 84. */
const ELLIPSOIDS: ReadonlyMap<number, string> = new Map([
  [7019, 'GRS80'],
  [7030, 'WGS84'],
]);
const GEOGRAPHIC_ELLIPSOID: ReadonlyMap<number, string> = new Map([
  [4490, 'GRS80'],
  [4326, 'WGS84'],
]);

/** The fix every refused DEM CRS shares: name it, or warp the file to lon/lat. */
export const DEM_CRS_FIX = '给出坐标系（--crs EPSG:4545）或转为经纬度 / give its CRS (e.g. --crs EPSG:4545) or warp it to lon/lat: `gdalwarp -t_srs EPSG:4326 in.tif out.tif`';

function refuse(file: string, zh: string, en: string): never {
  throw new TerrainInputError('unsupported-crs', file, `${file}: ${zh} / ${en}: ${DEM_CRS_FIX}.`);
}

function ellipsoidOf(keys: Record<string, unknown>): string | null {
  const a = keys.GeogSemiMajorAxisGeoKey as number | undefined;
  const rf = keys.GeogInvFlatteningGeoKey as number | undefined;
  const byCode = ELLIPSOIDS.get(keys.GeogEllipsoidGeoKey as number) ?? GEOGRAPHIC_ELLIPSOID.get(keys.GeographicTypeGeoKey as number);
  if (byCode) return byCode;
  if (a === 6378137 && rf !== undefined && Math.abs(rf - 298.2572) < 1e-3) return rf < 298.2572225 ? 'GRS80' : 'WGS84';
  return null;
}

function userDefinedTransverseMercator(keys: Record<string, unknown>, file: string): Crs {
  const units = keys.ProjLinearUnitsGeoKey as number | undefined;
  if (units !== undefined && units !== LINEAR_UNIT_METRE) {
    refuse(file, `投影坐标单位 ${units} 不是米`, `the projected linear unit (ProjLinearUnitsGeoKey ${units}) is not metres`);
  }
  const ellps = ellipsoidOf(keys);
  if (!ellps) {
    refuse(file, '椭球不是 CGCS2000/GRS80 或 WGS 84', `the ellipsoid (GeogEllipsoidGeoKey ${String(keys.GeogEllipsoidGeoKey ?? 'undeclared')}, a ${String(keys.GeogSemiMajorAxisGeoKey ?? '?')}, 1/f ${String(keys.GeogInvFlatteningGeoKey ?? '?')}) is not CGCS2000/GRS 80 or WGS 84 (another datum needs a shift we do not guess)`);
  }
  const num = (name: string, fallback: number) => {
    const v = keys[name];
    return typeof v === 'number' ? v : fallback;
  };
  const lon0 = num('ProjNatOriginLongGeoKey', num('ProjCenterLongGeoKey', Number.NaN));
  if (Number.isNaN(lon0)) refuse(file, '横轴墨卡托投影缺少中央经线', 'the transverse Mercator GeoKeys have no central meridian (ProjNatOriginLongGeoKey)');
  const proj = `+proj=tmerc +lat_0=${num('ProjNatOriginLatGeoKey', 0)} +lon_0=${lon0} +k=${num('ProjScaleAtNatOriginGeoKey', 1)} +x_0=${num('ProjFalseEastingGeoKey', 0)} +y_0=${num('ProjFalseNorthingGeoKey', 0)} +ellps=${ellps} +units=m +no_defs`;
  const crs = resolveCrs(proj, { file });
  if (!crs.ok) refuse(file, '无法读取自定义投影', `cannot read the user-defined projection (${crs.problems[0]!.message})`);
  return crs.value;
}

/** The projected CRS the GeoKeys declare, null when they declare none; throws TerrainInputError when it cannot be used. */
export function projectedCrsOfGeoKeys(keys: Record<string, unknown> | null, file: string): Crs | null {
  if (!keys) return null;
  const code = keys.ProjectedCSTypeGeoKey as number | undefined;
  if (keys.GTModelTypeGeoKey !== MODEL_TYPE_PROJECTED && code === undefined) return null;
  if (code !== undefined && code !== USER_DEFINED) {
    const crs = crsFromEpsg(code, { file });
    if (!crs.ok) refuse(file, `不支持投影坐标系 EPSG:${code}`, `projected CRS EPSG:${code} is not built in (built in: CGCS2000 Gauss-Krüger 4491–4554, WGS 84 UTM 32601–32760)`);
    return crs.value;
  }
  const citation = [keys.PCSCitationGeoKey, keys.GTCitationGeoKey].find((c): c is string => typeof c === 'string' && /PROJCS\s*\[/i.test(c));
  if (citation) {
    const crs = crsFromWkt(citation.slice(citation.search(/PROJCS\s*\[/i)), { file });
    if (crs.ok) return crs.value;
  }
  if (keys.ProjCoordTransGeoKey === CT_TRANSVERSE_MERCATOR) return userDefinedTransverseMercator(keys, file);
  refuse(file, '不支持的自定义投影坐标系', `the user-defined projected CRS (ProjCoordTransGeoKey ${String(keys.ProjCoordTransGeoKey ?? 'undeclared')}, no WKT in its citation) is not supported: only EPSG codes and transverse Mercator (Gauss-Krüger) are read`);
}
