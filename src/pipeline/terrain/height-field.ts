/**
 * The height function the terrain pyramid is cut from: the DEM (bilinear) inside its
 * extent and, outside, a constant fill blended in from the DEM's edge over a margin,
 * so the two root tiles and the coarse levels cover the world without a cliff at the
 * DEM's border.
 */
import { type ElevationGrid, gridEast, gridSouth } from '../../core/elevation-grid.ts';

export interface HeightFieldOptions {
  /** Height of the world outside the DEM (m). Default: 0. */
  fillHeight?: number;
  /** Width of the blend from the DEM's edge to `fillHeight` (m). Default: 3000. */
  blendMetres?: number;
}

export interface HeightField {
  heightAt(lon: number, lat: number): number;
  /** Bilinear DEM height for points known to be inside (no checks, no fill): the hot path. */
  demHeightAt(lon: number, lat: number): number;
  /** True inside the DEM's extent. */
  inside(lon: number, lat: number): boolean;
  readonly grid: ElevationGrid;
}

const M_PER_DEG = 111_320;

export function createHeightField(grid: ElevationGrid, options: HeightFieldOptions = {}): HeightField {
  const fill = options.fillHeight ?? 0;
  const blend = options.blendMetres ?? 3000;
  const { width, height, west, north, dx, dy, data } = grid;
  const east = gridEast(grid);
  const south = gridSouth(grid);
  const cosLat = Math.cos((((north + south) / 2) * Math.PI) / 180);

  const bilinear = (lon: number, lat: number): number => {
    const fx = (lon - west) / dx;
    const fy = (north - lat) / dy;
    const x0 = Math.max(0, Math.min(Math.floor(fx), width - 2));
    const y0 = Math.max(0, Math.min(Math.floor(fy), height - 2));
    const tx = fx - x0;
    const ty = fy - y0;
    const i = y0 * width + x0;
    const top = data[i]! * (1 - tx) + data[i + 1]! * tx;
    const bottom = data[i + width]! * (1 - tx) + data[i + width + 1]! * tx;
    return top * (1 - ty) + bottom * ty;
  };

  const inside = (lon: number, lat: number) => lon >= west && lon <= east && lat >= south && lat <= north;

  return {
    grid,
    inside,
    demHeightAt: bilinear,
    heightAt(lon, lat) {
      if (inside(lon, lat)) return bilinear(lon, lat);
      const cl = Math.min(east, Math.max(west, lon));
      const ca = Math.min(north, Math.max(south, lat));
      const edge = bilinear(cl, ca);
      const d = Math.hypot((lon - cl) * M_PER_DEG * cosLat, (lat - ca) * M_PER_DEG);
      if (d >= blend) return fill;
      const t = 1 - d / blend;
      const w = t * t * (3 - 2 * t);
      return fill + (edge - fill) * w;
    },
  };
}
