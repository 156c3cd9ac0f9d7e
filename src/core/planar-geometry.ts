/**
 * Planar geometry on rings, the one copy every folder uses (issue 16: point-in-ring was
 * written five times, in the buildings pipeline, the registry import, the lifelines
 * risk distance and twice in the sample generator): signed area, orientation,
 * self-intersection, point on and in rings.
 *
 * Two ring layouts, because the callers hold both and converting would allocate in hot
 * loops (the ground sampler tests every DEM node under every footprint; the sample
 * generator places hundreds of thousands of parts): flat [x0, y0, x1, y1, …] typed
 * arrays without the closing repeat (the validated footprints), and lists of [x, y]
 * positions, open or closed (GeoJSON coordinates, local-metre rings). Nothing here
 * allocates but findSelfIntersection's edge table.
 *
 * Orientation and crossings are the same in lon/lat as in local metres (an affine map
 * with positive scales), so the checks run on degrees; only areas are scaled to m².
 */

/** Signed area in the ring's own units, positive when counter-clockwise. */
export function signedArea(ring: ArrayLike<number>): number {
  let sum = 0;
  const n = ring.length;
  for (let i = 0; i < n; i += 2) {
    const j = (i + 2) % n;
    sum += ring[i]! * ring[j + 1]! - ring[j]! * ring[i + 1]!;
  }
  return sum / 2;
}

/** Reverses a ring's direction in place, keeping the first point first. */
export function reverseRing(ring: Float64Array): Float64Array {
  const out = new Float64Array(ring.length);
  const n = ring.length / 2;
  out[0] = ring[0]!;
  out[1] = ring[1]!;
  for (let k = 1; k < n; k++) {
    out[2 * k] = ring[2 * (n - k)]!;
    out[2 * k + 1] = ring[2 * (n - k) + 1]!;
  }
  return out;
}

function orient(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): number {
  const v = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
  return v > 0 ? 1 : v < 0 ? -1 : 0;
}

function onSegment(ax: number, ay: number, bx: number, by: number, px: number, py: number): boolean {
  return Math.min(ax, bx) <= px && px <= Math.max(ax, bx) && Math.min(ay, by) <= py && py <= Math.max(ay, by);
}

/**
 * True when two segments cross or overlap. Segments that only touch at an endpoint
 * (as neighbouring edges do) do not count; a vertex touching the middle of an edge
 * counts within one ring (a pinched ring) but not between rings (OGC lets a hole
 * touch its outer ring at a point).
 */
function segmentsConflict(
  ax: number, ay: number, bx: number, by: number,
  cx: number, cy: number, dx: number, dy: number,
  sameRing: boolean,
): boolean {
  const o1 = orient(ax, ay, bx, by, cx, cy);
  const o2 = orient(ax, ay, bx, by, dx, dy);
  const o3 = orient(cx, cy, dx, dy, ax, ay);
  const o4 = orient(cx, cy, dx, dy, bx, by);
  if (o1 * o2 < 0 && o3 * o4 < 0) return true;
  if (o1 === 0 && o2 === 0) {
    // Collinear: a conflict when they share more than one point.
    const useX = ax !== bx;
    const [p0, p1] = useX ? [Math.min(ax, bx), Math.max(ax, bx)] : [Math.min(ay, by), Math.max(ay, by)];
    const [q0, q1] = useX ? [Math.min(cx, dx), Math.max(cx, dx)] : [Math.min(cy, dy), Math.max(cy, dy)];
    return Math.min(p1, q1) - Math.max(p0, q0) > 0;
  }
  if (!sameRing) return false;
  // A vertex lying inside the other segment (a T-junction) pinches the ring.
  if (o1 === 0 && onSegment(ax, ay, bx, by, cx, cy) && !isEndpoint(cx, cy, ax, ay, bx, by)) return o3 * o4 <= 0;
  if (o2 === 0 && onSegment(ax, ay, bx, by, dx, dy) && !isEndpoint(dx, dy, ax, ay, bx, by)) return o3 * o4 <= 0;
  return false;
}

function isEndpoint(px: number, py: number, ax: number, ay: number, bx: number, by: number): boolean {
  return (px === ax && py === ay) || (px === bx && py === by);
}

/**
 * Finds a pair of conflicting edges among all the rings of one polygon (within a ring
 * or between rings), or null. Edges are held in flat typed arrays and swept in order
 * of their west end, so typical footprints cost a few dozen tests and a
 * 100k-vertex ring is checked in milliseconds.
 */
