/**
 * WGS84 geodesy for the analysis tools (issue 18): geodesic distance, azimuth and area
 * on the ellipsoid from Karney's geographiclib (exact to the nanometre, not a spherical
 * formula: a spherical haversine is off by up to 0.5 % in distance), points along a
 * geodesic, and the exact conversions between lon/lat/ellipsoid height, ECEF and a local
 * east-north-up frame — the same frame `createPickFrame` (building-pick-index.ts) spans,
 * so analysis results land in the pick index's frame.
 *
 * Heights are ellipsoid heights throughout, as the terrain and building tiles place
 * them (the DEM's heights go into the tiles unchanged, as heights above the ellipsoid).
 *
 * Angles: degrees; azimuths clockwise from north in (−180°, 180°].
 */
import geodesic from 'geographiclib-geodesic';
import { WGS84_A, WGS84_E2, WGS84_F, geodeticToEcef, type Vec3 } from '../wgs84.ts';

export { WGS84_A, WGS84_F, geodeticToEcef, type Vec3 } from '../wgs84.ts';
const E2 = WGS84_E2;
const DEG = Math.PI / 180;

const GEOD = geodesic.Geodesic.WGS84;
const INVERSE_MASK = geodesic.Geodesic.DISTANCE | geodesic.Geodesic.AZIMUTH;
/** Points along a line need only their lon/lat: no azimuths, reduced length or scales. */
const POSITION_MASK = geodesic.Geodesic.LATITUDE | geodesic.Geodesic.LONGITUDE;
const POINTS_CAPS = POSITION_MASK | geodesic.Geodesic.DISTANCE_IN;


export interface LonLat {
  readonly lon: number;
  readonly lat: number;
}

export interface LonLatHeight extends LonLat {
  /** Ellipsoid height (m). */
  readonly height: number;
}

export interface GeodesicInverse {
  /** Geodesic distance on the ellipsoid (m). */
  distance: number;
  /** Azimuth at the first point and at the second (degrees clockwise from north). */
  azimuth1: number;
  azimuth2: number;
}

/** Distance and azimuths of the geodesic from a to b (Karney's inverse problem). */
export function geodesicInverse(a: LonLat, b: LonLat): GeodesicInverse {
  const r = GEOD.Inverse(a.lat, a.lon, b.lat, b.lon, INVERSE_MASK);
  return { distance: r.s12 ?? Number.NaN, azimuth1: r.azi1 ?? Number.NaN, azimuth2: r.azi2 ?? Number.NaN };
}

/** Geodesic distance on the ellipsoid (m). */
export function geodesicDistance(a: LonLat, b: LonLat): number {
  return GEOD.Inverse(a.lat, a.lon, b.lat, b.lon, geodesic.Geodesic.DISTANCE).s12 ?? Number.NaN;
}

/** The point `distance` metres from `from` along azimuth `azimuth` (Karney's direct problem). */
export function geodesicDirect(from: LonLat, azimuth: number, distance: number): LonLat {
  const r = GEOD.Direct(from.lat, from.lon, azimuth, distance);
  return { lon: r.lon2 ?? Number.NaN, lat: r.lat2 ?? Number.NaN };
}

/**
 * Points along the geodesic from a to b, both ends included, equally spaced at no more
 * than `step` metres (so the last spacing is not a stub). Each with its distance from a.
 */
export function geodesicPoints(a: LonLat, b: LonLat, step: number): { lon: number; lat: number; distance: number }[] {
  const line = GEOD.InverseLine(a.lat, a.lon, b.lat, b.lon, POINTS_CAPS);
  const total = line.s13;
  const parts = Math.max(1, Math.ceil(total / step));
  const points: { lon: number; lat: number; distance: number }[] = [{ lon: a.lon, lat: a.lat, distance: 0 }];
  for (let k = 1; k < parts; k++) {
    const s = (total * k) / parts;
    const p = line.Position(s, POSITION_MASK);
    points.push({ lon: p.lon2 ?? Number.NaN, lat: p.lat2 ?? Number.NaN, distance: s });
  }
  points.push({ lon: b.lon, lat: b.lat, distance: total });
  return points;
}

/**
 * Geodesic area (m², positive whatever the winding) and perimeter (m) of a ring on the
 * ellipsoid, without its closing repeat (geographiclib's PolygonArea: edges are geodesics).
 */
export function geodesicRingArea(ring: readonly LonLat[]): { area: number; perimeter: number } {
  const polygon = GEOD.Polygon(false);
  for (const p of ring) polygon.AddPoint(p.lat, p.lon);
  // sign = true: a clockwise ring gives minus its area, not the rest of the Earth.
  const r = polygon.Compute(false, true);
  return { area: Math.abs(r.area ?? Number.NaN), perimeter: r.perimeter };
}

