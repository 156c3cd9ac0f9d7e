/**
 * Hours of direct sun at sample points on a day (the sunlight tool's 日照时数, issue 18):
 * for each point, for each time step of the day's window, is the sun above the horizon,
 * in front of the point's surface, and not hidden by a building prism or the terrain?
 *
 * Plain data in, plain data out, so a Web Worker runs it as is: the points are typed
 * arrays (transferable), the buildings are the viewer's pick index (the worker decodes
 * the same bytes), the terrain an ElevationGrid (its Float32Array transfers), the
 * result typed arrays again; `onProgress` is where the worker posts its progress.
 *
 * In a worker: post the pick index's bytes (decode them there with
 * decodeBuildingPickIndex), the DEM's fields with its `data` buffer, the samples' three
 * buffers (`sampleTransferables`), the window and the step; compute `sunSteps` and
 * `computeSunHours` there, post progress from `onProgress`, and post the result back
 * with `resultTransferables(result)`.
 *
 * ## Time steps
 *
 * The window [start, end] is cut into equal steps of at most `stepMinutes` (default 5)
 * and each step is judged at its middle instant and counts its full length. A point's
 * hours are then off by at most half a step for each time its sun starts or stops (a
 * shadow edge passing, the sun crossing the facade's plane): ±2.5 min per edge with the
 * default, ±5 min for the common case of one shadow passing over the point — the ~5 min
 * the tool promises. Halve the step to halve it (the cost is linear in the steps).
 *
 * ## Buildings
 *
 * One ray per point and step toward the sun through `pickPrism` (front faces only:
 * roofs from above, walls from outside). A facade point's ray leaves from 5 cm in front
 * of its wall, a ground point's from 5 cm above the ground, so float32 vertices never
 * make a surface hide itself. A ground point inside a footprint would see out through
 * back faces, so the sample makers below leave such points out.
 *
 * ## Terrain
 *
 * The ray is marched over the DEM, in the pick index's frame: from `terrainStepMetres`
 * (default half the DEM's spacing, at least 2 m — a ridge narrower than one DEM cell is
 * not in the DEM anyway) out to `terrainMaxDistanceMetres` (default 5 km, beyond
 * anything that can hide the sun in the district), and stops early once the ray is
 * above the DEM's highest sample or leaves the grid. The terrain blocks when it stands
 * more than `terrainToleranceMetres` (default 1 m) above the ray: bilinear DEM heights
 * and the building's base (its lowest ground) differ by that much on a slope, and the
 * tolerance keeps a point from shading itself. Frame ↔ lon/lat: east/north metres over
 * the ellipsoid's radii of curvature at the origin, and the ground's fall below the
 * frame's plane ((e² + n²) / 2R, 0.7 m at 3 km) — the pick index's convention (its
 * header). The DEM's heights are taken in the same datum as the buildings' (the
 * pipeline sets a building's base from the same DEM).
 *
 * A facade point sits at its building's base + sill, and the base is the LOWEST ground
 * under the footprint: on the uphill side of a building cut into a slope (common in
 * Yuzhong) the DEM stands above the sill, and the terrain then (rightly) hides that
 * "window" — such walls have no ground-floor window in the DEM's world.
 *
 * ## Cost (measured)
 *
 * var/tmp/sun-hours-bench.ts (throwaway): 456 ground + 100 facade points around one
 * 40 × 15 m building, 2,000 random boxes (10–40 m, 10–150 m high) within 1.2 km, a
 * 30 m DEM of 170–400 m hills, 大寒日 8–16 真太阳时 at 5 min (97 steps): sunSteps
 * 17–45 ms, computeSunHours 160–165 ms with buildings and terrain (terrain alone 25 ms);
 * at 1 min 320–600 ms. Node 20 on this machine (2 slow cores, one used), median of 5 —
 * far inside the 5 s budget for a desktop browser's worker, which leaves room for a
 * finer step or a larger area.
 */
import type { BuildingPickIndex } from '../building-pick-index.ts';
import { insideFootprint, pickPrism } from '../building-pick-index.ts';
import { type ElevationGrid, gridContains, sampleElevation } from '../elevation-grid.ts';
import { failure, success, type Result } from '../result.ts';
import type { Problem } from '../problem.ts';
import { pointInFlatRing } from '../planar-geometry.ts';
import { checkLocation, directionEnu, sunPositionUnchecked } from './sun-position.ts';

