/**
 * Per-vertex normals for the `octvertexnormals` extension, from the height field's
 * gradient at each vertex rather than from the tile's own triangles: a vertex shared by
 * two tiles then gets the same normal in both (no lighting seam), and the shading keeps
 * slope detail the simplified mesh dropped.
 */
import * as Cesium from 'cesium';
import { Cartesian2, Cartesian3 } from 'cesium';
import type { HeightField } from './height-field.ts';
import { enuBasis } from './tile-geodesy.ts';

const M_PER_DEG = 111_320;

/** Cesium's oct encoding (exported at run time, not in its typings): the decoder's exact inverse. */
const { AttributeCompression } = Cesium as unknown as {
  AttributeCompression: { octEncode(vector: Cartesian3, result: Cartesian2): Cartesian2 };
};

/**
 * Oct-encoded normals, two bytes per vertex. `stepDeg` is the finite-difference step
 * (about the lattice spacing: finer would read noise the level cannot show).
 */
export function octEncodedNormals(field: HeightField, lons: Float64Array, lats: Float64Array, stepDeg: number): Uint8Array {
  const out = new Uint8Array(lons.length * 2);
  const n = new Cartesian3();
  const enc = new Cartesian2();
  for (let i = 0; i < lons.length; i++) {
    const lon = lons[i]!;
    const lat = lats[i]!;
    const mx = stepDeg * M_PER_DEG * Math.cos((lat * Math.PI) / 180);
    const my = stepDeg * M_PER_DEG;
    const dhdx = (field.heightAt(lon + stepDeg, lat) - field.heightAt(lon - stepDeg, lat)) / (2 * mx);
    const dhdy = (field.heightAt(lon, lat + stepDeg) - field.heightAt(lon, lat - stepDeg)) / (2 * my);
    const { east, north, up } = enuBasis(lon, lat);
    n.x = -dhdx * east[0]! - dhdy * north[0]! + up[0]!;
    n.y = -dhdx * east[1]! - dhdy * north[1]! + up[1]!;
    n.z = -dhdx * east[2]! - dhdy * north[2]! + up[2]!;
    Cartesian3.normalize(n, n);
    AttributeCompression.octEncode(n, enc);
    out[i * 2] = enc.x;
    out[i * 2 + 1] = enc.y;
  }
  return out;
}
