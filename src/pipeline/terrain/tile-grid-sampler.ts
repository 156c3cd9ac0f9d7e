/**
 * Samples a height field on a tile's (size × size) lattice, rows north → south, the
 * outermost rows and columns on the tile's edges. Coordinates are computed from the
 * tile's integer address, so two neighbours evaluate their shared edge at bit-identical
 * lon/lat and get identical heights there.
 */
import type { TileKey } from './geographic-tiling.ts';
import { tileSizeDegrees } from './geographic-tiling.ts';
import type { HeightField } from './height-field.ts';

export function latticeLon(key: TileKey, size: number, col: number): number {
  return -180 + (key.x + col / (size - 1)) * tileSizeDegrees(key.z);
}

export function latticeLat(key: TileKey, size: number, row: number): number {
  return -90 + (key.y + 1 - row / (size - 1)) * tileSizeDegrees(key.z);
}

export function sampleTileLattice(field: HeightField, key: TileKey, size: number): Float32Array {
  const out = new Float32Array(size * size);
  const lons = new Float64Array(size);
  for (let c = 0; c < size; c++) lons[c] = latticeLon(key, size, c);
  // Tiles wholly inside the DEM (most of the deep ones) skip the fill logic.
  const whole = field.inside(lons[0]!, latticeLat(key, size, 0)) && field.inside(lons[size - 1]!, latticeLat(key, size, size - 1));
  const at = whole ? field.demHeightAt : field.heightAt;
  for (let r = 0; r < size; r++) {
    const lat = latticeLat(key, size, r);
    for (let c = 0; c < size; c++) out[r * size + c] = at(lons[c]!, lat);
  }
  return out;
}