export type SunHoursProblem = Problem<'bad-window' | 'bad-step' | 'bad-location' | 'bad-samples' | 'bad-building' | 'bad-option'>;

/** Sample points in the pick index's east-north-up frame (metres). */
export interface SunSamples {
  /** east, north, up per point. */
  positions: Float64Array;
  /** Outward unit normal per point: (0, 0, 1) for a ground point, the wall's for a facade point. */
  normals: Float32Array;
  /** The building a facade point is on; −1 for a ground point. */
  buildings: Int32Array;
}

/** The sun over a day's window, step by step: computed once, shared by every point. */
export interface SunSteps {
  /** UTC milliseconds of each step's middle. */
  times: Float64Array;
  /** Unit vector toward the sun (east, north, up) per step; apparent (refracted) elevation. */
  directions: Float64Array;
  /** Hours each step stands for. */
  hours: Float64Array;
}

/** Default time step (minutes): results good to ~5 min (see the header). */
export const DEFAULT_STEP_MINUTES = 5;

/** The sun's direction at the middle of each step of [start, end] (UTC ms) at lon/lat. */
export function sunSteps(
  window: { start: number; end: number },
  lon: number,
  lat: number,
  stepMinutes: number = DEFAULT_STEP_MINUTES,
): Result<SunSteps, SunHoursProblem> {
  const where = checkLocation(lon, lat);
  if (where) return failure([{ ...where, reason: 'bad-location' }]);
  const { start, end } = window;
  if (!(Number.isFinite(start) && Number.isFinite(end) && end > start && end - start <= 86_400_000)) {
    return failure([{ reason: 'bad-window', message: `时间窗无效 / invalid window: ${start}–${end}`, fix: '结束须晚于开始，且不超过一天 / end must follow start, at most one day later' }]);
  }
  if (!(stepMinutes > 0 && stepMinutes <= 60)) {
    return failure([{ reason: 'bad-step', message: `时间步长无效 / invalid step: ${stepMinutes} min`, fix: '步长取 0–60 分钟 / use a step of 0–60 minutes' }]);
  }
  const count = Math.ceil((end - start) / (stepMinutes * 60_000) - 1e-9);
  const length = (end - start) / count;
  const times = new Float64Array(count);
  const directions = new Float64Array(3 * count);
  const hours = new Float64Array(count).fill(length / 3_600_000);
  for (let k = 0; k < count; k++) {
    times[k] = start + (k + 0.5) * length;
    const sun = sunPositionUnchecked(lon, lat, times[k]!);
    directions.set(directionEnu(sun.azimuth, sun.elevation), 3 * k);
  }
  return success({ times, directions, hours });
}

/** The terrain as an occluder: a DEM and the frame it is read in. */
export interface TerrainOccluder {
  grid: ElevationGrid;
  /** Origin of the east-north-up frame the points and buildings are in (the pick index's `origin`). */
  origin: { lon: number; lat: number; height: number };
  /** March step (horizontal m). Default: half the DEM's spacing, at least 2 m. */
  stepMetres?: number;
  /** How far the march goes (horizontal m). Default 5,000. */
  maxDistanceMetres?: number;
  /** Terrain must stand this much above the ray to block it (m). Default 1. */
  toleranceMetres?: number;
}

const DEG = Math.PI / 180;
const WGS84_A = 6_378_137;
const WGS84_E2 = (1 / 298.257223563) * (2 - 1 / 298.257223563);

/** A terrain occluder with its constants worked out once. */
interface PreparedTerrain {
  grid: ElevationGrid;
  lon0: number;
  lat0: number;
  h0: number;
  metresPerDegLon: number;
  metresPerDegLat: number;
  inverseTwoR: number;
  step: number;
  maxDistance: number;
  tolerance: number;
  /** Highest DEM sample, in frame up at the origin (nothing is higher anywhere). */
  topUp: number;
}

function prepareTerrain(t: TerrainOccluder): PreparedTerrain {
  const lat0 = t.origin.lat * DEG;
  const s2 = Math.sin(lat0) ** 2;
  const n = WGS84_A / Math.sqrt(1 - WGS84_E2 * s2); // prime vertical radius
  const m = (WGS84_A * (1 - WGS84_E2)) / (1 - WGS84_E2 * s2) ** 1.5; // meridian radius
  const metresPerDegLon = n * Math.cos(lat0) * DEG;
  const metresPerDegLat = m * DEG;
  let top = -Infinity;
  for (const h of t.grid.data) if (h > top) top = h;
  const spacing = Math.min(t.grid.dx * metresPerDegLon, t.grid.dy * metresPerDegLat);
  return {
    grid: t.grid,
    lon0: t.origin.lon,
    lat0: t.origin.lat,
    h0: t.origin.height,
    metresPerDegLon,
    metresPerDegLat,
    inverseTwoR: 1 / (2 * Math.sqrt(m * n)),
    step: t.stepMetres ?? Math.max(2, spacing / 2),
    maxDistance: t.maxDistanceMetres ?? 5_000,
    tolerance: t.toleranceMetres ?? 1,
    topUp: top - t.origin.height,
  };
}

