/**
 * The basemap's tile grid: Cesium's GeographicTilingScheme (EPSG:4326, two root tiles,
 * 2^(z+1) × 2^z tiles at level z) with XYZ rows counted from the north, which is what
 * UrlTemplateImageryProvider's `{y}` means with that scheme.
 */
import type { LonLatRect } from '../terrain/dem-coverage.ts';

export interface XyzRange {
  z: number;
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

export const tileDegrees = (z: number) => 180 / 2 ** z;

export function xyzTileRect(z: number, x: number, y: number): LonLatRect {
  const size = tileDegrees(z);
  return { west: -180 + x * size, east: -180 + (x + 1) * size, north: 90 - y * size, south: 90 - (y + 1) * size };
}

/** Tiles of level z overlapping `rect` with positive area. */
export function xyzRangeCovering(rect: LonLatRect, z: number): XyzRange {
  const size = tileDegrees(z);
  const eps = 1e-9;
  const clamp = (v: number, max: number) => Math.min(max, Math.max(0, v));
  return {
    z,
    x0: clamp(Math.floor((rect.west + 180) / size + eps), 2 ** (z + 1) - 1),
    x1: clamp(Math.ceil((rect.east + 180) / size - eps) - 1, 2 ** (z + 1) - 1),
    y0: clamp(Math.floor((90 - rect.north) / size + eps), 2 ** z - 1),
    y1: clamp(Math.ceil((90 - rect.south) / size - eps) - 1, 2 ** z - 1),
  };
}

export const rangeSize = (r: XyzRange) => (r.x1 - r.x0 + 1) * (r.y1 - r.y0 + 1);
