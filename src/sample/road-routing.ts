/**
 * Least-cost routes over the terrain raster (A* on a 16-neighbour lattice): steep
 * moves cost quadratically more, so a route between two places winds along the
 * contours the way Chongqing's main roads do. Water and ground outside the district
 * cannot be crossed.
 */
import type { RoadCanvas } from './road-canvas.ts';
import { chaikin, simplifyPolyline, type Vec2 } from './planar-geometry.ts';
import type { TerrainRaster } from './terrain-raster.ts';

export interface RouteOptions {
  /** Grade (m/m) at which a move costs twice its length. */
  comfortableGrade?: number;
  /** Cells closer than this to the shore are impassable (m). */
  shoreMarginM?: number;
  /** Streets already drawn: running alongside one (closer than `avoidM`) costs extra. */
  canvas?: RoadCanvas;
  avoidM?: number;
}

const MOVES: readonly (readonly [number, number])[] = [
  [1, 0], [-1, 0], [0, 1], [0, -1],
  [1, 1], [1, -1], [-1, 1], [-1, -1],
  [1, 2], [2, 1], [-1, 2], [-2, 1], [1, -2], [2, -1], [-1, -2], [-2, -1],
];

/** Min-heap of (priority, cell) pairs in typed arrays. */
class CellHeap {
  private keys = new Float64Array(1024);
  private items = new Int32Array(1024);
  size = 0;

  push(key: number, item: number): void {
    if (this.size === this.keys.length) {
      const k = new Float64Array(this.size * 2);
      k.set(this.keys);
      this.keys = k;
      const it = new Int32Array(this.size * 2);
      it.set(this.items);
      this.items = it;
    }
    let i = this.size++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (this.keys[p]! <= key) break;
      this.keys[i] = this.keys[p]!;
      this.items[i] = this.items[p]!;
      i = p;
    }
    this.keys[i] = key;
    this.items[i] = item;
  }

  pop(): number {
    const top = this.items[0]!;
    const lastKey = this.keys[--this.size]!;
    const lastItem = this.items[this.size]!;
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= this.size) break;
      if (c + 1 < this.size && this.keys[c + 1]! < this.keys[c]!) c++;
      if (this.keys[c]! >= lastKey) break;
      this.keys[i] = this.keys[c]!;
      this.items[i] = this.items[c]!;
      i = c;
    }
    this.keys[i] = lastKey;
    this.items[i] = lastItem;
    return top;
  }
}

/** Nearest passable cell centre to (x, y) within `searchM`, or undefined. */
export function snapToPassable(t: TerrainRaster, x: number, y: number, shoreMarginM: number, searchM = 400): Vec2 | undefined {
  const ci = Math.round((x - t.x0) / t.cell);
  const cj = Math.round((y - t.y0) / t.cell);
  const rMax = Math.ceil(searchM / t.cell);
  let best: Vec2 | undefined;
  let bestD = Infinity;
  for (let dj = -rMax; dj <= rMax; dj++) {
    for (let di = -rMax; di <= rMax; di++) {
      const i = ci + di;
      const j = cj + dj;
      if (i < 0 || j < 0 || i >= t.nx || j >= t.ny) continue;
      const k = j * t.nx + i;
      if (!t.inDistrict[k] || t.shore[k]! < shoreMarginM + t.cell) continue;
      const d = di * di + dj * dj;
      if (d < bestD) {
        bestD = d;
        best = [t.x0 + i * t.cell, t.y0 + j * t.cell];
      }
    }
  }
  return best;
}

/**
 * The least-cost route from `from` to `to` through the waypoints in between, as a
 * smoothed polyline; undefined when a leg has no passable route.
 */
export function routeThrough(t: TerrainRaster, points: readonly Vec2[], options: RouteOptions = {}): Vec2[] | undefined {
  const comfortable = options.comfortableGrade ?? 0.07;
  const shoreMargin = options.shoreMarginM ?? 25;
  const avoidM = options.avoidM ?? 22;
  const { nx, ny, cell } = t;
  const passable = (k: number): boolean => t.inDistrict[k] === 1 && t.shore[k]! >= shoreMargin;
  const path: Vec2[] = [];
  for (let leg = 0; leg + 1 < points.length; leg++) {
    const [ax, ay] = points[leg]!;
    const [bx, by] = points[leg + 1]!;
    const start = Math.round((ay - t.y0) / cell) * nx + Math.round((ax - t.x0) / cell);
    const goal = Math.round((by - t.y0) / cell) * nx + Math.round((bx - t.x0) / cell);
    const gi = goal % nx;
    const gj = Math.floor(goal / nx);
    const cost = new Float64Array(nx * ny).fill(Infinity);
    const from = new Int32Array(nx * ny).fill(-1);
    const heap = new CellHeap();
    cost[start] = 0;
    heap.push(0, start);
    let found = false;
    while (heap.size > 0) {
      const k = heap.pop();
      if (k === goal) {
        found = true;
        break;
      }
      const i = k % nx;
      const j = (k - i) / nx;
      const gk = cost[k]!;
      for (const [di, dj] of MOVES) {
        const i2 = i + di;
        const j2 = j + dj;
        if (i2 < 0 || j2 < 0 || i2 >= nx || j2 >= ny) continue;
        const k2 = j2 * nx + i2;
        if (!passable(k2)) continue;
        // Knight moves pass between two cells; both must be passable.
        if (Math.abs(di) + Math.abs(dj) === 3) {
          const mi = i + Math.sign(di) * (Math.abs(di) === 2 ? 1 : 0);
          const mj = j + Math.sign(dj) * (Math.abs(dj) === 2 ? 1 : 0);
          if (!passable(mj * nx + mi)) continue;
        }
        const len = Math.hypot(di, dj) * cell;
        const grade = Math.abs(t.elevation[k2]! - t.elevation[k]!) / len;
        let c = len * (1 + (grade / comfortable) ** 2);
        if (options.canvas) {
          const x = t.x0 + i2 * cell;
          const y = t.y0 + j2 * cell;
          const near = options.canvas.clearance(x, y);
          const fromEnds = Math.min(Math.hypot(x - ax, y - ay), Math.hypot(x - bx, y - by));
          if (near < avoidM && fromEnds > 60) c *= 3;
        }
        const g2 = gk + c;
        if (g2 < cost[k2]!) {
          cost[k2] = g2;
          from[k2] = k;
          const h = Math.hypot(i2 - gi, j2 - gj) * cell;
          heap.push(g2 + 1.2 * h, k2);
        }
      }
    }
    if (!found) return undefined;
    const cells: Vec2[] = [];
    for (let k = goal; k >= 0; k = from[k]!) {
      cells.push([t.x0 + (k % nx) * cell, t.y0 + Math.floor(k / nx) * cell]);
      if (k === start) break;
    }
    cells.reverse();
    if (path.length > 0) cells.shift();
    path.push(...cells);
  }
  // A lattice path zigzags on steep ground (each cell-sized switchback saves a little
  // grade); simplifying at 2.5 cells irons that out before smoothing the corners.
  return chaikin(simplifyPolyline(path, cell * 2.5), 3);
}