/** The terrain's height in frame up at frame (east, north), or NaN off the DEM. */
function terrainUp(t: PreparedTerrain, x: number, y: number): number {
  const lon = t.lon0 + x / t.metresPerDegLon;
  const lat = t.lat0 + y / t.metresPerDegLat;
  return sampleElevation(t.grid, lon, lat) - t.h0 - (x * x + y * y) * t.inverseTwoR;
}

/**
 * The terrain's height in frame up at (east, north), or NaN off the DEM: for placing
 * points or drawing the grid on the ground. Make it once (it scans the DEM), call it often.
 */
export function terrainHeightSampler(terrain: TerrainOccluder): (x: number, y: number) => number {
  const t = prepareTerrain(terrain);
  return (x, y) => terrainUp(t, x, y);
}

/** Whether the terrain hides the direction (dx, dy, dz), unit, from (x, y, z). */
function terrainBlocks(t: PreparedTerrain, x: number, y: number, z: number, dx: number, dy: number, dz: number): boolean {
  const horizontal = Math.hypot(dx, dy);
  if (horizontal < 1e-9) return false; // sun at the zenith: nothing stands over the point
  const ux = dx / horizontal;
  const uy = dy / horizontal;
  const rise = dz / horizontal;
  for (let s = t.step; s <= t.maxDistance; s += t.step) {
    const rayZ = z + rise * s;
    if (rayZ > t.topUp) return false;
    const px = x + ux * s;
    const py = y + uy * s;
    if (!gridContains(t.grid, t.lon0 + px / t.metresPerDegLon, t.lat0 + py / t.metresPerDegLat)) return false;
    const ground = terrainUp(t, px, py);
    if (ground > rayZ + t.tolerance) return true; // NaN (no data) compares false: a hole hides nothing
  }
  return false;
}

export interface SunHoursOptions {
  /** The terrain, when it should cast shadows. Default: none (flat world, buildings only). */
  terrain?: TerrainOccluder;
  /** A point fails when it gets fewer hours than this. Default 2 (大寒日 ≥ 2 h, GB 50180 for Chongqing; see solar-terms.ts). */
  thresholdHours?: number;
  /** Called with (points done, points) every `progressEvery` points and at the end. */
  onProgress?: (done: number, total: number) => void;
  /** Default 64. */
  progressEvery?: number;
}

/** Share of points (0–1) below 1 h and below 2 h; NaN when there are none. */
export interface SunShares {
  points: number;
  belowOneHour: number;
  belowTwoHours: number;
}

export interface SunHoursResult {
  /** Hours of direct sun per point. */
  hours: Float32Array;
  /** Hours the sun is above the horizon and in front of the point, obstacles ignored. */
  possibleHours: Float32Array;
  /** 1 where hours < thresholdHours. */
  failed: Uint8Array;
  thresholdHours: number;
  /** Shares over all points, the ground points, the facade points. */
  shares: { all: SunShares; ground: SunShares; facade: SunShares };
}

/** Offset of a ray's origin off its surface (m): see the header. */
const SURFACE_OFFSET_M = 0.05;

function checkSamples(samples: SunSamples): SunHoursProblem | null {
  const n = samples.buildings.length;
  if (samples.positions.length === 3 * n && samples.normals.length === 3 * n) return null;
  return {
    reason: 'bad-samples',
    message: `采样点数组长度不一致 / sample arrays disagree: ${samples.positions.length / 3} positions, ${samples.normals.length / 3} normals, ${n} buildings`,
    fix: '每点 3 个坐标、3 个法向分量、1 个建筑序号 / give 3 coordinates, 3 normal components and 1 building per point',
  };
}

