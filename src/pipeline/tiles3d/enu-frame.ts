/**
 * WGS84 geodesy for tile contents: geodetic ↔ ECEF, and a local east-north-up frame
 * per tile. Tiles are placed with an exact ENU→ECEF matrix, so vertices are stored as
 * small local offsets (quantizable to int16) yet land on the ellipsoid exactly; a flat
 * projection would sink a building 6 km from the tile centre by ~3 m (Earth curvature).
 */

import { WGS84_A, WGS84_E2 as E2, geodeticToEcef, type Vec3 } from '../../core/wgs84.ts';

export { WGS84_A, WGS84_F, geodeticToEcef, type Vec3 } from '../../core/wgs84.ts';
const DEG = Math.PI / 180;

/** ECEF metres → [lon°, lat°, height m] (Bowring's iteration; sub-millimetre near the surface). */
export function ecefToGeodetic(x: number, y: number, z: number): Vec3 {
  const lon = Math.atan2(y, x);
  const p = Math.hypot(x, y);
  let lat = Math.atan2(z, p * (1 - E2));
  let height = 0;
  for (let i = 0; i < 6; i++) {
    const sinLat = Math.sin(lat);
    const n = WGS84_A / Math.sqrt(1 - E2 * sinLat * sinLat);
    height = p / Math.cos(lat) - n;
    lat = Math.atan2(z, p * (1 - (E2 * n) / (n + height)));
  }
  return [lon / DEG, lat / DEG, height];
}

/** A local east-north-up frame at a geodetic origin. */
export interface EnuFrame {
  readonly origin: Vec3;
  readonly east: Vec3;
  readonly north: Vec3;
  readonly up: Vec3;
  /** lon°, lat°, h → [east, north, up] metres in this frame. */
  toLocal(lonDeg: number, latDeg: number, height: number): Vec3;
  /** Column-major 4×4 ENU → ECEF matrix (the 3D Tiles `transform` layout). */
  toEcefMatrix(): number[];
}

export function createEnuFrame(lonDeg: number, latDeg: number, height: number): EnuFrame {
  const lon = lonDeg * DEG;
  const lat = latDeg * DEG;
  const origin = geodeticToEcef(lonDeg, latDeg, height);
  const east: Vec3 = [-Math.sin(lon), Math.cos(lon), 0];
  const north: Vec3 = [-Math.sin(lat) * Math.cos(lon), -Math.sin(lat) * Math.sin(lon), Math.cos(lat)];
  const up: Vec3 = [Math.cos(lat) * Math.cos(lon), Math.cos(lat) * Math.sin(lon), Math.sin(lat)];
  return {
    origin,
    east,
    north,
    up,
    toLocal(lo, la, h) {
      const [x, y, z] = geodeticToEcef(lo, la, h);
      const dx = x - origin[0];
      const dy = y - origin[1];
      const dz = z - origin[2];
      return [
        dx * east[0] + dy * east[1] + dz * east[2],
        dx * north[0] + dy * north[1] + dz * north[2],
        dx * up[0] + dy * up[1] + dz * up[2],
      ];
    },
    toEcefMatrix: () => [...east, 0, ...north, 0, ...up, 0, ...origin, 1],
  };
}

/** Product of two column-major 4×4 matrices, a·b. */
export function multiplyMatrices(a: readonly number[], b: readonly number[]): number[] {
  const out = new Array<number>(16).fill(0);
  for (let col = 0; col < 4; col++) {
    for (let row = 0; row < 4; row++) {
      let sum = 0;
      for (let k = 0; k < 4; k++) sum += a[k * 4 + row]! * b[col * 4 + k]!;
      out[col * 4 + row] = sum;
    }
  }
  return out;
}

/** Inverse of a rigid (rotation + translation) column-major 4×4 matrix. */
export function invertRigidMatrix(m: readonly number[]): number[] {
  // Rotation part transposed; translation rotated back and negated.
  const r = [m[0]!, m[1]!, m[2]!, m[4]!, m[5]!, m[6]!, m[8]!, m[9]!, m[10]!];
  const t = [m[12]!, m[13]!, m[14]!];
  const out = [r[0]!, r[3]!, r[6]!, 0, r[1]!, r[4]!, r[7]!, 0, r[2]!, r[5]!, r[8]!, 0, 0, 0, 0, 1];
  for (let row = 0; row < 3; row++) {
    out[12 + row] = -(out[row]! * t[0]! + out[4 + row]! * t[1]! + out[8 + row]! * t[2]!);
  }
  return out;
}

/** Applies a column-major 4×4 matrix to a point. */
export function transformPoint(m: readonly number[], p: readonly number[]): Vec3 {
  const [x, y, z] = [p[0]!, p[1]!, p[2]!];
  return [
    m[0]! * x + m[4]! * y + m[8]! * z + m[12]!,
    m[1]! * x + m[5]! * y + m[9]! * z + m[13]!,
    m[2]! * x + m[6]! * y + m[10]! * z + m[14]!,
  ];
}
