/**
 * Small planar geometry in local metres (x east, y north) for the sample generators:
 * distances between points, segments and convex polygons, polyline smoothing and
 * resampling (point-in-ring is core's: src/core/planar-geometry.ts). Everything is plain numbers; no allocation in hot paths.
 */
import { pointInRing } from '../core/planar-geometry.ts';

export type Vec2 = readonly [number, number];
export type Ring = readonly Vec2[];

/** Squared distance from (px,py) to segment a–b. */
export function pointSegmentDistanceSq(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const len2 = dx * dx + dy * dy;
  let t = len2 > 0 ? ((px - ax) * dx + (py - ay) * dy) / len2 : 0;
  t = t < 0 ? 0 : t > 1 ? 1 : t;
  const qx = ax + t * dx - px;
  const qy = ay + t * dy - py;
  return qx * qx + qy * qy;
}

/** Parameter t ∈ [0,1] of the point of segment a–b nearest to (px,py). */
export function projectOnSegment(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const len2 = dx * dx + dy * dy;
  if (!(len2 > 0)) return 0;
  const t = ((px - ax) * dx + (py - ay) * dy) / len2;
  return t < 0 ? 0 : t > 1 ? 1 : t;
}

function orient(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): number {
  return (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
}

const ON_SEGMENT_EPS = 1e-12;

/** Whether r, known to be collinear with p–q, lies within the segment's box. */
function onSeg(px: number, py: number, qx: number, qy: number, rx: number, ry: number): boolean {
  const e = ON_SEGMENT_EPS;
  return Math.min(px, qx) - e <= rx && rx <= Math.max(px, qx) + e && Math.min(py, qy) - e <= ry && ry <= Math.max(py, qy) + e;
}

/** True when segments a–b and c–d cross or touch. */
export function segmentsIntersect(
  ax: number, ay: number, bx: number, by: number,
  cx: number, cy: number, dx: number, dy: number,
): boolean {
  const d1 = orient(cx, cy, dx, dy, ax, ay);
  const d2 = orient(cx, cy, dx, dy, bx, by);
  const d3 = orient(ax, ay, bx, by, cx, cy);
  const d4 = orient(ax, ay, bx, by, dx, dy);
  if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) return true;
  const eps = ON_SEGMENT_EPS;
  if (Math.abs(d1) <= eps && onSeg(cx, cy, dx, dy, ax, ay)) return true;
  if (Math.abs(d2) <= eps && onSeg(cx, cy, dx, dy, bx, by)) return true;
  if (Math.abs(d3) <= eps && onSeg(ax, ay, bx, by, cx, cy)) return true;
  if (Math.abs(d4) <= eps && onSeg(ax, ay, bx, by, dx, dy)) return true;
  return false;
}

/** Distance between segments a–b and c–d (0 when they cross). */
export function segmentSegmentDistance(
  ax: number, ay: number, bx: number, by: number,
  cx: number, cy: number, dx: number, dy: number,
): number {
  if (segmentsIntersect(ax, ay, bx, by, cx, cy, dx, dy)) return 0;
  return Math.sqrt(
    Math.min(
      pointSegmentDistanceSq(ax, ay, cx, cy, dx, dy),
      pointSegmentDistanceSq(bx, by, cx, cy, dx, dy),
      pointSegmentDistanceSq(cx, cy, ax, ay, bx, by),
      pointSegmentDistanceSq(dx, dy, ax, ay, bx, by),
    ),
  );
}

/** Distance from a point to a convex polygon (0 inside); the ring is open, any winding. */
export function pointConvexDistance(x: number, y: number, ring: Ring): number {
  if (pointInRing(ring, x, y)) return 0;
  let best = Infinity;
  for (let i = 0, n = ring.length; i < n; i++) {
    const a = ring[i]!;
    const b = ring[(i + 1) % n]!;
    best = Math.min(best, pointSegmentDistanceSq(x, y, a[0], a[1], b[0], b[1]));
  }
  return Math.sqrt(best);
}

/** Distance from segment a–b to a convex polygon (0 when they touch). */
export function segmentConvexDistance(ax: number, ay: number, bx: number, by: number, ring: Ring): number {
  if (pointInRing(ring, ax, ay) || pointInRing(ring, bx, by)) return 0;
  let best = Infinity;
  for (let i = 0, n = ring.length; i < n; i++) {
    const p = ring[i]!;
    const q = ring[(i + 1) % n]!;
    best = Math.min(best, segmentSegmentDistance(ax, ay, bx, by, p[0], p[1], q[0], q[1]));
    if (best === 0) return 0;
  }
  return best;
}