/** Hours of direct sun per sample point over the steps; see the header. */
export function computeSunHours(
  samples: SunSamples,
  steps: SunSteps,
  index: BuildingPickIndex | null,
  options: SunHoursOptions = {},
): Result<SunHoursResult, SunHoursProblem> {
  const bad = checkSamples(samples);
  if (bad) return failure([bad]);
  const thresholdHours = options.thresholdHours ?? 2;
  if (!(thresholdHours >= 0)) {
    return failure([{ reason: 'bad-option', message: `门槛时数无效 / invalid threshold: ${thresholdHours} h`, fix: '给出 ≥ 0 的小时数 / give hours ≥ 0' }]);
  }
  const terrain = options.terrain ? prepareTerrain(options.terrain) : null;
  const every = Math.max(1, options.progressEvery ?? 64);
  const { positions, normals } = samples;
  const total = samples.buildings.length;
  const stepCount = steps.times.length;
  const hours = new Float32Array(total);
  const possibleHours = new Float32Array(total);
  const failed = new Uint8Array(total);
  const origin: [number, number, number] = [0, 0, 0];
  const direction: [number, number, number] = [0, 0, 0];
  const ray = { origin, direction };

  for (let p = 0; p < total; p++) {
    const nx = normals[3 * p]!;
    const ny = normals[3 * p + 1]!;
    const nz = normals[3 * p + 2]!;
    origin[0] = positions[3 * p]! + nx * SURFACE_OFFSET_M;
    origin[1] = positions[3 * p + 1]! + ny * SURFACE_OFFSET_M;
    origin[2] = positions[3 * p + 2]! + nz * SURFACE_OFFSET_M;
    let lit = 0;
    let possible = 0;
    for (let k = 0; k < stepCount; k++) {
      const dx = steps.directions[3 * k]!;
      const dy = steps.directions[3 * k + 1]!;
      const dz = steps.directions[3 * k + 2]!;
      // Above the horizon and in front of the surface.
      if (!(dz > 0) || !(nx * dx + ny * dy + nz * dz > 0)) continue;
      possible += steps.hours[k]!;
      direction[0] = dx;
      direction[1] = dy;
      direction[2] = dz;
      if (index && index.count > 0 && pickPrism(index, ray)) continue;
      if (terrain && terrainBlocks(terrain, origin[0], origin[1], origin[2], dx, dy, dz)) continue;
      lit += steps.hours[k]!;
    }
    hours[p] = lit;
    possibleHours[p] = possible;
    // Compare the float32 value the caller sees, so `failed` agrees with `hours`.
    failed[p] = hours[p]! < thresholdHours ? 1 : 0;
    if (options.onProgress && ((p + 1) % every === 0 || p + 1 === total)) options.onProgress(p + 1, total);
  }
  if (options.onProgress && total === 0) options.onProgress(0, 0);

  const shares = (keep: (p: number) => boolean): SunShares => {
    let n = 0, one = 0, two = 0;
    for (let p = 0; p < total; p++) {
      if (!keep(p)) continue;
      n++;
      if (hours[p]! < 1) one++;
      if (hours[p]! < 2) two++;
    }
    return { points: n, belowOneHour: n ? one / n : Number.NaN, belowTwoHours: n ? two / n : Number.NaN };
  };
  const b = samples.buildings;
  return success({
    hours,
    possibleHours,
    failed,
    thresholdHours,
    shares: { all: shares(() => true), ground: shares((p) => b[p]! < 0), facade: shares((p) => b[p]! >= 0) },
  });
}

/** The buffers of samples, to transfer them to or from a worker. */
export function sampleTransferables(samples: SunSamples): ArrayBuffer[] {
  return [samples.positions.buffer, samples.normals.buffer, samples.buildings.buffer] as ArrayBuffer[];
}

/** The buffers of a result, to transfer it back from a worker. */
export function resultTransferables(result: SunHoursResult): ArrayBuffer[] {
  return [result.hours.buffer, result.possibleHours.buffer, result.failed.buffer] as ArrayBuffer[];
}

/** One building's ground-floor facade against the threshold. */
export interface FacadeShortfall {
  building: number;
  /** Its facade points. */
  points: number;
  /** Points that would get the threshold with nothing around (possibleHours ≥ threshold). */
  couldMeet: number;
  /** Of those, the points the surroundings (buildings, terrain) bring below it. */
  short: number;
  /** Most hours any of its facade points gets. */
  bestHours: number;
}

/**
 * The buildings (residential ones, when `residential` is given: 1 per building index)
 * with a ground-floor facade point that could get `thresholdHours` by its orientation but
 * does not because of what surrounds it. GB 50180 asks it per dwelling (one habitable
 * room of each 套); the model knows no dwellings, so this is a screen that points at
 * walls to check, not a verdict. North walls (which never could) are not counted.
 */
