/**
 * Plans and meshes the terrain pyramid level by level. Level 0 is the two root tiles
 * (the world, mostly fill); every deeper level holds only the tiles over the area.
 * Per level, pass 1 meshes each tile to its error budget, then pinning rounds pin the
 * union of neighbours' edge vertices until no tile's edges change, so shared edges
 * carry identical vertices. One round is not enough: pinning a point on one edge pulls
 * in its RTIN ancestors, and near a corner those include points on the adjacent edge,
 * which that edge's neighbour never saw (3 of the sample's 226 pairs differed by one
 * vertex, gaps up to 0.41 m; a second round settles them). The passes are per tile, so
 * they run in worker threads (terrain-workers.ts) or in process alike.
 */
import type { LonLatRect } from './dem-coverage.ts';
import { type TileKey, type TileRange, levelGeometricError, tileRangeCovering, tileSizeDegrees } from './geographic-tiling.ts';
import type { HeightField } from './height-field.ts';
import { EDGE_NAMES, type EdgeName, type EdgeVertices, edgeVerticesOf, type RtinMesh, RtinTile } from './rtin-mesher.ts';
import { sampleTileLattice } from './tile-grid-sampler.ts';

export interface PyramidOptions {
  /** Area to tile below level 0. */
  area: LonLatRect;
  maxZoom: number;
  /** DEM sample spacing (degrees): sets each level's lattice size. */
  demSpacingDeg: number;
  /** Error budget of the deepest level (m). */
  leafMaxError: number;
  /** Fraction of Cesium's level geometric error the mesh may use above the deepest level. */
  levelErrorFraction: number;
  /** Lattice (2^k + 1) of the levels above the deepest. */
  coarseLatticeSize: number;
  /** Largest lattice (2^k + 1) a deepest-level tile is sampled on. */
  maxLatticeSize: number;
  /**
   * Lattice samples per DEM sample spacing. Above 1 because the lattice cannot line up
   * with the DEM's samples: a linear mesh between lattice points cuts the DEM's kinks
   * (cliffs) by up to slope-change × spacing / 4, so a finer lattice keeps cliffs true.
   * Applies to the deepest level.
   */
  oversampling: number;
}

export interface LevelPlan {
  z: number;
  /** Levels up to this one get a 17 × 17 minimum grid (see RtinTile.forceGrid). */
  gridUpToLevel: number;
  range: TileRange;
  latticeSize: number;
  maxError: number;
}

/**
 * Up to here a 16-segment grid is forced: a flat triangle across 1/16 of a level-z tile
 * sags below the ellipsoid by ≈ 0.4 / 2^z of the level's geometric error, so deeper
 * levels need no help.
 */
const MIN_GRID_UP_TO_LEVEL = 8;

export function planLevels(options: PyramidOptions): LevelPlan[] {
  const levels: LevelPlan[] = [];
  for (let z = 0; z <= options.maxZoom; z++) {
    const range = z === 0 ? { startX: 0, startY: 0, endX: 1, endY: 0 } : tileRangeCovering(options.area, z);
    const leaf = z === options.maxZoom;
    // The deepest level samples finer than the DEM (see `oversampling`); the levels above
    // only need their lattice fine next to their much larger error budget.
    const cells = (tileSizeDegrees(z) / options.demSpacingDeg) * options.oversampling;
    const k = leaf ? Math.min(Math.log2(options.maxLatticeSize - 1), Math.max(8, Math.ceil(Math.log2(cells) - 1e-9))) : Math.log2(options.coarseLatticeSize - 1);
    const maxError = leaf ? options.leafMaxError : Math.max(options.leafMaxError, levelGeometricError(z) * options.levelErrorFraction);
    levels.push({ z, gridUpToLevel: MIN_GRID_UP_TO_LEVEL, range, latticeSize: 2 ** k + 1, maxError });
  }
  return levels;
}

const keyOf = (x: number, y: number) => `${x}/${y}`;
export const tileId = (key: TileKey) => keyOf(key.x, key.y);

/** Edge vertex positions as plain arrays (they cross worker boundaries). */
export type EdgeLists = Record<EdgeName, number[]>;

