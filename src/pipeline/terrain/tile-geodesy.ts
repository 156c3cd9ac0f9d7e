/**
 * The geodesy a quantized-mesh header needs, done with Cesium's own math so the client
 * that reads the header agrees with what wrote it: ECEF positions, the bounding sphere
 * and the horizon occlusion point (in ellipsoid-scaled space, as the spec asks).
 */
import * as Cesium from 'cesium';
import { BoundingSphere, Cartesian3, Ellipsoid } from 'cesium';

/** Cesium exports EllipsoidalOccluder at run time but leaves it out of its typings. */
interface EllipsoidalOccluderLike {
  computeHorizonCullingPoint(directionToPoint: Cartesian3, positions: Cartesian3[], result?: Cartesian3): Cartesian3 | undefined;
}
const { EllipsoidalOccluder } = Cesium as unknown as { EllipsoidalOccluder: new (ellipsoid: Ellipsoid) => EllipsoidalOccluderLike };
const occluder = new EllipsoidalOccluder(Ellipsoid.WGS84);

export interface TileGeodesy {
  center: [number, number, number];
  boundingSphere: { center: [number, number, number]; radius: number };
  horizonOcclusionPoint: [number, number, number];
}

export function ecefFromDegrees(lon: number, lat: number, height: number): Cartesian3 {
  return Cartesian3.fromDegrees(lon, lat, height, Ellipsoid.WGS84);
}

/** Direction far along which stands in when no finite point works (hemisphere tiles). */
const FAR_SCALED_MAGNITUDE = 1000;

/**
 * `rectCentre` is the tile's centre on the ellipsoid: the direction to use when the
 * bounding sphere's centre is near the Earth's (hemisphere-sized tiles), where Cesium
 * itself gives up on horizon culling.
 */
export function tileGeodesy(positions: Cartesian3[], rectCentre: Cartesian3): TileGeodesy {
  const sphere = BoundingSphere.fromPoints(positions);
  const c = sphere.center;
  const direction = Cartesian3.magnitude(c) < 0.1 * Ellipsoid.WGS84.minimumRadius ? rectCentre : c;
  let hop = occluder.computeHorizonCullingPoint(direction, positions);
  if (!hop || !Number.isFinite(hop.x)) {
    // A tile spanning about a hemisphere (the two root tiles) has no finite horizon
    // point. A point far out along the tile's direction is hidden only from cameras
    // roughly opposite, which cannot see the tile either.
    const scaled = Ellipsoid.WGS84.transformPositionToScaledSpace(direction, new Cartesian3());
    hop = Cartesian3.multiplyByScalar(Cartesian3.normalize(scaled, scaled), FAR_SCALED_MAGNITUDE, new Cartesian3());
  }
  return {
    center: [c.x, c.y, c.z],
    boundingSphere: { center: [c.x, c.y, c.z], radius: sphere.radius },
    horizonOcclusionPoint: [hop.x, hop.y, hop.z],
  };
}

/** Unit vectors east, north and up (geodetic normal) at lon/lat, in ECEF. */
export function enuBasis(lonDeg: number, latDeg: number): { east: number[]; north: number[]; up: number[] } {
  const l = (lonDeg * Math.PI) / 180;
  const p = (latDeg * Math.PI) / 180;
  const sl = Math.sin(l);
  const cl = Math.cos(l);
  const sp = Math.sin(p);
  const cp = Math.cos(p);
  return { east: [-sl, cl, 0], north: [-sp * cl, -sp * sl, cp], up: [cp * cl, cp * sl, sp] };
}