/** Largest gap between `q` and `p` along the edge normals of `p` (see convexSeparation). */
function separationAlongNormalsOf(p: Ring, q: Ring): number {
  let best = -Infinity;
  for (let i = 0, n = p.length; i < n; i++) {
    const e0 = p[i]!;
    const e1 = p[(i + 1) % n]!;
    let nx = e1[1] - e0[1];
    let ny = e0[0] - e1[0];
    const len = Math.hypot(nx, ny);
    if (!(len > 0)) continue;
    nx /= len;
    ny /= len;
    let minP = Infinity;
    let maxP = -Infinity;
    for (let k = 0; k < p.length; k++) {
      const d = p[k]![0] * nx + p[k]![1] * ny;
      if (d < minP) minP = d;
      if (d > maxP) maxP = d;
    }
    let minQ = Infinity;
    let maxQ = -Infinity;
    for (let k = 0; k < q.length; k++) {
      const d = q[k]![0] * nx + q[k]![1] * ny;
      if (d < minQ) minQ = d;
      if (d > maxQ) maxQ = d;
    }
    const gap = Math.max(minQ - maxP, minP - maxQ);
    if (gap > best) best = gap;
  }
  return best;
}

/**
 * Largest gap between two convex polygons along the edge normals of either (separating
 * axis theorem). Positive: they are apart by at least that much; ≤ 0: they overlap.
 */
export function convexSeparation(a: Ring, b: Ring): number {
  return Math.max(separationAlongNormalsOf(a, b), separationAlongNormalsOf(b, a));
}

/** Chaikin corner cutting, keeping the end points of an open polyline. */
export function chaikin(line: readonly Vec2[], iterations: number): Vec2[] {
  let pts: Vec2[] = line.slice();
  for (let k = 0; k < iterations && pts.length > 2; k++) {
    const next: Vec2[] = [pts[0]!];
    for (let i = 0; i + 1 < pts.length; i++) {
      const a = pts[i]!;
      const b = pts[i + 1]!;
      next.push([0.75 * a[0] + 0.25 * b[0], 0.75 * a[1] + 0.25 * b[1]]);
      next.push([0.25 * a[0] + 0.75 * b[0], 0.25 * a[1] + 0.75 * b[1]]);
    }
    next.push(pts[pts.length - 1]!);
    pts = next;
  }
  return pts;
}

export function polylineLength(line: readonly Vec2[]): number {
  let len = 0;
  for (let i = 0; i + 1 < line.length; i++) len += Math.hypot(line[i + 1]![0] - line[i]![0], line[i + 1]![1] - line[i]![1]);
  return len;
}

/** Points every `step` metres along a polyline (first and last point included). */
export function resamplePolyline(line: readonly Vec2[], step: number): Vec2[] {
  if (line.length < 2) return line.slice();
  const out: Vec2[] = [line[0]!];
  let carry = 0;
  for (let i = 0; i + 1 < line.length; i++) {
    const [ax, ay] = line[i]!;
    const [bx, by] = line[i + 1]!;
    const len = Math.hypot(bx - ax, by - ay);
    let s = step - carry;
    while (s < len) {
      out.push([ax + ((bx - ax) * s) / len, ay + ((by - ay) * s) / len]);
      s += step;
    }
    carry = len - (s - step);
  }
  const last = line[line.length - 1]!;
  const prev = out[out.length - 1]!;
  if (Math.hypot(last[0] - prev[0], last[1] - prev[1]) > step * 0.25) out.push(last);
  else out[out.length - 1] = last;
  return out;
}

/**
 * Douglas–Peucker simplification of an open polyline (tolerance in metres); keeps
 * the end points.
 */
export function simplifyPolyline(line: readonly Vec2[], tolerance: number): Vec2[] {
  if (line.length <= 2) return line.slice();
  const keep = new Uint8Array(line.length);
  keep[0] = 1;
  keep[line.length - 1] = 1;
  const stack: [number, number][] = [[0, line.length - 1]];
  const tol2 = tolerance * tolerance;
  while (stack.length > 0) {
    const [i0, i1] = stack.pop()!;
    const a = line[i0]!;
    const b = line[i1]!;
    let worst = -1;
    let worstD = tol2;
    for (let i = i0 + 1; i < i1; i++) {
      const p = line[i]!;
      const d = pointSegmentDistanceSq(p[0], p[1], a[0], a[1], b[0], b[1]);
      if (d > worstD) {
        worstD = d;
        worst = i;
      }
    }
    if (worst > 0) {
      keep[worst] = 1;
      stack.push([i0, worst], [worst, i1]);
    }
  }
  return line.filter((_, i) => keep[i] === 1);
}

export function smoothstep(edge0: number, edge1: number, x: number): number {
  const t = Math.min(1, Math.max(0, (x - edge0) / (edge1 - edge0)));
  return t * t * (3 - 2 * t);
}
