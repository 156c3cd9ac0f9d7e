/**
 * Vertical error of a decoded terrain tile against the DEM, at every DEM sample inside
 * the tile: each triangle is scanned over the DEM samples in its bounding box, so the
 * cost is about one barycentric test per sample.
 */
import type { ElevationGrid } from '../src/core/elevation-grid.ts';

export interface MeshError {
  samples: number;
  max: number;
  sumSquares: number;
}

export function meshErrorAgainstDem(
  grid: ElevationGrid,
  lon: Float64Array,
  lat: Float64Array,
  height: Float64Array,
  indices: ArrayLike<number>,
): MeshError {
  const result: MeshError = { samples: 0, max: 0, sumSquares: 0 };
  const seen = new Set<number>();
  for (let t = 0; t < indices.length; t += 3) {
    const a = indices[t]!;
    const b = indices[t + 1]!;
    const c = indices[t + 2]!;
    const c0 = Math.max(0, Math.ceil((Math.min(lon[a]!, lon[b]!, lon[c]!) - grid.west) / grid.dx));
    const c1 = Math.min(grid.width - 1, Math.floor((Math.max(lon[a]!, lon[b]!, lon[c]!) - grid.west) / grid.dx));
    const r0 = Math.max(0, Math.ceil((grid.north - Math.max(lat[a]!, lat[b]!, lat[c]!)) / grid.dy));
    const r1 = Math.min(grid.height - 1, Math.floor((grid.north - Math.min(lat[a]!, lat[b]!, lat[c]!)) / grid.dy));
    const det = (lat[b]! - lat[c]!) * (lon[a]! - lon[c]!) + (lon[c]! - lon[b]!) * (lat[a]! - lat[c]!);
    if (det === 0) continue;
    for (let r = r0; r <= r1; r++) {
      const y = grid.north - r * grid.dy;
      for (let col = c0; col <= c1; col++) {
        const x = grid.west + col * grid.dx;
        const l1 = ((lat[b]! - lat[c]!) * (x - lon[c]!) + (lon[c]! - lon[b]!) * (y - lat[c]!)) / det;
        const l2 = ((lat[c]! - lat[a]!) * (x - lon[c]!) + (lon[a]! - lon[c]!) * (y - lat[c]!)) / det;
        const l3 = 1 - l1 - l2;
        if (l1 < -1e-12 || l2 < -1e-12 || l3 < -1e-12) continue;
        const key = r * grid.width + col;
        if (seen.has(key)) continue;
        seen.add(key);
        const dem = grid.data[key]!;
        if (Number.isNaN(dem)) continue;
        const e = Math.abs(l1 * height[a]! + l2 * height[b]! + l3 * height[c]! - dem);
        result.samples++;
        result.sumSquares += e * e;
        if (e > result.max) result.max = e;
      }
    }
  }
  return result;
}
