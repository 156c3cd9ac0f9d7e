/**
 * A DEM in projected metres (a district's Gauss-Krüger GeoTIFF, issue 17) onto the
 * regular lon/lat grid the pipeline's ElevationGrid is: same resolution (the source's
 * pixel size turned into degrees at the DEM's centre, so the sample count stays about
 * the same), covering the DEM's whole extent, each lon/lat sample read from the source
 * by inverse transform and bilinear interpolation (`sampleElevation`), NaN outside the
 * source or next to its no-data.
 *
 * Extent (`extent` option): the lon/lat rectangle around the source has corners the
 * rotated source does not reach (in a 3° zone the grid is turned by up to ~0.75°:
 * slivers up to ~30 samples deep on a 2 500-sample DEM), and a file gdalwarp made has a
 * no-data margin. The terrain and basemap steps tile the whole grid by default and
 * refuse no-data there (`nodata-holes`), so by default (`inside`) edges are peeled off
 * while they hold no-data — the rectangle inside the data, what the steps take
 * unchanged (the sample DEM warped to EPSG:4545 by gdalwarp: 2518 × 1550 samples back,
 * none without data, against 2516 × 1557 in the original). `bounding` keeps the whole rectangle around the source,
 * NaN where it has no data (only the empty outer rows and columns dropped).
 *
 * The inverse transform is proj4's for every sample (exact; ~1.2 million samples/s:
 * the sample DEM warped to EPSG:4545, 3.9 million samples, reads in about 2 s against
 * 0.2 s for the lon/lat original).
 */
import { type ElevationGrid, gridEast, gridSouth, sampleElevation } from '../core/elevation-grid.ts';
import type { Crs } from './crs/crs.ts';

/** Points per edge of the source extent turned into lon/lat to find the lon/lat extent (the edges bow slightly). */
const EDGE_SAMPLES = 64;

/** The lon/lat extent of a projected grid's samples. */
function lonLatExtent(source: ElevationGrid, crs: Crs): { west: number; east: number; south: number; north: number } {
  const [x0, x1, y0, y1] = [source.west, gridEast(source), gridSouth(source), source.north];
  let west = Infinity;
  let east = -Infinity;
  let south = Infinity;
  let north = -Infinity;
  const add = (x: number, y: number) => {
    const [lon, lat] = crs.toLonLat(x, y);
    west = Math.min(west, lon);
    east = Math.max(east, lon);
    south = Math.min(south, lat);
    north = Math.max(north, lat);
  };
  for (let i = 0; i <= EDGE_SAMPLES; i++) {
    const t = i / EDGE_SAMPLES;
    add(x0 + (x1 - x0) * t, y0);
    add(x0 + (x1 - x0) * t, y1);
    add(x0, y0 + (y1 - y0) * t);
    add(x1, y0 + (y1 - y0) * t);
  }
  return { west, east, south, north };
}

/** Degrees per source pixel at the source's centre, east–west and north–south. */
function pixelSizeInDegrees(source: ElevationGrid, crs: Crs): { dLon: number; dLat: number } {
  const cx = (source.west + gridEast(source)) / 2;
  const cy = (source.north + gridSouth(source)) / 2;
  const [lon, lat] = crs.toLonLat(cx, cy);
  const h = 1e-3;
  const [ax, ay] = crs.fromLonLat(lon, lat);
  const [ex, ey] = crs.fromLonLat(lon + h, lat);
  const [nx, ny] = crs.fromLonLat(lon, lat + h);
  return { dLon: (source.dx * h) / Math.hypot(ex - ax, ey - ay), dLat: (source.dy * h) / Math.hypot(nx - ax, ny - ay) };
}

/**
 * `source` is the DEM in its own CRS (west/north/dx/dy in metres, north-up, rows north
 * → south as ElevationGrid says); the result is a lon/lat ElevationGrid.
 */
export type ReprojectedExtent = 'inside' | 'bounding';

