/**
 * A local equirectangular projection in metres around an origin. Over a district
 * (~12 km) its scale error is well under 0.1 %, which is plenty for generating and
 * measuring footprints; exact geodesy (ECEF, ellipsoid) is Cesium's job in the viewer.
 */

const EARTH_RADIUS_M = 6_371_008.8;
const DEG = Math.PI / 180;

export interface LocalProjection {
  readonly originLon: number;
  readonly originLat: number;
  /** lon/lat (degrees) → x east, y north (metres). */
  toLocal(lon: number, lat: number): [number, number];
  /** x east, y north (metres) → lon/lat (degrees). */
  toLonLat(x: number, y: number): [number, number];
  /** Metres per degree of longitude and of latitude at the origin. */
  readonly metresPerDegree: { lon: number; lat: number };
}

export function createLocalProjection(originLon: number, originLat: number): LocalProjection {
  const lat = EARTH_RADIUS_M * DEG;
  const lon = lat * Math.cos(originLat * DEG);
  return {
    originLon,
    originLat,
    metresPerDegree: { lon, lat },
    toLocal: (lo, la) => [(lo - originLon) * lon, (la - originLat) * lat],
    toLonLat: (x, y) => [originLon + x / lon, originLat + y / lat],
  };
}

/** Shoelace area of a ring of local coordinates (m²), positive when counter-clockwise. */
export function signedRingArea(ring: ReadonlyArray<readonly [number, number] | readonly number[]>): number {
  let sum = 0;
  for (let i = 0, n = ring.length; i < n; i++) {
    const a = ring[i]!;
    const b = ring[(i + 1) % n]!;
    sum += a[0]! * b[1]! - b[0]! * a[1]!;
  }
  return sum / 2;
}
