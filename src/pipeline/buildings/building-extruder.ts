/**
 * Extrudes a placed footprint into a prism in a tile's frame: walls from the base
 * (lowest ground) to the roof, and a flat roof triangulated with its holes (earcut).
 * No floor: it is underground. Output is glTF y-up: ENU (e, n, u) → (e, u, −n).
 *
 * Winding: outer rings run counter-clockwise and holes clockwise (the validator sees
 * to it), so the quad (a₀, b₀, b₁, a₁) of every edge a→b faces away from the solid,
 * i.e. outward for outer walls and into the courtyard for hole walls.
 */
import earcut from 'earcut';
import { WGS84_A, WGS84_F, type EnuFrame } from '../tiles3d/enu-frame.ts';
import type { MeshAccumulator } from '../tiles3d/mesh-accumulator.ts';
import type { BuildingShape } from './tile-job.ts';

const DEG = Math.PI / 180;
const E2 = WGS84_F * (2 - WGS84_F);

/**
 * Local (glTF y-up) positions of a ring's vertices at two heights. Computing the
 * ellipsoid point once and moving along the local normal gives both heights exactly.
 */
function ringToLocal(frame: EnuFrame, ring: Float64Array, base: number, roof: number): { bottom: Float64Array; top: Float64Array } {
  const n = ring.length / 2;
  const bottom = new Float64Array(3 * n);
  const top = new Float64Array(3 * n);
  const [ox, oy, oz] = frame.origin;
  const [e0, e1, e2] = frame.east;
  const [n0, n1, n2] = frame.north;
  const [u0, u1, u2] = frame.up;
  for (let k = 0; k < n; k++) {
    const lon = ring[2 * k]! * DEG;
    const lat = ring[2 * k + 1]! * DEG;
    const sinLat = Math.sin(lat);
    const cosLat = Math.cos(lat);
    const cosLon = Math.cos(lon);
    const sinLon = Math.sin(lon);
    // Ellipsoid point (h = 0) relative to the frame origin, and the local normal.
    const rn = WGS84_A / Math.sqrt(1 - E2 * sinLat * sinLat);
    const px = rn * cosLat * cosLon - ox;
    const py = rn * cosLat * sinLon - oy;
    const pz = rn * (1 - E2) * sinLat - oz;
    const nx = cosLat * cosLon;
    const ny = cosLat * sinLon;
    const nz = sinLat;
    for (let side = 0; side < 2; side++) {
      const h = side === 0 ? base : roof;
      const out = side === 0 ? bottom : top;
      const dx = px + nx * h;
      const dy = py + ny * h;
      const dz = pz + nz * h;
      out[3 * k] = dx * e0 + dy * e1 + dz * e2; // east
      out[3 * k + 1] = dx * u0 + dy * u1 + dz * u2; // up
      out[3 * k + 2] = -(dx * n0 + dy * n1 + dz * n2); // −north
    }
  }
  return { bottom, top };
}

/**
 * Appends one building to the mesh. With normals, every wall gets its own four
 * vertices (flat shading needs a normal per face); without, walls and roof share
 * one ring of vertices at each height and the viewer shades flat.
 */
export function extrudeBuilding(mesh: MeshAccumulator, frame: EnuFrame, building: BuildingShape, featureId: number): void {
  const withNormals = mesh.normals !== null;
  for (const rings of building.polygons) {
    const local = rings.map((ring) => ringToLocal(frame, ring, building.base, building.roof));

    // Roof: earcut on (east, north) of the top ring; holes follow the outer ring.
    const flat: number[] = [];
    const holes: number[] = [];
    for (const [r, { top }] of local.entries()) {
      if (r > 0) holes.push(flat.length / 2);
      for (let k = 0; k < top.length; k += 3) flat.push(top[k]!, -top[k + 2]!);
    }
    const roofStart = mesh.vertexCount;
    for (const { top } of local) {
      for (let k = 0; k < top.length; k += 3) {
        mesh.addVertex(top[k]!, top[k + 1]!, top[k + 2]!, featureId, 0, 127, 0);
      }
    }
    const tris = earcut(flat, holes.length ? holes : null, 2);
    for (let t = 0; t < tris.length; t += 3) {
      const a = tris[t]!;
      const b = tris[t + 1]!;
      const c = tris[t + 2]!;
      // Roof must face up (+y); earcut's winding is not guaranteed, so check it.
      const cross = (flat[2 * b]! - flat[2 * a]!) * (flat[2 * c + 1]! - flat[2 * a + 1]!) -
        (flat[2 * b + 1]! - flat[2 * a + 1]!) * (flat[2 * c]! - flat[2 * a]!);
      if (cross >= 0) mesh.addTriangle(roofStart + a, roofStart + b, roofStart + c);
      else mesh.addTriangle(roofStart + a, roofStart + c, roofStart + b);
    }

    // Walls.
    let ringStart = roofStart;
    for (const { bottom, top } of local) {
      const n = bottom.length / 3;
      if (withNormals) {
        for (let k = 0; k < n; k++) {
          const j = (k + 1) % n;
          const ex = top[3 * j]! - top[3 * k]!;
          const ez = top[3 * j + 2]! - top[3 * k + 2]!;
          // Outward in ENU is (Δn, −Δe, 0) for a counter-clockwise ring; in y-up that is (−ez, 0, ex).
          const len = Math.hypot(ex, ez) || 1;
          const nx = Math.round((-ez / len) * 127);
          const nz = Math.round((ex / len) * 127);
          const a0 = mesh.addVertex(bottom[3 * k]!, bottom[3 * k + 1]!, bottom[3 * k + 2]!, featureId, nx, 0, nz);
          const b0 = mesh.addVertex(bottom[3 * j]!, bottom[3 * j + 1]!, bottom[3 * j + 2]!, featureId, nx, 0, nz);
          const b1 = mesh.addVertex(top[3 * j]!, top[3 * j + 1]!, top[3 * j + 2]!, featureId, nx, 0, nz);
          const a1 = mesh.addVertex(top[3 * k]!, top[3 * k + 1]!, top[3 * k + 2]!, featureId, nx, 0, nz);
          mesh.addTriangle(a0, b0, b1);
          mesh.addTriangle(a0, b1, a1);
        }
      } else {
        const bottomStart = mesh.vertexCount;
        for (let k = 0; k < n; k++) mesh.addVertex(bottom[3 * k]!, bottom[3 * k + 1]!, bottom[3 * k + 2]!, featureId);
        for (let k = 0; k < n; k++) {
          const j = (k + 1) % n;
          mesh.addTriangle(bottomStart + k, bottomStart + j, ringStart + j);
          mesh.addTriangle(bottomStart + k, ringStart + j, ringStart + k);
        }
      }
      ringStart += n;
    }
  }
}