/** Neighbour across each edge and the edge it shares with us (x wraps at ±180°). */
const ACROSS: Record<EdgeName, [number, number, EdgeName]> = {
  west: [-1, 0, 'east'],
  east: [1, 0, 'west'],
  north: [0, 1, 'south'],
  south: [0, -1, 'north'],
};

/**
 * The edge vertices a tile must carry so it matches its same-level neighbours: on each
 * edge, the union of its own and the neighbour's first-pass edge vertices.
 */
export function forcedEdges(key: TileKey, edgesById: ReadonlyMap<string, EdgeLists>): EdgeLists {
  const columns = 2 ** (key.z + 1);
  const own = edgesById.get(tileId(key))!;
  const out: EdgeLists = { west: [], south: [], east: [], north: [] };
  for (const edge of EDGE_NAMES) {
    const [dx, dy, theirs] = ACROSS[edge];
    const other = edgesById.get(keyOf((key.x + dx + columns) % columns, key.y + dy));
    out[edge] = other ? [...new Set([...own[edge], ...other[theirs]])] : [];
  }
  return out;
}

export interface StartedTile {
  key: TileKey;
  tile: RtinTile;
  lattice: Float32Array;
  edges: EdgeLists;
  /** The mesh after pass 1 or the latest pinning round that changed it. */
  mesh: RtinMesh;
}

function edgeLists(mesh: RtinMesh): EdgeLists {
  const sets = edgeVerticesOf(mesh);
  return { west: [...sets.west], south: [...sets.south], east: [...sets.east], north: [...sets.north] };
}

/** Edge vertices over all four edges: pins only add vertices, so an equal count means equal edges. */
export function edgeCount(edges: EdgeLists): number {
  return edges.west.length + edges.south.length + edges.east.length + edges.north.length;
}

/** First pass: sample, triangulate to the level's error, note the edge vertices. */
export function startTile(field: HeightField, key: TileKey, level: LevelPlan): StartedTile {
  const lattice = sampleTileLattice(field, key, level.latticeSize);
  const tile = new RtinTile(lattice, level.latticeSize);
  if (key.z <= level.gridUpToLevel) tile.forceGrid((level.latticeSize - 1) / 16);
  const mesh = tile.mesh(level.maxError);
  return { key, tile, lattice, edges: edgeLists(mesh), mesh };
}

/**
 * A pinning round: pin the shared edge vertices (`forcedEdges`) and return the edge
 * vertices the mesh now has. They can exceed what was pinned (ancestors on an adjacent
 * edge), so the caller repeats rounds until no tile's edges grow.
 */
export function pinEdges(started: StartedTile, forced: EdgeLists, level: LevelPlan): EdgeLists {
  const sets: Partial<EdgeVertices> = {};
  for (const edge of EDGE_NAMES) if (forced[edge].length > 0) sets[edge] = new Set(forced[edge]);
  if (started.tile.forceEdgeVertices(sets)) {
    started.mesh = started.tile.mesh(level.maxError);
    started.edges = edgeLists(started.mesh);
  }
  return started.edges;
}

/**
 * Runs pinning rounds until a fixed point: each round pins every tile's forced edges
 * (the union with its neighbours') and reads back its edges. Pins only add vertices, so
 * when no tile's edge-vertex count grew, each tile's edges already held its
 * neighbours' and every shared edge carries the same vertices on both sides. Edges are
 * bounded by the lattice, so this ends; on the sample after 2–3 rounds. `edges` (pass 1's)
 * is updated in place; returns the number of rounds.
 */
export async function settleEdges(
  keys: readonly TileKey[],
  edges: Map<string, EdgeLists>,
  pin: (forced: Array<[string, EdgeLists]>) => Promise<Array<[string, EdgeLists]>>,
): Promise<number> {
  for (let round = 1; ; round++) {
    const after = await pin(keys.map((key) => [tileId(key), forcedEdges(key, edges)]));
    let grew = false;
    for (const [id, e] of after) {
      if (edgeCount(e) !== edgeCount(edges.get(id)!)) grew = true;
      edges.set(id, e);
    }
    if (!grew) return round;
  }
}