export function findSelfIntersection(rings: readonly ArrayLike<number>[]): [number, number] | null {
  let total = 0;
  for (const ring of rings) total += ring.length / 2;
  // Per edge: x0, y0, x1, y1; plus its ring, its index in the ring and the ring's size.
  const c = new Float64Array(4 * total);
  const ringOf = new Uint32Array(total);
  const kOf = new Uint32Array(total);
  const nOf = new Uint32Array(total);
  let e = 0;
  rings.forEach((ring, r) => {
    const n = ring.length / 2;
    for (let k = 0; k < n; k++, e++) {
      const j = (k + 1) % n;
      c[4 * e] = ring[2 * k]!;
      c[4 * e + 1] = ring[2 * k + 1]!;
      c[4 * e + 2] = ring[2 * j]!;
      c[4 * e + 3] = ring[2 * j + 1]!;
      ringOf[e] = r;
      kOf[e] = k;
      nOf[e] = n;
    }
  });
  const order = new Uint32Array(total);
  for (let i = 0; i < total; i++) order[i] = i;
  // Small footprints (most of them) skip the sort: the sweep then just tests every pair.
  if (total > 16) {
    const minX = (i: number) => Math.min(c[4 * i]!, c[4 * i + 2]!);
    order.sort((a, b) => minX(a) - minX(b));
  }
  const sorted = total > 16;
  const seg = (i: number): number[] => [c[4 * i]!, c[4 * i + 1]!, c[4 * i + 2]!, c[4 * i + 3]!];
  for (let oi = 0; oi < total; oi++) {
    const a = order[oi]!;
    const ax0 = c[4 * a]!, ay0 = c[4 * a + 1]!, ax1 = c[4 * a + 2]!, ay1 = c[4 * a + 3]!;
    const aMaxX = Math.max(ax0, ax1);
    const aMinY = Math.min(ay0, ay1);
    const aMaxY = Math.max(ay0, ay1);
    for (let oj = oi + 1; oj < total; oj++) {
      const b = order[oj]!;
      const bx0 = c[4 * b]!, by0 = c[4 * b + 1]!, bx1 = c[4 * b + 2]!, by1 = c[4 * b + 3]!;
      if (Math.min(bx0, bx1) > aMaxX) {
        if (sorted) break;
        continue;
      }
      if (Math.max(by0, by1) < aMinY || Math.min(by0, by1) > aMaxY) continue;
      if (ringOf[a] === ringOf[b]) {
        const d = Math.abs(kOf[a]! - kOf[b]!);
        if (d === 1 || d === nOf[a]! - 1) {
          // Neighbours share a vertex; they conflict only if they fold back onto each other.
          if (segmentsOverlapCollinear(seg(a), seg(b))) return [ax0, ay0];
          continue;
        }
      }
      if (segmentsConflict(ax0, ay0, ax1, ay1, bx0, by0, bx1, by1, ringOf[a] === ringOf[b])) return [ax0, ay0];
    }
  }
  return null;
}

function segmentsOverlapCollinear(a: number[], b: number[]): boolean {
  if (orient(a[0]!, a[1]!, a[2]!, a[3]!, b[0]!, b[1]!) !== 0) return false;
  if (orient(a[0]!, a[1]!, a[2]!, a[3]!, b[2]!, b[3]!) !== 0) return false;
  const useX = a[0] !== a[2];
  const p0 = useX ? Math.min(a[0]!, a[2]!) : Math.min(a[1]!, a[3]!);
  const p1 = useX ? Math.max(a[0]!, a[2]!) : Math.max(a[1]!, a[3]!);
  const q0 = useX ? Math.min(b[0]!, b[2]!) : Math.min(b[1]!, b[3]!);
  const q1 = useX ? Math.max(b[0]!, b[2]!) : Math.max(b[1]!, b[3]!);
  return Math.min(p1, q1) - Math.max(p0, q0) > 0;
}

/** Whether (x, y) lies on an edge of any ring, within `epsilon` (same units). */
export function pointOnRings(rings: readonly ArrayLike<number>[], x: number, y: number, epsilon: number): boolean {
  for (const ring of rings) {
    const n = ring.length;
    for (let i = 0, j = n - 2; i < n; j = i, i += 2) {
      const ax = ring[j]!, ay = ring[j + 1]!, bx = ring[i]!, by = ring[i + 1]!;
      // Cheap reject: the point is outside this edge's box.
      if (x < Math.min(ax, bx) - epsilon || x > Math.max(ax, bx) + epsilon) continue;
      if (y < Math.min(ay, by) - epsilon || y > Math.max(ay, by) + epsilon) continue;
      const vx = bx - ax, vy = by - ay;
      const len2 = vx * vx + vy * vy;
      const t = len2 > 0 ? Math.max(0, Math.min(1, ((x - ax) * vx + (y - ay) * vy) / len2)) : 0;
      if (Math.hypot(ax + t * vx - x, ay + t * vy - y) <= epsilon) return true;
    }
  }
  return false;
}

/** Even-odd point in a flat ring [x0, y0, x1, y1, …] (with or without the closing repeat). */
export function pointInFlatRing(ring: ArrayLike<number>, x: number, y: number): boolean {
  let inside = false;
  const n = ring.length;
  for (let i = 0, j = n - 2; i < n; j = i, i += 2) {
    const xi = ring[i]!;
    const yi = ring[i + 1]!;
    const xj = ring[j]!;
    const yj = ring[j + 1]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Even-odd point in a ring of [x, y] positions, open or closed. */
export function pointInRing(ring: readonly ArrayLike<number>[], x: number, y: number): boolean {
  let inside = false;
  const n = ring.length;
  for (let i = 0, j = n - 1; i < n; j = i++) {
    const pi = ring[i]!;
    const pj = ring[j]!;
    const xi = pi[0]!;
    const yi = pi[1]!;
    const xj = pj[0]!;
    const yj = pj[1]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Even-odd point in polygon over flat rings (an outer ring and its holes): inside an odd number of them. */
export function pointInRings(rings: readonly ArrayLike<number>[], x: number, y: number): boolean {
  let inside = false;
  for (const ring of rings) if (pointInFlatRing(ring, x, y)) inside = !inside;
  return inside;
}

/** Point in a polygon of position rings: inside the outer ring (the first) and in none of its holes. */
export function pointInPolygon(rings: readonly (readonly ArrayLike<number>[])[], x: number, y: number): boolean {
  if (rings.length === 0 || !pointInRing(rings[0]!, x, y)) return false;
  for (let h = 1; h < rings.length; h++) if (pointInRing(rings[h]!, x, y)) return false;
  return true;
}
