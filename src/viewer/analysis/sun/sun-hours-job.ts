/**
 * One sun-hours run, as the Web Worker does it (sun-hours-worker.ts) and as tests call
 * it directly: the chosen building's sample points (a ground grid 30 m around it and its
 * ground-floor facades at the sill) — or a drawn area's (a ground grid inside it, and the
 * ground-floor facades of the buildings standing in it) — the day's window of the standard (大寒日 8–16,
 * 冬至日 9–15 真太阳时; another day 8–16), the sun every 5 minutes, and the hours of
 * direct sun per point against every building prism and the DEM. Pure: plain data in
 * and out, so the worker's messages are these types.
 */
import type { BuildingPickIndex } from '../../../core/building-pick-index.ts';
import type { ElevationGrid } from '../../../core/elevation-grid.ts';
import { failure, success, type Result } from '../../../core/result.ts';
import type { Problem } from '../../../core/problem.ts';
import { apparentSolarWindow, CHONGQING_REQUIRED_HOURS, solarTerm, STANDARD_SOLAR_TERMS, type CalendarDate, type StandardSolarTerm } from '../../../core/analysis/solar-terms.ts';
import { areaSamplePoints, buildingSamplePoints, computeSunHours, DEFAULT_STEP_MINUTES, facadeShortfalls, sunSteps, type FacadeShortfall, type SunHoursResult, type SunSamples } from '../../../core/analysis/sun-hours.ts';
import { pointInFlatRing } from '../../../core/planar-geometry.ts';
import { createEnuFrame } from '../../../core/analysis/geodesy.ts';

export interface SunHoursScene {
  index: BuildingPickIndex;
  terrain: ElevationGrid | null;
}

export interface SunHoursRequest {
  /** The building's code (one building and its surroundings)… */
  code?: string;
  /** …or a drawn area's outline, lon/lat (≥ 3 points). */
  ring?: readonly (readonly [number, number])[];
  /** Codes of the residential buildings: only their facades are screened for shortfalls. Default: every building. */
  residential?: readonly string[];
  /** The local (China Standard Time) calendar day. */
  date: CalendarDate;
  stepMinutes?: number;
  thresholdHours?: number;
}

export interface SunHoursAnswer {
  /** The building's code, or null for an area. */
  code: string | null;
  /** The standard's day this date is, if it is one. */
  term: StandardSolarTerm | null;
  window: { start: number; end: number; startHour: number; endHour: number };
  samples: SunSamples;
  result: SunHoursResult;
  /** The building's ground-floor facade, when part of it falls short of the threshold because of its surroundings. */
  shortfall: FacadeShortfall | null;
  /** Every (residential) building whose ground-floor facade falls short, with its code. */
  shortfalls: (FacadeShortfall & { code: string })[];
  /** The building's (or the area's) centre (lon°, lat°), where the window is taken. */
  centre: { lon: number; lat: number };
  ms: number;
}

const sameDay = (a: CalendarDate, b: CalendarDate) => a.year === b.year && a.month === b.month && a.day === b.day;

/** Which of the standard's days `date` is (大寒 or 冬至 of its year), or null. */
export function standardTermOn(date: CalendarDate): StandardSolarTerm | null {
  for (const term of Object.keys(STANDARD_SOLAR_TERMS) as StandardSolarTerm[]) {
    const m = solarTerm(term, date.year);
    if (m.ok && sameDay(m.value.date, date)) return term;
  }
  return null;
}

type Occluder = { grid: ElevationGrid; origin: BuildingPickIndex['origin'] } | undefined;
type Sampled = { samples: SunSamples; building: number | null; centreXY: [number, number] };

function buildingSamples(index: BuildingPickIndex, code: string, terrain: Occluder): Result<Sampled, Problem> {
  const building = index.codes.indexOf(code);
  if (building < 0) return failure([{ reason: 'no-building', message: `建筑 ${code} 不在建筑棱柱索引中 / building ${code} is not in the building prisms (pick index)`, fix: '选择地图上的建筑，或重新构建瓦片 / pick a building on the map, or rebuild the tiles (npm run build)' }]);
  const samples = buildingSamplePoints(index, building, terrain ? { terrain } : {});
  if (!samples.ok) return samples;
  const b = index.bounds;
  return success({ samples: samples.value, building, centreXY: [(b[4 * building]! + b[4 * building + 2]!) / 2, (b[4 * building + 1]! + b[4 * building + 3]!) / 2] });
}

