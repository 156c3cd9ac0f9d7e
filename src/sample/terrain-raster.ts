/**
 * The district as the street and building generators see it: a metric raster (local
 * frame of the land model) over Yuzhong with smoothed elevation, its gradient, the
 * distance to the shore and the district mask. Smoothing (~30 m) keeps streets from
 * chasing the DEM's fine noise.
 */
import { type ElevationGrid, sampleElevation } from '../core/elevation-grid.ts';
import { districtBoundsLocal, type LandWaterModel } from './district-outline.ts';

export interface TerrainRaster {
  /** Local coordinates (m) of cell (0, 0)'s centre, and the cell size. */
  readonly x0: number;
  readonly y0: number;
  readonly cell: number;
  readonly nx: number;
  readonly ny: number;
  /** Smoothed elevation (m). */
  readonly elevation: Float32Array;
  /** Gradient of the smoothed elevation (m/m), x east, y north. */
  readonly gx: Float32Array;
  readonly gy: Float32Array;
  /** Signed distance to the shore (m, positive on land). */
  readonly shore: Float32Array;
  /** 1 inside Yuzhong's outline. */
  readonly inDistrict: Uint8Array;
  readonly land: LandWaterModel;
  readonly dem: ElevationGrid;
}

export interface TerrainRasterOptions {
  cellM?: number;
  /** Radius of the box blur applied to the elevation (m); three passes. */
  smoothM?: number;
}

/** Bilinear value of a raster field at local (x, y); clamps to the edge. */
export function sampleField(t: TerrainRaster, field: Float32Array, x: number, y: number): number {
  const fx = Math.min(Math.max((x - t.x0) / t.cell, 0), t.nx - 1.000001);
  const fy = Math.min(Math.max((y - t.y0) / t.cell, 0), t.ny - 1.000001);
  const i = Math.floor(fx);
  const j = Math.floor(fy);
  const tx = fx - i;
  const ty = fy - j;
  const k = j * t.nx + i;
  const a = field[k]! + (field[k + 1]! - field[k]!) * tx;
  const b = field[k + t.nx]! + (field[k + t.nx + 1]! - field[k + t.nx]!) * tx;
  return a + (b - a) * ty;
}

/** Gradient magnitude (m/m) of the smoothed terrain at local (x, y). */
export function slopeAt(t: TerrainRaster, x: number, y: number): number {
  return Math.hypot(sampleField(t, t.gx, x, y), sampleField(t, t.gy, x, y));
}

function boxBlur(field: Float32Array, nx: number, ny: number, r: number): void {
  const line = new Float32Array(Math.max(nx, ny));
  const w = 2 * r + 1;
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) line[i] = field[j * nx + i]!;
    let sum = 0;
    for (let k = -r; k <= r; k++) sum += line[Math.min(nx - 1, Math.max(0, k))]!;
    for (let i = 0; i < nx; i++) {
      field[j * nx + i] = sum / w;
      sum += line[Math.min(nx - 1, i + r + 1)]! - line[Math.max(0, i - r)]!;
    }
  }
  for (let i = 0; i < nx; i++) {
    for (let j = 0; j < ny; j++) line[j] = field[j * nx + i]!;
    let sum = 0;
    for (let k = -r; k <= r; k++) sum += line[Math.min(ny - 1, Math.max(0, k))]!;
    for (let j = 0; j < ny; j++) {
      field[j * nx + i] = sum / w;
      sum += line[Math.min(ny - 1, j + r + 1)]! - line[Math.max(0, j - r)]!;
    }
  }
}

export function buildTerrainRaster(dem: ElevationGrid, land: LandWaterModel, options: TerrainRasterOptions = {}): TerrainRaster {
  const cell = options.cellM ?? 10;
  const smoothM = options.smoothM ?? 30;
  const bounds = districtBoundsLocal(land);
  const { x1, y1 } = bounds;
  const margin = 100;
  const x0 = Math.floor((bounds.x0 - margin) / cell) * cell;
  const y0 = Math.floor((bounds.y0 - margin) / cell) * cell;
  const nx = Math.ceil((x1 + margin - x0) / cell) + 1;
  const ny = Math.ceil((y1 + margin - y0) / cell) + 1;
  const n = nx * ny;
  const elevation = new Float32Array(n);
  const shore = new Float32Array(n);
  const inDistrict = new Uint8Array(n);
  const proj = land.projection;
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) {
      const x = x0 + i * cell;
      const y = y0 + j * cell;
      const [lon, lat] = proj.toLonLat(x, y);
      const k = j * nx + i;
      const h = sampleElevation(dem, lon, lat);
      elevation[k] = Number.isNaN(h) ? 0 : h;
      shore[k] = land.waterSignedDistanceLocal(x, y);
      inDistrict[k] = land.isInDistrictLocal(x, y) ? 1 : 0;
    }
  }
  const r = Math.max(1, Math.round(smoothM / cell / 2));
  for (let p = 0; p < 3; p++) boxBlur(elevation, nx, ny, r);
  const gx = new Float32Array(n);
  const gy = new Float32Array(n);
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) {
      const k = j * nx + i;
      const il = Math.max(0, i - 1);
      const ir = Math.min(nx - 1, i + 1);
      const jd = Math.max(0, j - 1);
      const ju = Math.min(ny - 1, j + 1);
      gx[k] = (elevation[j * nx + ir]! - elevation[j * nx + il]!) / ((ir - il) * cell);
      gy[k] = (elevation[ju * nx + i]! - elevation[jd * nx + i]!) / ((ju - jd) * cell);
    }
  }
  return { x0, y0, cell, nx, ny, elevation, gx, gy, shore, inDistrict, land, dem };
}
