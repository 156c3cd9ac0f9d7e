/**
 * The quantized-mesh water mask (extension id 2): 256 × 256 bytes, row 0 at the tile's
 * north edge, 0 = land and 255 = water — or a single byte when the whole tile is one or
 * the other. Cesium flips v when it samples the mask, hence north-first rows.
 */
import type { LonLatRect } from './dem-coverage.ts';
import type { HeightField } from './height-field.ts';

export const WATER_MASK_SIZE = 256;

/** Decides per point whether it is water. */
export type WaterTest = (lon: number, lat: number) => boolean;

/** Water where the DEM is at or under the river level; land outside the DEM. */
export function waterBelowLevel(field: HeightField, levelM: number): WaterTest {
  return (lon, lat) => field.inside(lon, lat) && field.heightAt(lon, lat) <= levelM;
}

export function computeWaterMask(rect: LonLatRect, isWater: WaterTest): Uint8Array {
  const n = WATER_MASK_SIZE;
  const mask = new Uint8Array(n * n);
  const w = (rect.east - rect.west) / n;
  const h = (rect.north - rect.south) / n;
  let water = 0;
  for (let r = 0; r < n; r++) {
    const lat = rect.north - (r + 0.5) * h;
    for (let c = 0; c < n; c++) {
      if (isWater(rect.west + (c + 0.5) * w, lat)) {
        mask[r * n + c] = 255;
        water++;
      }
    }
  }
  if (water === 0) return Uint8Array.of(0);
  if (water === n * n) return Uint8Array.of(255);
  return mask;
}
