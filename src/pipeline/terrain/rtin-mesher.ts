/**
 * Error-bounded triangulation of a tile's height lattice with `@mapbox/martini`
 * (right-triangulated irregular network): every lattice height is within `maxError`
 * of the mesh.
 *
 * Neighbouring tiles must agree on their shared edge. In an RTIN the vertices on a tile
 * edge are closed under 1-D dyadic subdivision, but which of them appear depends on
 * each tile's interior, so two neighbours can differ. `forceEdgeVertices` pins the
 * union of both sides' edge vertices into the mesh (error = ∞, then martini's error
 * propagation pulls in their ancestors). The ancestors of a point on one edge lie on
 * that edge or inside, but an inside one near a corner is also the child of a point on
 * the adjacent edge, which then joins the mesh too: so the pyramid repeats the pinning
 * until no tile's edges grow (terrain-pyramid.ts `settleEdges`), and only then do both
 * tiles carry the same edge vertices — no T-junctions, no cracks within a level.
 */
import Martini, { type MartiniTile } from '@mapbox/martini';

export type EdgeName = 'west' | 'south' | 'east' | 'north';
export const EDGE_NAMES: readonly EdgeName[] = ['west', 'south', 'east', 'north'];

export interface RtinMesh {
  /** Lattice size (2^k + 1). */
  size: number;
  /** Lattice coordinates (col, row; row 0 north) of each vertex. */
  vertices: Uint16Array;
  /** Vertex indices, three per triangle. */
  triangles: Uint32Array;
}

/** Positions along an edge (0 … size−1: row for west/east, column for north/south). */
export type EdgeVertices = Record<EdgeName, Set<number>>;

const martiniBySize = new Map<number, Martini>();
const boundaryBySize = new Map<number, Uint32Array>();

/**
 * Parent triangles with a vertex on the tile's boundary, finest first. Every ancestor of
 * a boundary lattice point is one of them, so re-propagating errors over just these
 * (a few thousand of martini's 2 M at 1025²) is enough after pinning edge points.
 */
function boundaryParents(martini: Martini): Uint32Array {
  let list = boundaryBySize.get(martini.gridSize);
  if (list) return list;
  const n = martini.gridSize - 1;
  const { coords } = martini;
  const onEdge = (x: number, y: number) => x === 0 || y === 0 || x === n || y === n;
  const found: number[] = [];
  for (let i = martini.numParentTriangles - 1; i >= 0; i--) {
    const k = i * 4;
    const ax = coords[k]!;
    const ay = coords[k + 1]!;
    const bx = coords[k + 2]!;
    const by = coords[k + 3]!;
    const mx = (ax + bx) >> 1;
    const my = (ay + by) >> 1;
    if (onEdge(ax, ay) || onEdge(bx, by) || onEdge(mx + my - ay, my + ax - mx)) found.push(i);
  }
  list = Uint32Array.from(found);
  boundaryBySize.set(martini.gridSize, list);
  return list;
}

/** Martini precomputes the triangle tree per size: share one per size. */
function martiniFor(size: number): Martini {
  let m = martiniBySize.get(size);
  if (!m) {
    m = new Martini(size);
    martiniBySize.set(size, m);
  }
  return m;
}

export class RtinTile {
  readonly size: number;
  private readonly tile: MartiniTile;
  private readonly martini: Martini;

  constructor(lattice: Float32Array, size: number) {
    this.size = size;
    this.martini = martiniFor(size);
    this.tile = this.martini.createTile(lattice);
  }

  mesh(maxError: number): RtinMesh {
    const { vertices, triangles } = this.tile.getMesh(maxError);
    return { size: this.size, vertices, triangles };
  }

  /**
   * Pins a regular grid (every `stride` lattice points) into every later mesh. Coarse
   * tiles need it whatever the error: a flat tile spanning a hemisphere would otherwise
   * be two triangles between the poles, with no curvature and a degenerate bounding
   * volume. Grid points on edges sit at the same places in every tile, so neighbours
   * still agree.
   */
  forceGrid(stride: number): void {
    const errors = this.tile.errors;
    for (let r = 0; r < this.size; r += stride) for (let c = 0; c < this.size; c += stride) errors[r * this.size + c] = Infinity;
    this.tile.update();
  }

  /** Pins lattice points on the edges into every later mesh. Returns whether any was new. */
  forceEdgeVertices(edges: Partial<EdgeVertices>): boolean {
    const n = this.size - 1;
    const errors = this.tile.errors;
    let changed = false;
    for (const name of EDGE_NAMES) {
      for (const t of edges[name] ?? []) {
        const [col, row] = edgePoint(name, t, n);
        const i = row * this.size + col;
        if (errors[i] !== Infinity) {
          errors[i] = Infinity;
          changed = true;
        }
      }
    }
    // Propagates the pins to their ancestors so the mesh stays conforming — martini's
    // own `update()` step, restricted to the triangles that can be ancestors.
    if (changed) {
      const { coords } = this.martini;
      const size = this.size;
      for (const i of boundaryParents(this.martini)) {
        const k = i * 4;
        const ax = coords[k]!;
        const ay = coords[k + 1]!;
        const bx = coords[k + 2]!;
        const by = coords[k + 3]!;
        const mx = (ax + bx) >> 1;
        const my = (ay + by) >> 1;
        const cx = mx + my - ay;
        const cy = my + ax - mx;
        const m = my * size + mx;
        const left = ((ay + cy) >> 1) * size + ((ax + cx) >> 1);
        const right = ((by + cy) >> 1) * size + ((bx + cx) >> 1);
        errors[m] = Math.max(errors[m]!, errors[left]!, errors[right]!);
      }
    }
    return changed;
  }
}

function edgePoint(edge: EdgeName, t: number, n: number): [number, number] {
  switch (edge) {
    case 'west':
      return [0, t];
    case 'east':
      return [n, t];
    case 'north':
      return [t, 0];
    case 'south':
      return [t, n];
  }
}

export function edgeVerticesOf(mesh: RtinMesh): EdgeVertices {
  const n = mesh.size - 1;
  const out: EdgeVertices = { west: new Set(), south: new Set(), east: new Set(), north: new Set() };
  const v = mesh.vertices;
  for (let i = 0; i < v.length; i += 2) {
    const col = v[i]!;
    const row = v[i + 1]!;
    if (col === 0) out.west.add(row);
    if (col === n) out.east.add(row);
    if (row === 0) out.north.add(col);
    if (row === n) out.south.add(col);
  }
  return out;
}