/** A drawn area: the ground inside it, and the ground-floor facades of the buildings whose box centre is inside. */
function areaSamples(index: BuildingPickIndex, frame: ReturnType<typeof createEnuFrame>, ring: readonly (readonly [number, number])[], terrain: Occluder): Result<Sampled, Problem> {
  const flat = new Float64Array(2 * ring.length);
  ring.forEach(([lon, lat], k) => flat.set(frame.toLocal(lon, lat, index.origin.height).slice(0, 2), 2 * k));
  const ground = areaSamplePoints(index, flat, terrain ? { terrain } : {});
  if (!ground.ok) return ground;
  const positions = [...ground.value.positions], normals = [...ground.value.normals], buildings = [...ground.value.buildings];
  const b = index.bounds;
  for (let i = 0; i < index.count; i++) {
    if (!pointInFlatRing(flat, (b[4 * i]! + b[4 * i + 2]!) / 2, (b[4 * i + 1]! + b[4 * i + 3]!) / 2)) continue;
    const own = buildingSamplePoints(index, i, { radius: 0, ...(terrain ? { terrain } : {}) });
    if (!own.ok) continue;
    for (let p = 0; p < own.value.buildings.length; p++) {
      if (own.value.buildings[p]! < 0) continue; // its own ground grid: the area's covers it
      positions.push(own.value.positions[3 * p]!, own.value.positions[3 * p + 1]!, own.value.positions[3 * p + 2]!);
      normals.push(own.value.normals[3 * p]!, own.value.normals[3 * p + 1]!, own.value.normals[3 * p + 2]!);
      buildings.push(i);
    }
  }
  let cx = 0, cy = 0;
  for (let k = 0; k < flat.length; k += 2) {
    cx += flat[k]!;
    cy += flat[k + 1]!;
  }
  return success({ samples: { positions: Float64Array.from(positions), normals: Float32Array.from(normals), buildings: Int32Array.from(buildings) }, building: null, centreXY: [(2 * cx) / flat.length, (2 * cy) / flat.length] });
}

export function runSunHours(scene: SunHoursScene, request: SunHoursRequest, onProgress?: (done: number, total: number) => void): Result<SunHoursAnswer, Problem> {
  const t0 = performance.now();
  const { index } = scene;
  const terrain = scene.terrain ? { grid: scene.terrain, origin: index.origin } : undefined;
  const frame = createEnuFrame([index.origin.lon, index.origin.lat, index.origin.height]);
  const found = request.ring ? areaSamples(index, frame, request.ring, terrain) : buildingSamples(index, request.code ?? '', terrain);
  if (!found.ok) return found;
  const { samples: sampled, building, centreXY } = found.value;
  const samples = success(sampled);
  const centre = frame.toGeodetic(centreXY[0], centreXY[1], 0);
  const term = standardTermOn(request.date);
  const startHour = term ? STANDARD_SOLAR_TERMS[term].windowStartHour : 8;
  const endHour = term ? STANDARD_SOLAR_TERMS[term].windowEndHour : 16;
  const window = apparentSolarWindow(request.date, centre.lon, centre.lat, startHour, endHour);
  if (!window.ok) return window;
  const steps = sunSteps(window.value, centre.lon, centre.lat, request.stepMinutes ?? DEFAULT_STEP_MINUTES);
  if (!steps.ok) return steps;
  const thresholdHours = request.thresholdHours ?? CHONGQING_REQUIRED_HOURS;
  const result = computeSunHours(samples.value, steps.value, index, { ...(terrain ? { terrain } : {}), thresholdHours, ...(onProgress ? { onProgress } : {}) });
  if (!result.ok) return result;
  let residential: Uint8Array | undefined;
  if (request.residential) {
    residential = new Uint8Array(index.count);
    const wanted = new Set(request.residential);
    index.codes.forEach((code, i) => (residential![i] = wanted.has(code) ? 1 : 0));
  }
  const shortfalls = facadeShortfalls(samples.value, result.value, residential).map((s) => ({ ...s, code: index.codes[s.building]! }));
  const shortfall = building === null ? null : (facadeShortfalls(samples.value, result.value).find((s) => s.building === building) ?? null);
  return success({
    code: building === null ? null : index.codes[building]!,
    shortfalls,
    term,
    window: { start: window.value.start, end: window.value.end, startHour, endHour },
    samples: samples.value,
    result: result.value,
    shortfall,
    centre: { lon: centre.lon, lat: centre.lat },
    ms: performance.now() - t0,
  });
}
