/**
 * Street tracers: a street grows in small steps across the terrain raster,
 *
 * - along a chosen grade (0: along the contour; ±4–8 %: climbing across it at that
 *   grade, the way hillside roads in Chongqing do), turning no tighter than a radius;
 * - until it meets another street (it ends on it: a T-junction), the shore or the
 *   district edge, or reaches its length.
 *
 * A stairway instead goes straight up the slope from one street to the next.
 */
import type { RoadCanvas } from './road-canvas.ts';
import type { Vec2 } from './planar-geometry.ts';
import { sampleField, type TerrainRaster } from './terrain-raster.ts';

export interface StreetTraceOptions {
  /** Step length (m). */
  step: number;
  maxLength: number;
  /** Tightest turning radius (m). */
  minRadius: number;
  /** Grade to hold (m/m), positive uphill. */
  grade: number;
  /** End on an existing street closer than this (m). */
  snapM: number;
  /** Stay this far from the water (m). */
  shoreMarginM: number;
  /** Slow random turning (radians per step at most). */
  wiggle: () => number;
  /**
   * Orientation (radians) of the street grid on flat ground at (x, y): where the
   * terrain gives no contour to follow, streets keep to this grid or the one across.
   */
  gridAngle?: (x: number, y: number) => number;
}

export interface TraceResult {
  line: Vec2[];
  /** Which street the trace ended on, or -1 for a dead end. */
  endsOn: number;
}

function onDistrictLand(t: TerrainRaster, x: number, y: number, margin: number): boolean {
  const i = Math.round((x - t.x0) / t.cell);
  const j = Math.round((y - t.y0) / t.cell);
  if (i < 0 || j < 0 || i >= t.nx || j >= t.ny) return false;
  return t.inDistrict[j * t.nx + i] === 1 && sampleField(t, t.shore, x, y) >= margin;
}

function rotateToward(hx: number, hy: number, dx: number, dy: number, maxTurn: number): [number, number] {
  const cross = hx * dy - hy * dx;
  const dot = hx * dx + hy * dy;
  let angle = Math.atan2(cross, dot);
  angle = Math.max(-maxTurn, Math.min(maxTurn, angle));
  const c = Math.cos(angle);
  const s = Math.sin(angle);
  return [hx * c - hy * s, hx * s + hy * c];
}

/** The axis of the grid at `angle` (or across it) closest to the heading. */
function gridDirection(angle: number, hx: number, hy: number): [number, number] {
  let best: [number, number] = [hx, hy];
  let bestDot = -Infinity;
  for (let q = 0; q < 4; q++) {
    const a = angle + (q * Math.PI) / 2;
    const dot = Math.cos(a) * hx + Math.sin(a) * hy;
    if (dot > bestDot) {
      bestDot = dot;
      best = [Math.cos(a), Math.sin(a)];
    }
  }
  return best;
}

/** Direction that holds `grade` given the terrain gradient, continuing `heading`'s sense. */
function gradeDirection(gx: number, gy: number, hx: number, hy: number, grade: number): [number, number] {
  const g = Math.hypot(gx, gy);
  if (g < 1e-4 || g <= Math.abs(grade)) return [hx, hy];
  const ux = gx / g;
  const uy = gy / g;
  let tx = -uy;
  let ty = ux;
  if (tx * hx + ty * hy < 0) {
    tx = -tx;
    ty = -ty;
  }
  const a = grade / g;
  const b = Math.sqrt(1 - a * a);
  return [a * ux + b * tx, a * uy + b * ty];
}

/** Traces one direction of a street from `start` with initial `heading` (unit vector). */
export function traceStreet(t: TerrainRaster, canvas: RoadCanvas, start: Vec2, heading: Vec2, o: StreetTraceOptions): TraceResult {
  const line: Vec2[] = [start];
  let [px, py] = start;
  let [hx, hy] = heading;
  const maxTurn = o.step / o.minRadius;
  let length = 0;
  while (length < o.maxLength) {
    const gx = sampleField(t, t.gx, px, py);
    const gy = sampleField(t, t.gy, px, py);
    let [dx, dy] = gradeDirection(gx, gy, hx, hy, o.grade);
    if (o.gridAngle) {
      // Flat ground: blend toward the grid.
      const flat = 1 - Math.min(1, Math.max(0, (Math.hypot(gx, gy) - 0.025) / 0.06));
      if (flat > 0) {
        const [ax, ay] = gridDirection(o.gridAngle(px, py), hx, hy);
        const bx = dx * (1 - flat) + ax * flat;
        const by = dy * (1 - flat) + ay * flat;
        const bl = Math.hypot(bx, by) || 1;
        dx = bx / bl;
        dy = by / bl;
      }
    }
    const w = o.wiggle();
    const [rx, ry] = [dx * Math.cos(w) - dy * Math.sin(w), dx * Math.sin(w) + dy * Math.cos(w)];
    [hx, hy] = rotateToward(hx, hy, rx, ry, maxTurn);
    const qx = px + hx * o.step;
    const qy = py + hy * o.step;
    if (!onDistrictLand(t, qx, qy, o.shoreMarginM)) return { line, endsOn: -1 };
    const near = canvas.nearest(qx, qy);
    if (near && near.distance < o.snapM) {
      line.push(near.point);
      return { line, endsOn: near.owner };
    }
    // A street that curls back onto itself stops.
    for (let i = 0; i + Math.ceil(60 / o.step) < line.length; i++) {
      const [lx, ly] = line[i]!;
      if (Math.abs(lx - qx) < o.snapM && Math.abs(ly - qy) < o.snapM && Math.hypot(lx - qx, ly - qy) < o.snapM) {
        return { line, endsOn: -1 };
      }
    }
    line.push([qx, qy]);
    px = qx;
    py = qy;
    length += o.step;
  }
  return { line, endsOn: -1 };
}

