/**
 * How steep the ground under a building is, 0 (flat) … 1 (slope or cliff), for the
 * slope-hazard draw. From the DEM when one is given; otherwise a stand-in that knows
 * Yuzhong's steepest built ground lies along the 佛图关–鹅岭–枇杷山 ridge.
 */
import { LANDMARKS } from '../core/district.ts';
import { type ElevationGrid, sampleElevation } from '../core/elevation-grid.ts';

const M_PER_DEG_LAT = 111_195;

/** Ridge line, west to east. */
const RIDGE: readonly [number, number][] = ['futuguan', 'eling', 'pipashan'].map((key) => {
  const l = LANDMARKS.find((m) => m.key === key);
  if (!l) throw new Error(`landmark ${key} missing from core/district.ts`);
  return [l.lon, l.lat];
});

/** Slope below which ground counts as flat and above which as fully steep (degrees). */
const FLAT_DEG = 8;
const STEEP_DEG = 25;
/** Distance from the ridge line beyond which the stand-in calls ground flat (m). */
const RIDGE_REACH_M = 450;

function clamp01(x: number): number {
  return Math.min(1, Math.max(0, x));
}

function distanceToRidgeM(lon: number, lat: number): number {
  const kx = M_PER_DEG_LAT * Math.cos((lat * Math.PI) / 180);
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i + 1 < RIDGE.length; i++) {
    const [ax, ay] = [(RIDGE[i]![0] - lon) * kx, (RIDGE[i]![1] - lat) * M_PER_DEG_LAT];
    const [bx, by] = [(RIDGE[i + 1]![0] - lon) * kx, (RIDGE[i + 1]![1] - lat) * M_PER_DEG_LAT];
    const [dx, dy] = [bx - ax, by - ay];
    const t = clamp01(-(ax * dx + ay * dy) / (dx * dx + dy * dy));
    best = Math.min(best, Math.hypot(ax + t * dx, ay + t * dy));
  }
  return best;
}

/** Terrain slope in degrees at lon/lat by central differences ~10 m apart, NaN off the grid. */
export function slopeDegrees(dem: ElevationGrid, lon: number, lat: number): number {
  const stepM = 10;
  const dLat = stepM / M_PER_DEG_LAT;
  const dLon = dLat / Math.cos((lat * Math.PI) / 180);
  const gx = (sampleElevation(dem, lon + dLon, lat) - sampleElevation(dem, lon - dLon, lat)) / (2 * stepM);
  const gy = (sampleElevation(dem, lon, lat + dLat) - sampleElevation(dem, lon, lat - dLat)) / (2 * stepM);
  return (Math.atan(Math.hypot(gx, gy)) * 180) / Math.PI;
}

/** Steepness 0…1 at lon/lat. */
export function steepnessAt(lon: number, lat: number, dem?: ElevationGrid): number {
  if (dem) {
    const slope = slopeDegrees(dem, lon, lat);
    if (!Number.isNaN(slope)) return clamp01((slope - FLAT_DEG) / (STEEP_DEG - FLAT_DEG));
  }
  return 0.8 * clamp01(1 - distanceToRidgeM(lon, lat) / RIDGE_REACH_M);
}
