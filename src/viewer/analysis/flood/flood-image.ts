/**
 * The flooded cells as a water surface: a picture of the flood's bounds (one pixel per
 * DEM sample, darker blue where deeper) laid flat at the water level. The grid is in
 * lon/lat, so the picture's rectangle is the cells' own (pixel-is-point: a sample's
 * cell reaches half a step beyond it).
 */
import type { FloodMap } from '../../../core/analysis/flood.ts';

export interface FloodImage {
  canvas: HTMLCanvasElement;
  west: number;
  south: number;
  east: number;
  north: number;
}

/** Depth bands (m) and their colours: shallow water light, deep dark (RGBA). */
const BANDS: readonly [number, readonly [number, number, number, number]][] = [
  [0.5, [147, 197, 253, 150]],
  [2, [96, 165, 250, 170]],
  [5, [37, 99, 235, 185]],
  [Infinity, [30, 58, 138, 200]],
];

export function floodImage(flood: FloodMap): FloodImage | null {
  const b = flood.bounds;
  if (!b) return null;
  const w = b.maxCol - b.minCol + 1, h = b.maxRow - b.minRow + 1;
  const canvas = document.createElement('canvas');
  canvas.width = w;
  canvas.height = h;
  const ctx = canvas.getContext('2d')!;
  const image = ctx.createImageData(w, h);
  const gw = flood.grid.width;
  // Runs (row, first col, last col) cover exactly the flooded cells.
  for (let k = 0; k < flood.runs.length; k += 3) {
    const row = flood.runs[k]!, c0 = flood.runs[k + 1]!, c1 = flood.runs[k + 2]!;
    for (let col = c0; col <= c1; col++) {
      const d = flood.depth[row * gw + col]!;
      const colour = BANDS.find(([max]) => d < max)![1];
      image.data.set(colour, 4 * ((row - b.minRow) * w + (col - b.minCol)));
    }
  }
  ctx.putImageData(image, 0, 0);
  return { canvas, west: b.west, south: b.south, east: b.east, north: b.north };
}
