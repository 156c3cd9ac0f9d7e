/**
 * Footprints in China are often handed over in GCJ-02 (the "Mars" datum of Chinese
 * web maps, 高德/腾讯) or BD-09 (百度), shifted by several hundred metres from WGS84 /
 * CGCS2000. Each footprint still has valid lon/lat, so nothing fails — the district
 * just stands half in the river. This check notices: when many footprint centres
 * fall on the river (DEM at or below the river level, as the terrain water mask
 * decides water) or off the DEM, it warns, and says how many would be on land if the
 * GCJ-02 or BD-09 shift were undone.
 *
 * Threshold: 10 %. On the sample district no footprint centre is on the river; with
 * the real GCJ-02 shift applied (≈ +0.0037° lon, −0.0028° lat here) 19 % are, and a
 * BD-09 shift puts even more there. A district with riverside buildings standing on a
 * DEM below the river level would have a wrong DEM anyway.
 *
 * The GCJ-02 formula is the published one (as in every open "eviltransform" port);
 * BD-09 is GCJ-02 plus Baidu's further rotation and offset.
 */
import { type ElevationGrid, sampleElevation } from '../../core/elevation-grid.ts';

const A = 6378245.0;
const EE = 0.006693421622965943;
const X_PI = (Math.PI * 3000) / 180;

function dLat(x: number, y: number): number {
  let r = -100 + 2 * x + 3 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
  r += ((20 * Math.sin(6 * x * Math.PI) + 20 * Math.sin(2 * x * Math.PI)) * 2) / 3;
  r += ((20 * Math.sin(y * Math.PI) + 40 * Math.sin((y / 3) * Math.PI)) * 2) / 3;
  r += ((160 * Math.sin((y / 12) * Math.PI) + 320 * Math.sin((y * Math.PI) / 30)) * 2) / 3;
  return r;
}

function dLon(x: number, y: number): number {
  let r = 300 + x + 2 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
  r += ((20 * Math.sin(6 * x * Math.PI) + 20 * Math.sin(2 * x * Math.PI)) * 2) / 3;
  r += ((20 * Math.sin(x * Math.PI) + 40 * Math.sin((x / 3) * Math.PI)) * 2) / 3;
  r += ((150 * Math.sin((x / 12) * Math.PI) + 300 * Math.sin((x / 30) * Math.PI)) * 2) / 3;
  return r;
}

/** WGS84 → GCJ-02. */
export function wgs84ToGcj02(lon: number, lat: number): [number, number] {
  const radLat = (lat / 180) * Math.PI;
  const magic = 1 - EE * Math.sin(radLat) ** 2;
  const sqrtMagic = Math.sqrt(magic);
  const la = (dLat(lon - 105, lat - 35) * 180) / (((A * (1 - EE)) / (magic * sqrtMagic)) * Math.PI);
  const lo = (dLon(lon - 105, lat - 35) * 180) / ((A / sqrtMagic) * Math.cos(radLat) * Math.PI);
  return [lon + lo, lat + la];
}

/** GCJ-02 → WGS84 (iterated inverse; millimetres). */
export function gcj02ToWgs84(lon: number, lat: number): [number, number] {
  let [x, y] = [lon, lat];
  for (let i = 0; i < 4; i++) {
    const [gx, gy] = wgs84ToGcj02(x, y);
    x -= gx - lon;
    y -= gy - lat;
  }
  return [x, y];
}

/** GCJ-02 → BD-09. */
export function gcj02ToBd09(lon: number, lat: number): [number, number] {
  const z = Math.hypot(lon, lat) + 0.00002 * Math.sin(lat * X_PI);
  const t = Math.atan2(lat, lon) + 0.000003 * Math.cos(lon * X_PI);
  return [z * Math.cos(t) + 0.0065, z * Math.sin(t) + 0.006];
}

/** BD-09 → GCJ-02. */
export function bd09ToGcj02(lon: number, lat: number): [number, number] {
  const x = lon - 0.0065;
  const y = lat - 0.006;
  const z = Math.hypot(x, y) - 0.00002 * Math.sin(y * X_PI);
  const t = Math.atan2(y, x) - 0.000003 * Math.cos(x * X_PI);
  return [z * Math.cos(t), z * Math.sin(t)];
}

export interface DatumCheck {
  /** Footprint centres checked. */
  checked: number;
  /** Centres on the river (DEM ≤ water level) or off the DEM. */
  offLand: number;
  /** What share would be off land with the GCJ-02 or BD-09 shift undone. */
  ifGcj02: number;
  ifBd09: number;
  /** The warning (zh-CN / English), or null when the footprints sit on land. */
  warning: string | null;
}

export interface DatumCheckOptions {
  /** River surface (m); the DEM at or below it is water, as in the terrain water mask. */
  waterLevelM: number;
  /** Share of centres off land above which to warn. Default 0.1. */
  threshold?: number;
  /** Fewer footprints than this say nothing. Default 20. */
  minFootprints?: number;
}

/** `centres`: flat [lon0, lat0, lon1, lat1, …] of footprint centres. */
export function checkDatum(grid: ElevationGrid, centres: ArrayLike<number>, options: DatumCheckOptions): DatumCheck {
  const threshold = options.threshold ?? 0.1;
  const n = Math.floor(centres.length / 2);
  const offLandWith = (shift: (lon: number, lat: number) => [number, number]) => {
    let off = 0;
    for (let i = 0; i < n; i++) {
      const [lon, lat] = shift(centres[2 * i]!, centres[2 * i + 1]!);
      if (!(sampleElevation(grid, lon, lat) > options.waterLevelM)) off++;
    }
    return off;
  };
  const offLand = offLandWith((lon, lat) => [lon, lat]);
  const result: DatumCheck = { checked: n, offLand, ifGcj02: Number.NaN, ifBd09: Number.NaN, warning: null };
  if (n < (options.minFootprints ?? 20) || offLand / n <= threshold) return result;
  result.ifGcj02 = offLandWith(gcj02ToWgs84) / n;
  result.ifBd09 = offLandWith((lon, lat) => gcj02ToWgs84(...bd09ToGcj02(lon, lat))) / n;
  const pct = (f: number) => `${(f * 100).toFixed(0)} %`;
  const best = result.ifGcj02 <= result.ifBd09 ? { name: 'GCJ-02', share: result.ifGcj02 } : { name: 'BD-09', share: result.ifBd09 };
  const likely = best.share < offLand / n / 2;
  result.warning =
    `${offLand}/${n} 个建筑轮廓中心（${pct(offLand / n)}）落在河面（DEM ≤ ${options.waterLevelM} m）或 DEM 之外，数据可能是 GCJ-02（火星坐标）或 BD-09（百度）坐标，请转换为 WGS84/CGCS2000 / ` +
    `${offLand} of ${n} footprint centres (${pct(offLand / n)}) are on the river (DEM ≤ ${options.waterLevelM} m) or off the DEM: the data may be GCJ-02 or BD-09 (Chinese web-map datums, shifted ~500 m); convert it to WGS84/CGCS2000 lon/lat` +
    (likely ? ` — with the ${best.name} shift undone only ${pct(best.share)} would be, so it probably is ${best.name}` : ` (undoing GCJ-02 leaves ${pct(result.ifGcj02)}, BD-09 ${pct(result.ifBd09)} off land: check the DEM covers the footprints)`);
  return result;
}
