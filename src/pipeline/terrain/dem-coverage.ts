/**
 * Checks a DEM before tiling: does it cover the area asked for, and has it holes
 * (no-data samples) there? Holes are an error by default — a terrain with pits to the
 * ellipsoid is worse than none — unless the caller opts into filling them.
 */
import { type ElevationGrid, gridEast, gridSouth } from '../../core/elevation-grid.ts';
import { TerrainInputError } from '../../sources/terrain-input-error.ts';

export interface LonLatRect {
  west: number;
  south: number;
  east: number;
  north: number;
}

export function gridRect(grid: ElevationGrid): LonLatRect {
  return { west: grid.west, south: gridSouth(grid), east: gridEast(grid), north: grid.north };
}

const fmt = (r: LonLatRect) => `${r.west.toFixed(5)},${r.south.toFixed(5)},${r.east.toFixed(5)},${r.north.toFixed(5)}`;

/** Throws unless `area` lies inside the grid (a tolerance of half a sample is allowed). */
export function assertCovers(grid: ElevationGrid, area: LonLatRect, file: string): void {
  const g = gridRect(grid);
  const tx = grid.dx / 2;
  const ty = grid.dy / 2;
  if (area.west < g.west - tx || area.east > g.east + tx || area.south < g.south - ty || area.north > g.north + ty) {
    throw new TerrainInputError(
      'outside-coverage',
      file,
      `${file}: DEM 范围 ${fmt(g)} 未覆盖所需区域 ${fmt(area)} / the DEM covers ${fmt(g)} but ${fmt(area)} was requested: pass a DEM that covers the area, or a smaller --bounds inside the DEM.`,
    );
  }
}

/** Grid rows/columns of the samples inside `area` (inclusive). */
export function windowOf(grid: ElevationGrid, area: LonLatRect): { c0: number; c1: number; r0: number; r1: number } {
  const clampC = (c: number) => Math.min(grid.width - 1, Math.max(0, c));
  const clampR = (r: number) => Math.min(grid.height - 1, Math.max(0, r));
  return {
    c0: clampC(Math.floor((area.west - grid.west) / grid.dx + 1e-9)),
    c1: clampC(Math.ceil((area.east - grid.west) / grid.dx - 1e-9)),
    r0: clampR(Math.floor((grid.north - area.north) / grid.dy + 1e-9)),
    r1: clampR(Math.ceil((grid.north - area.south) / grid.dy - 1e-9)),
  };
}

export interface HoleReport {
  count: number;
  /** lon/lat of the first hole found (north-west first). */
  first?: [number, number];
}

export function findHoles(grid: ElevationGrid, area: LonLatRect): HoleReport {
  const { c0, c1, r0, r1 } = windowOf(grid, area);
  let count = 0;
  let first: [number, number] | undefined;
  for (let r = r0; r <= r1; r++) {
    for (let c = c0; c <= c1; c++) {
      if (Number.isNaN(grid.data[r * grid.width + c]!)) {
        count++;
        first ??= [grid.west + c * grid.dx, grid.north - r * grid.dy];
      }
    }
  }
  return first ? { count, first } : { count };
}

export function assertNoHoles(grid: ElevationGrid, area: LonLatRect, file: string): void {
  const holes = findHoles(grid, area);
  if (holes.count === 0) return;
  const [lon, lat] = holes.first!;
  throw new TerrainInputError(
    'nodata-holes',
    file,
    `${file}: DEM 有 ${holes.count} 个无数据像元（首个在 ${lon.toFixed(5)}, ${lat.toFixed(5)}） / the DEM has ${holes.count} no-data samples (first at ${lon.toFixed(5)}, ${lat.toFixed(5)}): fill them (\`gdal_fillnodata.py\`) or pass --fill-nodata to interpolate them.`,
  );
}

/**
 * Fills no-data samples by repeatedly averaging their valid 8-neighbours, growing in
 * from the hole's rim (a cheap inpainting; fine for the small voids SRTM has). Returns
 * a new grid; samples with no valid data anywhere stay NaN.
 */
export function fillHoles(grid: ElevationGrid): ElevationGrid {
  const { width, height } = grid;
  const data = Float32Array.from(grid.data);
  let pending: number[] = [];
  for (let i = 0; i < data.length; i++) if (Number.isNaN(data[i]!)) pending.push(i);
  while (pending.length > 0) {
    const filled: Array<[number, number]> = [];
    const still: number[] = [];
    for (const i of pending) {
      const r = Math.floor(i / width);
      const c = i - r * width;
      let sum = 0;
      let n = 0;
      for (let dr = -1; dr <= 1; dr++) {
        for (let dc = -1; dc <= 1; dc++) {
          const rr = r + dr;
          const cc = c + dc;
          if ((dr || dc) && rr >= 0 && rr < height && cc >= 0 && cc < width) {
            const v = data[rr * width + cc]!;
            if (!Number.isNaN(v)) {
              sum += v;
              n++;
            }
          }
        }
      }
      if (n > 0) filled.push([i, sum / n]);
      else still.push(i);
    }
    if (filled.length === 0) break;
    for (const [i, v] of filled) data[i] = v;
    pending = still;
  }
  return { ...grid, data };
}
