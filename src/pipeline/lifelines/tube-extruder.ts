/**
 * Sweeps a circle along a pipe's centre line into a tube in a tile's frame. Cross
 * sections are vertical (spanned by the local up and the horizontal perpendicular),
 * not perpendicular to the axis: then one ring vertex sits exactly on the tube's top,
 * so "the top lies depth_m below the ground" holds at every ring even on steep
 * streets, and joints need only a horizontal miter. Output is glTF y-up:
 * ENU (e, n, u) → (e, u, −n). Ends stay open: segments meet end to end at manholes
 * and junctions, so caps would be hidden and only cost triangles.
 */
import type { EnuFrame } from '../tiles3d/enu-frame.ts';
import type { MeshAccumulator } from '../tiles3d/mesh-accumulator.ts';

export interface TubeOptions {
  /** Vertices per ring. Default 6: round enough on screen, a third of 16 in bytes. */
  sides?: number;
}

/** Longest miter (×radius) at a sharp joint; sharper bends are pinched rather than spiking out. */
const MAX_MITER = 2;

/**
 * Appends one centre line (lon°, lat°, centre elevation triples) as a tube of the
 * given radius. Vertex k of a ring is at angle 90° + k·360°/sides from the
 * horizontal, so k = 0 is the top.
 */
export function extrudeTube(
  mesh: MeshAccumulator,
  frame: EnuFrame,
  centreLine: Float64Array,
  radius: number,
  featureId: number,
  options: TubeOptions = {},
): void {
  const sides = options.sides ?? 6;
  const n = centreLine.length / 3;
  if (n < 2) return;
  const pts: [number, number, number][] = [];
  for (let i = 0; i < n; i++) pts.push(frame.toLocal(centreLine[3 * i]!, centreLine[3 * i + 1]!, centreLine[3 * i + 2]!));
  // Horizontal unit direction of each edge; a vertical edge keeps its neighbour's.
  const dirs: [number, number][] = [];
  for (let i = 0; i + 1 < n; i++) {
    const de = pts[i + 1]![0] - pts[i]![0];
    const dn = pts[i + 1]![1] - pts[i]![1];
    const len = Math.hypot(de, dn);
    dirs.push(len > 1e-6 ? [de / len, dn / len] : (dirs[i - 1] ?? [1, 0]));
  }
  const angles = Array.from({ length: sides }, (_, k) => Math.PI / 2 + (2 * Math.PI * k) / sides);
  const cos = angles.map(Math.cos);
  const sin = angles.map(Math.sin);
  const first = mesh.vertexCount;
  for (let i = 0; i < n; i++) {
    const a = dirs[Math.max(0, i - 1)]!;
    const b = dirs[Math.min(dirs.length - 1, i)]!;
    let me = a[0] + b[0];
    let mn = a[1] + b[1];
    let ml = Math.hypot(me, mn);
    if (ml < 1e-9) {
      // A U-turn: use the incoming direction.
      [me, mn] = a;
      ml = 1;
    }
    me /= ml;
    mn /= ml;
    // Miter: the cross-section widens by 1/cos(half the bend) so the tube keeps its width.
    const miter = Math.min(MAX_MITER, 1 / Math.max(1e-6, me * b[0] + mn * b[1]));
    // Left perpendicular in the horizontal plane.
    const se = -mn;
    const sn = me;
    const [pe, pn, pu] = pts[i]!;
    for (let k = 0; k < sides; k++) {
      const c = cos[k]!;
      const s = sin[k]!;
      const oe = radius * c * se * miter;
      const on = radius * c * sn * miter;
      const ou = radius * s;
      mesh.addVertex(
        pe + oe, pu + ou, -(pn + on), featureId,
        Math.round(127 * c * se), Math.round(127 * s), -Math.round(127 * c * sn),
      );
    }
  }
  for (let i = 0; i + 1 < n; i++) {
    const r0 = first + i * sides;
    const r1 = r0 + sides;
    for (let k = 0; k < sides; k++) {
      const k1 = (k + 1) % sides;
      // Counter-clockwise seen from outside (the ring turns about the direction of travel).
      mesh.addTriangle(r0 + k, r0 + k1, r1 + k);
      mesh.addTriangle(r0 + k1, r1 + k1, r1 + k);
    }
  }
}
