/**
 * Puts a pipe under the ground: its centre line densified to the DEM's spacing (so
 * the tube follows the streets up and down the hills), the ground sampled at every
 * point, and the centre set so the tube's top lies `depth_m` below the surface — or,
 * with inverts, so its inside bottom runs from invert to invert. With an exaggerated
 * radius the top stays where it truly is and the tube grows downwards: an overview
 * must not lift pipes out of the ground.
 */
import { sampleElevation, type ElevationGrid } from '../../core/elevation-grid.ts';
import type { Pipe } from '../../sources/pipe.ts';
import type { PlacedPipe } from './placed-pipe.ts';
import { pipeProblem, type PipeProblem } from '../../sources/pipe-problem.ts';
import { lineLengthM } from '../../sources/pipe-validator.ts';

export interface PlacementOptions {
  /** Radius multiplier for overview maps. Default 1 (true size). */
  radiusExaggeration?: number;
  /** Smallest drawn radius (m), so a 20 mm telecom duct is still pickable. Default 0.05. */
  minRadiusM?: number;
  /** Densify steps at most this long (m); default: the DEM spacing. */
  stepM?: number;
}

const DEG = Math.PI / 180;

/** Points of a lon/lat line with extra points so no step exceeds `stepM`. */
export function densifyLine(line: Float64Array, stepM: number): Float64Array {
  const out: number[] = [line[0]!, line[1]!];
  for (let i = 2; i < line.length; i += 2) {
    const [lon0, lat0, lon1, lat1] = [line[i - 2]!, line[i - 1]!, line[i]!, line[i + 1]!];
    const lat = ((lat0 + lat1) / 2) * DEG;
    const d = Math.hypot((lon1 - lon0) * 111_320 * Math.cos(lat), (lat1 - lat0) * 110_574);
    const n = Math.max(1, Math.ceil(d / stepM - 1e-9));
    for (let k = 1; k <= n; k++) out.push(lon0 + ((lon1 - lon0) * k) / n, lat0 + ((lat1 - lat0) * k) / n);
  }
  return Float64Array.from(out);
}

export function demSpacingM(grid: ElevationGrid): number {
  const lat = grid.north * DEG;
  return Math.max(1, Math.min(grid.dx * 111_320 * Math.cos(lat), grid.dy * 110_574));
}

export function placePipe(grid: ElevationGrid, pipe: Pipe, options: PlacementOptions = {}): { ok: true; pipe: PlacedPipe } | { ok: false; problem: PipeProblem } {
  const exaggeration = options.radiusExaggeration ?? 1;
  const trueRadius = pipe.diameterMm / 2000;
  const radiusM = Math.max(options.minRadiusM ?? 0.05, trueRadius * exaggeration);
  const step = options.stepM ?? demSpacingM(grid);
  const totalLength = pipe.parts.reduce((s, p) => s + lineLengthM(p), 0);
  let groundMin = Infinity;
  let groundMax = -Infinity;
  let bottom = Infinity;
  let top = -Infinity;
  let along = 0;
  const centreLines: Float64Array[] = [];
  for (const part of pipe.parts) {
    const line = densifyLine(part, step);
    const n = line.length / 2;
    const out = new Float64Array(3 * n);
    let prevLon = line[0]!;
    let prevLat = line[1]!;
    for (let k = 0; k < n; k++) {
      const lon = line[2 * k]!;
      const lat = line[2 * k + 1]!;
      along += Math.hypot((lon - prevLon) * 111_320 * Math.cos(lat * DEG), (lat - prevLat) * 110_574);
      prevLon = lon;
      prevLat = lat;
      const ground = sampleElevation(grid, lon, lat);
      if (!Number.isFinite(ground)) {
        return { ok: false, problem: pipeProblem(pipe.index, pipe.id, 'outside-dem', `${lon.toFixed(6)}, ${lat.toFixed(6)}`) };
      }
      groundMin = Math.min(groundMin, ground);
      groundMax = Math.max(groundMax, ground);
      // The true top of the pipe: cover depth below the ground, or invert + the full bore.
      const t = totalLength > 0 ? Math.min(1, along / totalLength) : 0;
      const pipeTop = pipe.depthM !== null
        ? ground - pipe.depthM
        : pipe.invert![0] + (pipe.invert![1] - pipe.invert![0]) * t + 2 * trueRadius;
      const centre = pipeTop - radiusM;
      out[3 * k] = lon;
      out[3 * k + 1] = lat;
      out[3 * k + 2] = centre;
      top = Math.max(top, pipeTop);
      bottom = Math.min(bottom, centre - radiusM);
    }
    centreLines.push(out);
  }
  return { ok: true, pipe: { ...pipe, centreLines, radiusM, lengthM: totalLength, groundMin, groundMax, bottom, top } };
}