export function facadeShortfalls(
  samples: SunSamples,
  result: SunHoursResult,
  residential?: Uint8Array,
): FacadeShortfall[] {
  const byBuilding = new Map<number, FacadeShortfall>();
  const t = result.thresholdHours;
  for (let p = 0; p < samples.buildings.length; p++) {
    const building = samples.buildings[p]!;
    if (building < 0 || (residential && !residential[building])) continue;
    let entry = byBuilding.get(building);
    if (!entry) byBuilding.set(building, (entry = { building, points: 0, couldMeet: 0, short: 0, bestHours: 0 }));
    entry.points++;
    entry.bestHours = Math.max(entry.bestHours, result.hours[p]!);
    if (result.possibleHours[p]! >= t) {
      entry.couldMeet++;
      if (result.hours[p]! < t) entry.short++;
    }
  }
  return [...byBuilding.values()].filter((e) => e.short > 0).sort((a, b) => a.building - b.building);
}

// ---------------------------------------------------------------------------------
// Sample points

export interface SampleOptions {
  /** Ground grid spacing (m). Default 3. */
  groundSpacing?: number;
  /** How far around the building's box the ground grid reaches (m). Default 30. */
  radius?: number;
  /** One facade point every this many metres along a wall (at least one per wall). Default 3. */
  facadeSpacing?: number;
  /** Facade points' height above the building's base (m): the ground-floor window sill (底层窗台面, GB 50180's 计算起点), 0.9 m by default. */
  sillHeight?: number;
  /** Ground heights from the terrain; without it the ground is at the building's base (flat). */
  terrain?: TerrainOccluder;
  /** Ground height (frame up, m) when there is no terrain, for an area. Default: the lowest base of all buildings (0 with none). */
  groundHeight?: number;
}

/** Whether (x, y) is inside any building's footprint taller than z (the pick grid's cell lists). */
function insideAnyBuilding(index: BuildingPickIndex, x: number, y: number, z: number, except = -1): boolean {
  const g = index.grid;
  const cx = Math.floor((x - g.x0) / g.cellSize);
  const cy = Math.floor((y - g.y0) / g.cellSize);
  if (cx < 0 || cy < 0 || cx >= g.nx || cy >= g.ny) return false;
  const cell = cy * g.nx + cx;
  for (let k = g.cellStart[cell]!; k < g.cellStart[cell + 1]!; k++) {
    const i = g.items[k]!;
    if (i === except) continue;
    const b = index.bounds;
    if (x < b[4 * i]! || x > b[4 * i + 2]! || y < b[4 * i + 1]! || y > b[4 * i + 3]!) continue;
    if (index.heights[2 * i + 1]! <= z) continue;
    if (insideFootprint(index, i, x, y)) return true;
  }
  return false;
}

class SampleBuilder {
  positions: number[] = [];
  normals: number[] = [];
  buildings: number[] = [];
  add(x: number, y: number, z: number, nx: number, ny: number, nz: number, building: number): void {
    this.positions.push(x, y, z);
    this.normals.push(nx, ny, nz);
    this.buildings.push(building);
  }
  done(): SunSamples {
    return { positions: new Float64Array(this.positions), normals: new Float32Array(this.normals), buildings: new Int32Array(this.buildings) };
  }
}

function positive(name: string, value: number): SunHoursProblem | null {
  if (value > 0 && Number.isFinite(value)) return null;
  return { reason: 'bad-option', message: `${name} 无效 / invalid ${name}: ${value}`, fix: '给出正数（米） / give a positive number of metres' };
}

/** Ground points on a grid over [minX, maxX] × [minY, maxY] where `keep` says, outside every building. */
function addGround(
  out: SampleBuilder,
  index: BuildingPickIndex,
  box: [number, number, number, number],
  spacing: number,
  ground: (x: number, y: number) => number,
  keep: (x: number, y: number) => boolean,
): void {
  const [minX, minY, maxX, maxY] = box;
  // Grid aligned to multiples of the spacing, so neighbouring analyses share points.
  for (let y = Math.ceil(minY / spacing) * spacing; y <= maxY; y += spacing) {
    for (let x = Math.ceil(minX / spacing) * spacing; x <= maxX; x += spacing) {
      if (!keep(x, y)) continue;
      const z = ground(x, y);
      if (!Number.isFinite(z) || insideAnyBuilding(index, x, y, z)) continue;
      out.add(x, y, z, 0, 0, 1, -1);
    }
  }
}

