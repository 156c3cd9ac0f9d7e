/**
 * The ground every synthetic test/benchmark input stands on: a seeded random
 * source, and a square of hilly DEM around a centre with a mapping from local
 * metres to lon/lat. Shared by the synthetic district (buildings) and the
 * synthetic utility network (lifelines) so both describe the same kind of place.
 */
import type { ElevationGrid } from '../../core/elevation-grid.ts';

const M_PER_DEG_LAT = 110_574;

/** A small, fast, seeded PRNG (mulberry32): the same seed gives the same sequence everywhere. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SyntheticAreaOptions {
  /** Side of the square the features occupy (m). */
  sideM: number;
  /** Centre (lon°, lat°). Default Yuzhong (106.55, 29.55). */
  centre?: [number, number];
  /** Relief amplitude (m); Yuzhong's slopes need ~100. Default 100. */
  reliefM?: number;
  /** DEM beyond the square on every side (m). Default 60. */
  marginM?: number;
}

export interface SyntheticArea {
  grid: ElevationGrid;
  /** Local metres east/north of the centre → lon/lat, rounded to 1e-7° (~1 cm) like real files. */
  toLonLat(x: number, y: number): [number, number];
}

export function createSyntheticArea(options: SyntheticAreaOptions): SyntheticArea {
  const [lon0, lat0] = options.centre ?? [106.55, 29.55];
  const relief = options.reliefM ?? 100;
  const margin = options.marginM ?? 60;
  const mPerDegLon = 111_320 * Math.cos((lat0 * Math.PI) / 180);

  // ~5 m spacing (coarser for huge areas).
  const span = options.sideM + 2 * margin;
  const cellM = Math.max(5, span / 2500);
  const width = Math.ceil(span / cellM) + 1;
  const height = width;
  const dx = cellM / mPerDegLon;
  const dy = cellM / M_PER_DEG_LAT;
  const west = lon0 - (span / 2) / mPerDegLon;
  const north = lat0 + (span / 2) / M_PER_DEG_LAT;
  const data = new Float32Array(width * height);
  for (let r = 0; r < height; r++) {
    for (let c = 0; c < width; c++) {
      const x = c * cellM;
      const y = r * cellM;
      data[r * width + c] =
        230 + relief * 0.9 * Math.sin(x / 900) * Math.cos(y / 700) + relief * 0.4 * Math.sin(x / 130 + y / 170);
    }
  }
  const grid: ElevationGrid = { width, height, west, north, dx, dy, data };
  const round7 = (v: number) => Math.round(v * 1e7) / 1e7;
  return { grid, toLonLat: (x, y) => [round7(lon0 + x / mPerDegLon), round7(lat0 + y / M_PER_DEG_LAT)] };
}
