/**
 * The WGS84 ellipsoid and geodetic → ECEF: the few lines every frame in the code base
 * starts from (the pipeline's tile frames, the pick index, the analysis tools), kept
 * once so they cannot drift apart. No dependencies: the pick index reaches the viewer.
 */

export const WGS84_A = 6_378_137;
export const WGS84_F = 1 / 298.257223563;
/** First eccentricity squared. */
export const WGS84_E2 = WGS84_F * (2 - WGS84_F);

export type Vec3 = [number, number, number];

const DEG = Math.PI / 180;

/** lon°, lat°, ellipsoid height m → ECEF metres. */
export function geodeticToEcef(lonDeg: number, latDeg: number, height: number): Vec3 {
  const lon = lonDeg * DEG;
  const lat = latDeg * DEG;
  const sinLat = Math.sin(lat);
  const cosLat = Math.cos(lat);
  const n = WGS84_A / Math.sqrt(1 - WGS84_E2 * sinLat * sinLat);
  return [(n + height) * cosLat * Math.cos(lon), (n + height) * cosLat * Math.sin(lon), (n * (1 - WGS84_E2) + height) * sinLat];
}
