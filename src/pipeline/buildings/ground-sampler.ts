/**
 * The ground under a footprint: lowest and highest DEM height sampled at every
 * vertex, along every edge and on the DEM's own grid nodes inside the footprint, so
 * a ridge between two corners or a bump under the middle of a block is not missed.
 */
import { sampleElevation, type ElevationGrid } from '../../core/elevation-grid.ts';
import type { PolygonRings } from '../../sources/footprint.ts';
import { pointInRings, pointOnRings } from '../../core/planar-geometry.ts';

export interface GroundRange {
  min: number;
  max: number;
}

/** Ground range under the footprint, or null when any sample falls outside the DEM or on no-data. */
export function sampleGround(grid: ElevationGrid, polygons: readonly PolygonRings[]): GroundRange | null {
  let min = Infinity;
  let max = -Infinity;
  const take = (lon: number, lat: number): boolean => {
    const h = sampleElevation(grid, lon, lat);
    if (Number.isNaN(h)) return false;
    if (h < min) min = h;
    if (h > max) max = h;
    return true;
  };

  for (const rings of polygons) {
    for (const ring of rings) {
      const n = ring.length;
      for (let i = 0; i < n; i += 2) {
        const x0 = ring[i]!;
        const y0 = ring[i + 1]!;
        if (!take(x0, y0)) return null;
        // Along the edge at DEM spacing: the walls stand on these points too.
        const x1 = ring[(i + 2) % n]!;
        const y1 = ring[(i + 3) % n]!;
        const steps = Math.ceil(Math.max(Math.abs(x1 - x0) / grid.dx, Math.abs(y1 - y0) / grid.dy));
        for (let s = 1; s < steps; s++) {
          const t = s / steps;
          if (!take(x0 + (x1 - x0) * t, y0 + (y1 - y0) * t)) return null;
        }
      }
    }
    // DEM nodes inside the footprint: exact samples, one per grid cell.
    const outer = rings[0]!;
    let w = Infinity, e = -Infinity, s = Infinity, nn = -Infinity;
    for (let i = 0; i < outer.length; i += 2) {
      w = Math.min(w, outer[i]!);
      e = Math.max(e, outer[i]!);
      s = Math.min(s, outer[i + 1]!);
      nn = Math.max(nn, outer[i + 1]!);
    }
    // A hair of slack so nodes exactly on the bounding box survive rounding.
    const slack = 1e-7;
    const c0 = Math.max(0, Math.ceil((w - grid.west) / grid.dx - slack));
    const c1 = Math.min(grid.width - 1, Math.floor((e - grid.west) / grid.dx + slack));
    const r0 = Math.max(0, Math.ceil((grid.north - nn) / grid.dy - slack));
    const r1 = Math.min(grid.height - 1, Math.floor((grid.north - s) / grid.dy + slack));
    for (let r = r0; r <= r1; r++) {
      const lat = grid.north - r * grid.dy;
      for (let c = c0; c <= c1; c++) {
        const lon = grid.west + c * grid.dx;
        // Nodes on an edge count too: the wall stands on them.
        if (!pointInRings(rings, lon, lat) && !pointOnRings(rings, lon, lat, 1e-10)) continue;
        const h = grid.data[r * grid.width + c]!;
        if (Number.isNaN(h)) return null;
        if (h < min) min = h;
        if (h > max) max = h;
      }
    }
  }
  return Number.isFinite(min) ? { min, max } : null;
}