export function reprojectGridToLonLat(source: ElevationGrid, crs: Crs, extent: ReprojectedExtent = 'inside'): ElevationGrid {
  const around = lonLatExtent(source, crs);
  const { dLon, dLat } = pixelSizeInDegrees(source, crs);
  const width = Math.max(2, Math.round((around.east - around.west) / dLon) + 1);
  const height = Math.max(2, Math.round((around.north - around.south) / dLat) + 1);
  const data = new Float32Array(width * height);
  for (let r = 0; r < height; r++) {
    const lat = around.north - r * dLat;
    for (let c = 0; c < width; c++) {
      const [x, y] = crs.fromLonLat(around.west + c * dLon, lat);
      data[r * width + c] = sampleElevation(source, x, y);
    }
  }
  const grid: ElevationGrid = { width, height, west: around.west, north: around.north, dx: dLon, dy: dLat, data };
  return extent === 'inside' ? peelEdgesWithoutData(grid) : trimEmptyEdges(grid);
}

/**
 * Drops outer rows and columns with no data at all (a file warped by gdalwarp has a
 * no-data margin around the rotated original); a grid with no data is returned as it is.
 */
export function trimEmptyEdges(grid: ElevationGrid): ElevationGrid {
  const { width, height, data } = grid;
  let c0 = width;
  let c1 = -1;
  let r0 = height;
  let r1 = -1;
  for (let r = 0; r < height; r++) {
    for (let c = 0; c < width; c++) {
      if (Number.isNaN(data[r * width + c]!)) continue;
      if (c < c0) c0 = c;
      if (c > c1) c1 = c;
      if (r < r0) r0 = r;
      if (r > r1) r1 = r;
    }
  }
  if (c1 < 0 || (c0 === 0 && r0 === 0 && c1 === width - 1 && r1 === height - 1)) return grid;
  const w = Math.max(2, c1 - c0 + 1);
  const h = Math.max(2, r1 - r0 + 1);
  const out = new Float32Array(w * h).fill(Number.NaN);
  for (let r = 0; r < h && r0 + r < height; r++) out.set(data.subarray((r0 + r) * width + c0, (r0 + r) * width + Math.min(width, c0 + w)), r * w);
  return { width: w, height: h, west: grid.west + c0 * grid.dx, north: grid.north - r0 * grid.dy, dx: grid.dx, dy: grid.dy, data: out };
}

/** The rectangle of `grid` whose four edges hold data everywhere: peels the edge with the most no-data (by share) until none has any. */
export function peelEdgesWithoutData(grid: ElevationGrid): ElevationGrid {
  const { width, data } = grid;
  let [r0, r1, c0, c1] = [0, grid.height - 1, 0, width - 1];
  const rowGaps = (r: number) => {
    let n = 0;
    for (let c = c0; c <= c1; c++) if (Number.isNaN(data[r * width + c]!)) n++;
    return n / (c1 - c0 + 1);
  };
  const columnGaps = (c: number) => {
    let n = 0;
    for (let r = r0; r <= r1; r++) if (Number.isNaN(data[r * width + c]!)) n++;
    return n / (r1 - r0 + 1);
  };
  while (r1 - r0 >= 1 && c1 - c0 >= 1) {
    const gaps = [rowGaps(r0), rowGaps(r1), columnGaps(c0), columnGaps(c1)];
    const worst = Math.max(...gaps);
    if (worst === 0) break;
    const edge = gaps.indexOf(worst);
    if (edge === 0) r0++;
    else if (edge === 1) r1--;
    else if (edge === 2) c0++;
    else c1--;
  }
  if (r1 - r0 < 1 || c1 - c0 < 1) return trimEmptyEdges(grid); // no rectangle of data: keep it whole, the steps say what is missing
  const w = c1 - c0 + 1;
  const h = r1 - r0 + 1;
  const out = new Float32Array(w * h);
  for (let r = 0; r < h; r++) out.set(data.subarray((r0 + r) * width + c0, (r0 + r) * width + c0 + w), r * w);
  return { width: w, height: h, west: grid.west + c0 * grid.dx, north: grid.north - r0 * grid.dy, dx: grid.dx, dy: grid.dy, data: out };
}
