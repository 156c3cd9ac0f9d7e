/**
 * What the street tracer knows about the streets already drawn: for every cell of a
 * fine raster, the distance to the nearest street centreline (up to a reach), which
 * street that is and the nearest point on it. Lets a new street see a neighbour
 * coming, keep its distance and end on it in a T-junction.
 */
import type { Vec2 } from './planar-geometry.ts';

export class RoadCanvas {
  readonly x0: number;
  readonly y0: number;
  readonly cell: number;
  readonly nx: number;
  readonly ny: number;
  /** Distances beyond this are not recorded (m). */
  readonly reach: number;
  private readonly dist: Float32Array;
  private readonly nearX: Float32Array;
  private readonly nearY: Float32Array;
  private readonly owner: Int32Array;

  constructor(x0: number, y0: number, x1: number, y1: number, cell: number, reach: number) {
    this.x0 = x0;
    this.y0 = y0;
    this.cell = cell;
    this.reach = reach;
    this.nx = Math.ceil((x1 - x0) / cell) + 1;
    this.ny = Math.ceil((y1 - y0) / cell) + 1;
    const n = this.nx * this.ny;
    this.dist = new Float32Array(n).fill(Infinity);
    this.nearX = new Float32Array(n);
    this.nearY = new Float32Array(n);
    this.owner = new Int32Array(n).fill(-1);
  }

  private index(x: number, y: number): number {
    const i = Math.round((x - this.x0) / this.cell);
    const j = Math.round((y - this.y0) / this.cell);
    return i < 0 || j < 0 || i >= this.nx || j >= this.ny ? -1 : j * this.nx + i;
  }

  /** Distance (m, to cell precision) from (x, y) to the nearest drawn street; Infinity if beyond reach. */
  clearance(x: number, y: number): number {
    const k = this.index(x, y);
    return k < 0 ? Infinity : this.dist[k]!;
  }

  /** The nearest drawn street and the point on it, or undefined if none within reach. */
  nearest(x: number, y: number): { owner: number; point: Vec2; distance: number } | undefined {
    const k = this.index(x, y);
    if (k < 0 || this.owner[k]! < 0) return undefined;
    return { owner: this.owner[k]!, point: [this.nearX[k]!, this.nearY[k]!], distance: this.dist[k]! };
  }

  /** Records a street centreline as street number `owner`. */
  draw(line: readonly Vec2[], owner: number): void {
    const { cell, reach, nx, ny } = this;
    for (let s = 0; s + 1 < line.length; s++) {
      const [ax, ay] = line[s]!;
      const [bx, by] = line[s + 1]!;
      const ex = bx - ax;
      const ey = by - ay;
      const len2 = ex * ex + ey * ey;
      const i0 = Math.max(0, Math.floor((Math.min(ax, bx) - reach - this.x0) / cell));
      const i1 = Math.min(nx - 1, Math.ceil((Math.max(ax, bx) + reach - this.x0) / cell));
      const j0 = Math.max(0, Math.floor((Math.min(ay, by) - reach - this.y0) / cell));
      const j1 = Math.min(ny - 1, Math.ceil((Math.max(ay, by) + reach - this.y0) / cell));
      for (let j = j0; j <= j1; j++) {
        const y = this.y0 + j * cell;
        for (let i = i0; i <= i1; i++) {
          const x = this.x0 + i * cell;
          // Nearest point of the segment (inlined: this loop is the network's hot spot).
          let t = len2 > 0 ? ((x - ax) * ex + (y - ay) * ey) / len2 : 0;
          t = t < 0 ? 0 : t > 1 ? 1 : t;
          const qx = ax + t * ex;
          const qy = ay + t * ey;
          const d = Math.hypot(qx - x, qy - y);
          const k = j * nx + i;
          if (d <= reach && d < this.dist[k]!) {
            this.dist[k] = d;
            this.nearX[k] = qx;
            this.nearY[k] = qy;
            this.owner[k] = owner;
          }
        }
      }
    }
  }
}
