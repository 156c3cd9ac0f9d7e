/**
 * A regular lon/lat grid of heights: the in-memory form of a DEM, shared by the
 * pipeline (terrain tiles, buildings on slopes, pipes under streets) and tests.
 *
 * Pixel-is-point: sample (col, row) sits at lon = west + col·dx, lat = north − row·dy,
 * so the corners of the grid are the outermost samples. Rows run north → south as in
 * GeoTIFF.
 */

export interface ElevationGrid {
  readonly width: number;
  readonly height: number;
  /** Longitude of column 0 and latitude of row 0 (degrees). */
  readonly west: number;
  readonly north: number;
  /** Spacing between samples in degrees (positive). */
  readonly dx: number;
  readonly dy: number;
  /** Heights in metres, row-major, `height × width`; NaN marks "no data". */
  readonly data: Float32Array;
}

export function gridEast(grid: ElevationGrid): number {
  return grid.west + (grid.width - 1) * grid.dx;
}

export function gridSouth(grid: ElevationGrid): number {
  return grid.north - (grid.height - 1) * grid.dy;
}

export function gridContains(grid: ElevationGrid, lon: number, lat: number): boolean {
  return lon >= grid.west && lon <= gridEast(grid) && lat <= grid.north && lat >= gridSouth(grid);
}

/**
 * Bilinear height at lon/lat, or NaN outside the grid or next to a no-data sample.
 */
export function sampleElevation(grid: ElevationGrid, lon: number, lat: number): number {
  const fx = (lon - grid.west) / grid.dx;
  const fy = (grid.north - lat) / grid.dy;
  if (!(fx >= 0 && fy >= 0 && fx <= grid.width - 1 && fy <= grid.height - 1)) return Number.NaN;
  const x0 = Math.min(Math.floor(fx), grid.width - 2);
  const y0 = Math.min(Math.floor(fy), grid.height - 2);
  const tx = fx - x0;
  const ty = fy - y0;
  const i = y0 * grid.width + x0;
  const d = grid.data;
  const top = d[i]! * (1 - tx) + d[i + 1]! * tx;
  const bottom = d[i + grid.width]! * (1 - tx) + d[i + grid.width + 1]! * tx;
  return top * (1 - ty) + bottom * ty;
}
