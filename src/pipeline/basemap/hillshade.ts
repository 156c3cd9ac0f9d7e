/**
 * Hillshade and slope of a DEM on its own grid (Horn's 3×3 method, as `gdaldem
 * hillshade` does), with metric cell sizes from the latitude so lon/lat grids shade
 * right. The basemap samples these rasters per pixel.
 */
import type { ElevationGrid } from '../../core/elevation-grid.ts';

export interface HillshadeOptions {
  /** Sun azimuth, degrees clockwise from north. Default: 315 (north-west, the cartographic convention). */
  azimuthDeg?: number;
  /** Sun altitude above the horizon, degrees. Default: 45. */
  altitudeDeg?: number;
  /** Vertical exaggeration. Default: 1.5 (the district's relief is modest at street scale). */
  zFactor?: number;
}

export interface ShadedRelief {
  /** 0 (dark) … 1 (fully lit), per DEM sample. */
  shade: Float32Array;
  /** Slope as rise over run (tan of the angle), per DEM sample. */
  slope: Float32Array;
}

const M_PER_DEG = 111_320;

export function shadedRelief(grid: ElevationGrid, options: HillshadeOptions = {}): ShadedRelief {
  const azimuth = ((360 - (options.azimuthDeg ?? 315) + 90) * Math.PI) / 180;
  const zenith = ((90 - (options.altitudeDeg ?? 45)) * Math.PI) / 180;
  const z = options.zFactor ?? 1.5;
  const { width, height, data } = grid;
  const shade = new Float32Array(width * height);
  const slope = new Float32Array(width * height);
  const cy = grid.dy * M_PER_DEG;
  const at = (c: number, r: number) => {
    const v = data[Math.min(height - 1, Math.max(0, r)) * width + Math.min(width - 1, Math.max(0, c))]!;
    return Number.isNaN(v) ? 0 : v;
  };
  for (let r = 0; r < height; r++) {
    const lat = grid.north - r * grid.dy;
    const cx = grid.dx * M_PER_DEG * Math.cos((lat * Math.PI) / 180);
    for (let c = 0; c < width; c++) {
      const a = at(c - 1, r - 1);
      const b = at(c, r - 1);
      const cc = at(c + 1, r - 1);
      const d = at(c - 1, r);
      const f = at(c + 1, r);
      const g = at(c - 1, r + 1);
      const h = at(c, r + 1);
      const i = at(c + 1, r + 1);
      // dz/dx east-positive, dz/dy north-positive (rows run south).
      const dzdx = (cc + 2 * f + i - (a + 2 * d + g)) / (8 * cx);
      const dzdy = (a + 2 * b + cc - (g + 2 * h + i)) / (8 * cy);
      const s = Math.hypot(dzdx, dzdy);
      slope[r * width + c] = s;
      const slopeAngle = Math.atan(z * s);
      const aspect = Math.atan2(dzdy, -dzdx);
      const lit = Math.cos(zenith) * Math.cos(slopeAngle) + Math.sin(zenith) * Math.sin(slopeAngle) * Math.cos(azimuth - aspect);
      shade[r * width + c] = Math.max(0, lit);
    }
  }
  return { shade, slope };
}
