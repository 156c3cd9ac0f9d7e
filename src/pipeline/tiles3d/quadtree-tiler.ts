/**
 * Splits buildings into a quadtree of tiles with additive refinement: each tile's
 * own content is its most prominent buildings (tallest and largest), the rest go to
 * its four children, down to leaves of at most `maxFeaturesPerTile`. The whole
 * district at a glance is the root alone (its landmarks); detail streams in near the
 * camera; every building is in exactly one tile, so nothing is stored twice.
 *
 * Geometric error of a tile = the size (m) of the most prominent building it leaves
 * to its descendants: that is exactly what is missing on screen until they load.
 */

export interface TilerItem {
  /** Index into the caller's building list. */
  index: number;
  /** Centroid in a district-wide planar frame (m). */
  x: number;
  y: number;
  /** Visual size (m): what is missing on screen when the building is not drawn. */
  size: number;
  /** Tie-breaker for a stable order (the building id). */
  key: string;
}

export interface QuadtreeOptions {
  /** Most buildings in a leaf tile. Default 1,500. */
  maxFeaturesPerTile?: number;
  /** Buildings an inner tile keeps for itself (the overview). Default 600. */
  parentFeatures?: number;
  /** Depth limit; deeper stacks of buildings are cut into sibling leaves. Default 16. */
  maxLevel?: number;
}

export interface TileNode {
  level: number;
  x: number;
  y: number;
  /** Suffix for overflow leaves cut at maxLevel, else 0. */
  part: number;
  items: TilerItem[];
  children: TileNode[];
  geometricError: number;
}

const DEFAULTS: Required<QuadtreeOptions> = { maxFeaturesPerTile: 1_500, parentFeatures: 600, maxLevel: 16 };

function byProminence(a: TilerItem, b: TilerItem): number {
  return b.size - a.size || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}

function byKey(a: TilerItem, b: TilerItem): number {
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

export function buildQuadtree(items: TilerItem[], options: QuadtreeOptions = {}): TileNode {
  const o = { ...DEFAULTS, ...options };
  if (o.parentFeatures < 1 || o.parentFeatures > o.maxFeaturesPerTile) {
    throw new RangeError('parentFeatures must be between 1 and maxFeaturesPerTile');
  }
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const it of items) {
    minX = Math.min(minX, it.x);
    minY = Math.min(minY, it.y);
    maxX = Math.max(maxX, it.x);
    maxY = Math.max(maxY, it.y);
  }
  const side = Math.max(maxX - minX, maxY - minY, 1) * (1 + 1e-9);

  const build = (list: TilerItem[], level: number, x: number, y: number): TileNode => {
    if (list.length <= o.maxFeaturesPerTile) {
      return { level, x, y, part: 0, items: list.sort(byKey), children: [], geometricError: 0 };
    }
    list.sort(byProminence);
    if (level >= o.maxLevel) {
      // Buildings piled on one spot: cut into sibling leaves under a tile of the biggest.
      const own = list.slice(0, o.maxFeaturesPerTile);
      const children: TileNode[] = [];
      for (let at = own.length, part = 1; at < list.length; at += o.maxFeaturesPerTile, part++) {
        children.push({ level: level + 1, x: 2 * x, y: 2 * y, part, items: list.slice(at, at + o.maxFeaturesPerTile).sort(byKey), children: [], geometricError: 0 });
      }
      return { level, x, y, part: 0, items: own.sort(byKey), children, geometricError: list[own.length]!.size };
    }
    const own = list.slice(0, o.parentFeatures);
    const rest = list.slice(o.parentFeatures);
    const half = side / 2 ** (level + 1);
    const quads: TilerItem[][] = [[], [], [], []];
    for (const it of rest) {
      const qx = Math.min(1, Math.floor((it.x - minX) / half) - 2 * x);
      const qy = Math.min(1, Math.floor((it.y - minY) / half) - 2 * y);
      quads[Math.max(0, qy) * 2 + Math.max(0, qx)]!.push(it);
    }
    const children: TileNode[] = [];
    quads.forEach((q, i) => {
      if (q.length) children.push(build(q, level + 1, 2 * x + (i & 1), 2 * y + (i >> 1)));
    });
    return { level, x, y, part: 0, items: own.sort(byKey), children, geometricError: rest[0]!.size };
  };
  return build([...items], 0, 0, 0);
}

/** Relative path of a tile's content, stable across runs. */
export function tileContentPath(node: TileNode): string {
  return `${node.level}/${node.x}/${node.y}${node.part ? `_${node.part}` : ''}.glb`;
}

/** Every tile, parents before children, in a stable order. */
export function* walkTiles(root: TileNode): Generator<TileNode> {
  yield root;
  for (const child of root.children) yield* walkTiles(child);
}