export interface LevelTraceOptions {
  step: number;
  maxLength: number;
  minRadius: number;
  /** Level of the field to follow. */
  level: number;
  /** Stop where the field strays further than this from the level. */
  tolerance: number;
}

/**
 * Follows a level line of a raster field (e.g. the distance to the shore: a riverside
 * road), correcting back toward the level at every step.
 */
export function traceLevel(t: TerrainRaster, field: Float32Array, start: Vec2, heading: Vec2, o: LevelTraceOptions): Vec2[] {
  const line: Vec2[] = [start];
  let [px, py] = start;
  let [hx, hy] = heading;
  const maxTurn = o.step / o.minRadius;
  const e = t.cell;
  for (let length = 0; length < o.maxLength; length += o.step) {
    const gx = (sampleField(t, field, px + e, py) - sampleField(t, field, px - e, py)) / (2 * e);
    const gy = (sampleField(t, field, px, py + e) - sampleField(t, field, px, py - e)) / (2 * e);
    const g = Math.hypot(gx, gy);
    if (g < 1e-6) break;
    let tx = -gy / g;
    let ty = gx / g;
    if (tx * hx + ty * hy < 0) {
      tx = -tx;
      ty = -ty;
    }
    // Steer back toward the level over ~3 steps.
    const off = (o.level - sampleField(t, field, px, py)) / (g * o.step * 3);
    const c = Math.max(-0.7, Math.min(0.7, off));
    const dx = tx + (c * gx) / g;
    const dy = ty + (c * gy) / g;
    const dl = Math.hypot(dx, dy);
    [hx, hy] = rotateToward(hx, hy, dx / dl, dy / dl, maxTurn);
    const qx = px + hx * o.step;
    const qy = py + hy * o.step;
    const i = Math.round((qx - t.x0) / t.cell);
    const j = Math.round((qy - t.y0) / t.cell);
    if (i < 0 || j < 0 || i >= t.nx || j >= t.ny || t.inDistrict[j * t.nx + i] !== 1) break;
    if (Math.abs(sampleField(t, field, qx, qy) - o.level) > o.tolerance) break;
    line.push([qx, qy]);
    px = qx;
    py = qy;
  }
  return line;
}

export interface StairTraceOptions {
  step: number;
  maxLength: number;
  /** Ends on another street closer than this (m). */
  snapM: number;
  shoreMarginM: number;
}

/**
 * A stairway from `start` on street `origin`, straight up the slope (direction fixed at
 * the start) until it reaches another street; undefined if it reaches none.
 */
export function traceStairway(
  t: TerrainRaster,
  canvas: RoadCanvas,
  start: Vec2,
  origin: number,
  o: StairTraceOptions,
): TraceResult | undefined {
  const gx = sampleField(t, t.gx, start[0], start[1]);
  const gy = sampleField(t, t.gy, start[0], start[1]);
  const g = Math.hypot(gx, gy);
  if (g < 1e-3) return undefined;
  const ux = gx / g;
  const uy = gy / g;
  const line: Vec2[] = [start];
  for (let s = o.step; s <= o.maxLength; s += o.step) {
    const qx = start[0] + ux * s;
    const qy = start[1] + uy * s;
    if (!onDistrictLand(t, qx, qy, o.shoreMarginM)) return undefined;
    const near = canvas.nearest(qx, qy);
    if (near && near.owner !== origin && near.distance < o.snapM) {
      line.push(near.point);
      return { line, endsOn: near.owner };
    }
    // Leaving the origin street again after a bend: it would cross it.
    if (near && near.owner === origin && near.distance < o.snapM && s > 3 * o.snapM) return undefined;
  }
  return undefined;
}
