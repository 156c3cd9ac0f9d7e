/**
 * Plane geometry for pipes under streets, in local metres: shift a street centreline
 * sideways to a pipe's place in the cross-section, and cut a pipe run into
 * manhole-to-manhole pieces.
 */

export type XY = [number, number];

/** Drop consecutive duplicate points (zero-length steps have no direction). */
export function dedupe(points: readonly XY[], eps = 1e-6): XY[] {
  const out: XY[] = [];
  for (const p of points) {
    const q = out[out.length - 1];
    if (!q || Math.hypot(p[0] - q[0], p[1] - q[1]) > eps) out.push(p);
  }
  return out;
}

/**
 * The polyline moved `offset` metres to its left (negative: right), with mitred joints
 * whose stretch is capped so hairpins do not shoot off.
 */
export function offsetPolyline(points: readonly XY[], offset: number): XY[] {
  const n = points.length;
  if (n < 2 || offset === 0) return points.map((p) => [p[0], p[1]]);
  const normals: XY[] = [];
  for (let i = 0; i + 1 < n; i++) {
    const dx = points[i + 1]![0] - points[i]![0];
    const dy = points[i + 1]![1] - points[i]![1];
    const len = Math.hypot(dx, dy) || 1;
    normals.push([-dy / len, dx / len]);
  }
  return points.map((p, i) => {
    const a = normals[Math.max(0, i - 1)]!;
    const b = normals[Math.min(n - 2, i)]!;
    let mx = a[0] + b[0];
    let my = a[1] + b[1];
    const len = Math.hypot(mx, my);
    if (len < 1e-9) return [p[0] + b[0] * offset, p[1] + b[1] * offset];
    mx /= len;
    my /= len;
    const cosHalf = Math.max(0.5, mx * b[0] + my * b[1]);
    return [p[0] + (mx * offset) / cosHalf, p[1] + (my * offset) / cosHalf];
  });
}

function distToSegment(p: XY, a: XY, b: XY): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const l2 = dx * dx + dy * dy;
  const t = l2 === 0 ? 0 : Math.min(1, Math.max(0, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / l2));
  return Math.hypot(p[0] - a[0] - t * dx, p[1] - a[1] - t * dy);
}

export interface PieceOptions {
  /** Draws the length of the next piece (m). */
  nextLength: () => number;
  /**
   * Largest distance (m) a piece's inner vertices may stray from its straight chord.
   * Sewers must run straight between manholes, so a bend forces a manhole.
   */
  chordTolerance: number;
  /** A tail shorter than this joins the previous piece instead of standing alone (m). */
  minLength: number;
}

/**
 * Cut a polyline into consecutive pieces (each a polyline sharing its end with the
 * next one's start) at drawn lengths, and earlier where the street bends away from
 * the straight line between manholes.
 */
export function cutIntoPieces(points: readonly XY[], options: PieceOptions): XY[][] {
  const pts = dedupe(points);
  if (pts.length < 2) return [];
  const tol = options.chordTolerance;
  const pieces: XY[][] = [];
  let piece: XY[] = [pts[0]!];
  let pieceLen = 0;
  let target = options.nextLength();
  const close = (): void => {
    pieces.push(piece);
    piece = [piece[piece.length - 1]!];
    pieceLen = 0;
    target = options.nextLength();
  };
  for (let i = 1; i < pts.length; i++) {
    let from = pts[i - 1]!;
    const to = pts[i]!;
    if (piece.length > 1 && straysFromChord([...piece, to], tol)) close();
    let remaining = Math.hypot(to[0] - from[0], to[1] - from[1]);
    // Manholes inside this step wherever the drawn length runs out.
    while (pieceLen + remaining >= target) {
      const t = (target - pieceLen) / remaining;
      const cut: XY = [from[0] + (to[0] - from[0]) * t, from[1] + (to[1] - from[1]) * t];
      piece.push(cut);
      remaining -= target - pieceLen;
      from = cut;
      close();
    }
    if (remaining > 1e-6) {
      piece.push(to);
      pieceLen += remaining;
    }
  }
  if (piece.length > 1) {
    const last = pieces[pieces.length - 1];
    const merged = last ? [...last, ...piece.slice(1)] : [];
    if (last && pieceLen < options.minLength && !straysFromChord(merged, tol)) pieces[pieces.length - 1] = merged;
    else pieces.push(piece);
  }
  return pieces;
}

/** Does any inner vertex lie further than `tol` from the chord first → last? */
function straysFromChord(points: readonly XY[], tol: number): boolean {
  const a = points[0]!;
  const b = points[points.length - 1]!;
  for (let k = 1; k + 1 < points.length; k++) if (distToSegment(points[k]!, a, b) > tol) return true;
  return false;
}

/** Length of a polyline (m). */
export function polylineLength(points: readonly XY[]): number {
  let len = 0;
  for (let i = 1; i < points.length; i++) len += Math.hypot(points[i]![0] - points[i - 1]![0], points[i]![1] - points[i - 1]![1]);
  return len;
}
