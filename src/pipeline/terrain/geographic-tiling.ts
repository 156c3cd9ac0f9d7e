/**
 * Cesium's geographic tiling scheme (EPSG:4326, two root tiles) with TMS rows: level z
 * has 2^(z+1) columns and 2^z rows, row 0 at the south pole. This is what
 * quantized-mesh `layer.json` with `"scheme": "tms"` means.
 */
import type { LonLatRect } from './dem-coverage.ts';

export interface TileKey {
  z: number;
  x: number;
  /** TMS row, counted from the south. */
  y: number;
}

export interface TileRange {
  startX: number;
  startY: number;
  endX: number;
  endY: number;
}

export const tileSizeDegrees = (z: number) => 180 / 2 ** z;

export function tileRect({ z, x, y }: TileKey): LonLatRect {
  const size = tileSizeDegrees(z);
  return { west: -180 + x * size, south: -90 + y * size, east: -180 + (x + 1) * size, north: -90 + (y + 1) * size };
}

/** Tiles at level z that overlap `rect` with positive area (edges touching don't count). */
export function tileRangeCovering(rect: LonLatRect, z: number): TileRange {
  const size = tileSizeDegrees(z);
  const eps = 1e-9;
  const maxX = 2 ** (z + 1) - 1;
  const maxY = 2 ** z - 1;
  const clamp = (v: number, max: number) => Math.min(max, Math.max(0, v));
  return {
    startX: clamp(Math.floor((rect.west + 180) / size + eps), maxX),
    endX: clamp(Math.ceil((rect.east + 180) / size - eps) - 1, maxX),
    startY: clamp(Math.floor((rect.south + 90) / size + eps), maxY),
    endY: clamp(Math.ceil((rect.north + 90) / size - eps) - 1, maxY),
  };
}

export function* tilesInRange(z: number, range: TileRange): Generator<TileKey> {
  for (let y = range.startY; y <= range.endY; y++) for (let x = range.startX; x <= range.endX; x++) yield { z, x, y };
}

/**
 * Cesium's estimate of a level's geometric error for terrain tiles
 * (`TerrainProvider.getEstimatedLevelZeroGeometricErrorForAHeightmap(WGS84, 65, 2)`
 * halved per level): the screen-space error it refines by. A tile's mesh must stay
 * within it for Cesium's refinement to be honest.
 */
export function levelGeometricError(z: number): number {
  const WGS84_MAX_RADIUS = 6378137;
  const levelZero = (WGS84_MAX_RADIUS * 2 * Math.PI * 0.25) / (65 * 2);
  return levelZero / 2 ** z;
}