function groundHeightFn(options: SampleOptions, fallback: number): (x: number, y: number) => number {
  return options.terrain ? terrainHeightSampler(options.terrain) : () => fallback;
}

/**
 * Sample points for one building: a ground grid over its box grown by `radius` (outside
 * every footprint), and points along each wall of its footprint at the sill height, one
 * every `facadeSpacing` metres, centred on the wall, with the wall's outward normal
 * (rings are wound solid-on-the-left, so edge a→b faces (Δn, −Δe)). Facade points that
 * stand inside a neighbour (a shared party wall) are left out.
 */
export function buildingSamplePoints(index: BuildingPickIndex, building: number, options: SampleOptions = {}): Result<SunSamples, SunHoursProblem> {
  if (!(Number.isInteger(building) && building >= 0 && building < index.count)) {
    return failure([{ reason: 'bad-building', message: `建筑序号无效 / no building #${building} (index has ${index.count})` }]);
  }
  const groundSpacing = options.groundSpacing ?? 3;
  const radius = options.radius ?? 30;
  const facadeSpacing = options.facadeSpacing ?? 3;
  const sill = options.sillHeight ?? 0.9;
  const bad = positive('groundSpacing', groundSpacing) ?? positive('facadeSpacing', facadeSpacing) ?? (radius >= 0 ? null : positive('radius', radius)) ?? (sill >= 0 ? null : positive('sillHeight', sill));
  if (bad) return failure([bad]);
  const base = index.heights[2 * building]!;
  const out = new SampleBuilder();
  const b = index.bounds;
  const box: [number, number, number, number] = [b[4 * building]! - radius, b[4 * building + 1]! - radius, b[4 * building + 2]! + radius, b[4 * building + 3]! + radius];
  addGround(out, index, box, groundSpacing, groundHeightFn(options, base), () => true);

  const { ringStart, vertexStart, xy } = index;
  const z = base + sill;
  for (let r = ringStart[building]!; r < ringStart[building + 1]!; r++) {
    const first = vertexStart[r]!;
    const last = vertexStart[r + 1]! - 1;
    for (let a = last, c = first; c <= last; a = c++) {
      const ax = xy[2 * a]!;
      const ay = xy[2 * a + 1]!;
      const ex = xy[2 * c]! - ax;
      const ey = xy[2 * c + 1]! - ay;
      const length = Math.hypot(ex, ey);
      if (length < 1e-6) continue;
      const nx = ey / length;
      const ny = -ex / length;
      const count = Math.max(1, Math.round(length / facadeSpacing));
      for (let k = 0; k < count; k++) {
        const f = (k + 0.5) / count;
        const x = ax + f * ex;
        const y = ay + f * ey;
        if (insideAnyBuilding(index, x + 0.5 * nx, y + 0.5 * ny, z, building)) continue;
        out.add(x, y, z, nx, ny, 0, building);
      }
    }
  }
  return success(out.done());
}

/**
 * Ground points for a drawn area: a grid of `groundSpacing` (default 3 m) inside the
 * ring (flat [east, north, …] in the frame, either winding), outside every building.
 */
export function areaSamplePoints(index: BuildingPickIndex, ring: ArrayLike<number>, options: SampleOptions = {}): Result<SunSamples, SunHoursProblem> {
  const spacing = options.groundSpacing ?? 3;
  const bad = positive('groundSpacing', spacing);
  if (bad) return failure([bad]);
  if (ring.length < 6 || ring.length % 2 !== 0) {
    return failure([{ reason: 'bad-samples', message: `范围多边形无效 / area ring has ${ring.length / 2} vertices`, fix: '至少三个顶点 [东, 北, …] / give at least three [east, north] vertices' }]);
  }
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (let k = 0; k < ring.length; k += 2) {
    minX = Math.min(minX, ring[k]!);
    maxX = Math.max(maxX, ring[k]!);
    minY = Math.min(minY, ring[k + 1]!);
    maxY = Math.max(maxY, ring[k + 1]!);
  }
  const inside = (x: number, y: number): boolean => pointInFlatRing(ring, x, y);
  const fallback = options.groundHeight ?? (index.count > 0 ? index.grid.zMin : 0);
  const out = new SampleBuilder();
  addGround(out, index, [minX, minY, maxX, maxY], spacing, groundHeightFn(options, fallback), inside);
  return success(out.done());
}
