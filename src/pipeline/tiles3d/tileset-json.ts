/**
 * The tileset.json of the buildings (3D Tiles 1.1): regions as bounding volumes
 * (geodetic, so they hold whatever frame the content uses), one ENU transform per
 * tile for its content, additive refinement from the root.
 */
import { createEnuFrame, invertRigidMatrix, multiplyMatrices } from './enu-frame.ts';
import type { TileNode } from './quadtree-tiler.ts';

/** [west, south, east, north] in degrees and [min, max] height in metres. */
export interface GeoBox {
  west: number;
  south: number;
  east: number;
  north: number;
  minHeight: number;
  maxHeight: number;
}

export function emptyBox(): GeoBox {
  return { west: Infinity, south: Infinity, east: -Infinity, north: -Infinity, minHeight: Infinity, maxHeight: -Infinity };
}

export function growBox(box: GeoBox, other: GeoBox): GeoBox {
  box.west = Math.min(box.west, other.west);
  box.south = Math.min(box.south, other.south);
  box.east = Math.max(box.east, other.east);
  box.north = Math.max(box.north, other.north);
  box.minHeight = Math.min(box.minHeight, other.minHeight);
  box.maxHeight = Math.max(box.maxHeight, other.maxHeight);
  return box;
}

/** A tile ready to be written: its node, content box and the frame its glb uses. */
export interface PlannedTile {
  node: TileNode;
  contentUri: string;
  contentBox: GeoBox;
  /** ENU origin of the content [lon°, lat°, h]. */
  frameOrigin: [number, number, number];
  children: PlannedTile[];
}

/** Padding that absorbs quantization (≤ 5 cm) and rounding: ~0.2 m and 0.2 m. */
const PAD_DEG = 2e-6;
const PAD_M = 0.2;
const DEG = Math.PI / 180;

export function frameOriginFor(box: GeoBox): [number, number, number] {
  return [(box.west + box.east) / 2, (box.south + box.north) / 2, 0];
}

export interface TilesetJsonOptions {
  /** Written to asset.generator. */
  generator?: string;
  /** Extra facts written to asset.extras (counts, source). */
  extras?: Record<string, unknown>;
}

export function tilesetJson(root: PlannedTile, options: TilesetJsonOptions = {}): Record<string, unknown> {
  const boxes = new Map<PlannedTile, GeoBox>();
  const fullBox = (tile: PlannedTile): GeoBox => {
    const box = growBox(emptyBox(), tile.contentBox);
    for (const child of tile.children) growBox(box, fullBox(child));
    boxes.set(tile, box);
    return box;
  };
  const rootBox = fullBox(root);

  const region = (b: GeoBox) => [
    (b.west - PAD_DEG) * DEG,
    (b.south - PAD_DEG) * DEG,
    (b.east + PAD_DEG) * DEG,
    (b.north + PAD_DEG) * DEG,
    b.minHeight - PAD_M,
    b.maxHeight + PAD_M,
  ];

  const toJson = (tile: PlannedTile, parentWorld: number[] | null, parentError: number): Record<string, unknown> => {
    const world = createEnuFrame(...tile.frameOrigin).toEcefMatrix();
    // Tile transforms compose down the tree, so a child's is relative to its parent's.
    const transform = parentWorld ? multiplyMatrices(invertRigidMatrix(parentWorld), world) : world;
    // Errors must not grow downwards (a child with more error than its parent confuses refinement).
    const geometricError = Math.min(tile.node.geometricError, parentError);
    return {
      boundingVolume: { region: region(boxes.get(tile)!) },
      geometricError: round(geometricError, 3),
      ...(parentWorld ? {} : { refine: 'ADD' }),
      transform: transform.map((v) => round(v, 9)),
      content: {
        uri: tile.contentUri,
        boundingVolume: { region: region(tile.contentBox) },
      },
      ...(tile.children.length ? { children: tile.children.map((c) => toJson(c, world, geometricError)) } : {}),
    };
  };

  const rootJson = toJson(root, null, Infinity);
  const rootError = root.node.geometricError;
  // Below this screen error the tileset is not drawn at all: the landmarks' own size.
  const maxSize = Math.max(rootError, (rootBox.maxHeight - rootBox.minHeight) / 4, 1);
  return {
    asset: {
      version: '1.1',
      generator: options.generator ?? 'yuzhong-twin buildings pipeline',
      ...(options.extras ? { extras: options.extras } : {}),
    },
    geometricError: round(maxSize * 4, 3),
    root: rootJson,
  };
}

function round(v: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}