/**
 * ECEF metres → lon°, lat°, ellipsoid height m. Fixed-point iteration on the latitude
 * until it moves by < 1e-14 rad: near the surface each step shrinks the error by ~e²·h/N
 * (≪ 1e-6), so it stops after two or three (tested against the closed-form poles and
 * equator and round trips; high above the Earth it takes a few more).
 */
export function ecefToGeodetic(x: number, y: number, z: number): LonLatHeight {
  const p = Math.hypot(x, y);
  const lon = Math.atan2(y, x);
  if (p < 1e-9) {
    // On the axis: the pole, height above the polar radius.
    const b = WGS84_A * (1 - WGS84_F);
    return { lon: 0, lat: z >= 0 ? 90 : -90, height: Math.abs(z) - b };
  }
  let lat = Math.atan2(z, p * (1 - E2));
  for (let k = 0; k < 10; k++) {
    const s = Math.sin(lat);
    const n = WGS84_A / Math.sqrt(1 - E2 * s * s);
    const h = p / Math.cos(lat) - n;
    const next = Math.atan2(z, p * (1 - (E2 * n) / (n + h)));
    const done = Math.abs(next - lat) < 1e-14;
    lat = next;
    if (done) break;
  }
  // Height in the form that stays exact near the poles too (no division by cos φ).
  const s = Math.sin(lat);
  const c = Math.cos(lat);
  const height = p * c + z * s - WGS84_A * Math.sqrt(1 - E2 * s * s);
  return { lon: lon / DEG, lat: lat / DEG, height };
}

/** Straight-line (chord) distance through space between two points with ellipsoid heights (m). */
export function chordDistance(a: LonLatHeight, b: LonLatHeight): number {
  const p = geodeticToEcef(a.lon, a.lat, a.height);
  const q = geodeticToEcef(b.lon, b.lat, b.height);
  return Math.hypot(p[0] - q[0], p[1] - q[1], p[2] - q[2]);
}

/**
 * A local east-north-up frame at `origin` [lon°, lat°, h m]: the tangent plane there,
 * "up" along the ellipsoid normal — the frame of `createPickFrame` and Cesium's
 * eastNorthUpToFixedFrame. Both directions exact (no flat-earth approximation): a point
 * 3 km away on the ellipsoid is 0.7 m below the frame's east-north plane.
 */
export interface EnuFrame {
  readonly origin: readonly [number, number, number];
  /** lon°, lat°, h → [east, north, up] m. */
  toLocal(lon: number, lat: number, height: number): Vec3;
  /** [east, north, up] m → lon°, lat°, h. */
  toGeodetic(east: number, north: number, up: number): LonLatHeight;
}

export function createEnuFrame(origin: readonly [number, number, number]): EnuFrame {
  const lon0 = origin[0] * DEG;
  const lat0 = origin[1] * DEG;
  const o = geodeticToEcef(origin[0], origin[1], origin[2]);
  const e: Vec3 = [-Math.sin(lon0), Math.cos(lon0), 0];
  const n: Vec3 = [-Math.sin(lat0) * Math.cos(lon0), -Math.sin(lat0) * Math.sin(lon0), Math.cos(lat0)];
  const u: Vec3 = [Math.cos(lat0) * Math.cos(lon0), Math.cos(lat0) * Math.sin(lon0), Math.sin(lat0)];
  return {
    origin: [origin[0], origin[1], origin[2]],
    toLocal(lon, lat, height) {
      const p = geodeticToEcef(lon, lat, height);
      const dx = p[0] - o[0];
      const dy = p[1] - o[1];
      const dz = p[2] - o[2];
      return [dx * e[0] + dy * e[1] + dz * e[2], dx * n[0] + dy * n[1] + dz * n[2], dx * u[0] + dy * u[1] + dz * u[2]];
    },
    toGeodetic(x, y, z) {
      return ecefToGeodetic(
        o[0] + x * e[0] + y * n[0] + z * u[0],
        o[1] + x * e[1] + y * n[1] + z * u[1],
        o[2] + x * e[2] + y * n[2] + z * u[2],
      );
    },
  };
}

/**
 * Metres per degree of longitude and of latitude at a latitude on the ellipsoid (radii of
 * curvature N·cos φ and M): the local scale for small grids in lon/lat.
 */
export function metresPerDegree(lat: number): { lon: number; lat: number } {
  const s = Math.sin(lat * DEG);
  const w = Math.sqrt(1 - E2 * s * s);
  const n = WGS84_A / w;
  const m = (WGS84_A * (1 - E2)) / (w * w * w);
  return { lon: n * Math.cos(lat * DEG) * DEG, lat: m * DEG };
}
