/**
 * One sun-hours run, as the Web Worker does it (sun-hours-worker.ts) and as tests call
 * it directly: the chosen building's sample points (a ground grid 30 m around it and its
 * ground-floor facades at the sill), the day's window of the standard (大寒日 8–16,
 * 冬至日 9–15 真太阳时; another day 8–16), the sun every 5 minutes, and the hours of
 * direct sun per point against every building prism and the DEM. Pure: plain data in
 * and out, so the worker's messages are these types.
 */
import type { BuildingPickIndex } from '../../../core/building-pick-index.ts';
import type { ElevationGrid } from '../../../core/elevation-grid.ts';
import { failure, success, type Result } from '../../../core/result.ts';
import type { Problem } from '../../../core/problem.ts';
import { apparentSolarWindow, CHONGQING_REQUIRED_HOURS, solarTerm, STANDARD_SOLAR_TERMS, type CalendarDate, type StandardSolarTerm } from '../../../core/analysis/solar-terms.ts';
import { buildingSamplePoints, computeSunHours, DEFAULT_STEP_MINUTES, facadeShortfalls, sunSteps, type FacadeShortfall, type SunHoursResult, type SunSamples } from '../../../core/analysis/sun-hours.ts';
import { createEnuFrame } from '../../../core/analysis/geodesy.ts';

export interface SunHoursScene {
  index: BuildingPickIndex;
  terrain: ElevationGrid | null;
}

export interface SunHoursRequest {
  /** The building's code. */
  code: string;
  /** The local (China Standard Time) calendar day. */
  date: CalendarDate;
  stepMinutes?: number;
  thresholdHours?: number;
}

export interface SunHoursAnswer {
  code: string;
  /** The standard's day this date is, if it is one. */
  term: StandardSolarTerm | null;
  window: { start: number; end: number; startHour: number; endHour: number };
  samples: SunSamples;
  result: SunHoursResult;
  /** The building's ground-floor facade, when part of it falls short of the threshold because of its surroundings. */
  shortfall: FacadeShortfall | null;
  /** The building's centre (lon°, lat°), where the window is taken. */
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

export function runSunHours(scene: SunHoursScene, request: SunHoursRequest, onProgress?: (done: number, total: number) => void): Result<SunHoursAnswer, Problem> {
  const t0 = performance.now();
  const { index } = scene;
  const building = index.codes.indexOf(request.code);
  if (building < 0) return failure([{ reason: 'no-building', message: `建筑 ${request.code} 不在建筑棱柱索引中 / building ${request.code} is not in the building prisms (pick index)`, fix: '选择地图上的建筑，或重新构建瓦片 / pick a building on the map, or rebuild the tiles (npm run build)' }]);
  const terrain = scene.terrain ? { grid: scene.terrain, origin: index.origin } : undefined;
  const samples = buildingSamplePoints(index, building, terrain ? { terrain } : {});
  if (!samples.ok) return samples;
  const b = index.bounds;
  const frame = createEnuFrame([index.origin.lon, index.origin.lat, index.origin.height]);
  const centre = frame.toGeodetic((b[4 * building]! + b[4 * building + 2]!) / 2, (b[4 * building + 1]! + b[4 * building + 3]!) / 2, 0);
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
  const shortfall = facadeShortfalls(samples.value, result.value).find((s) => s.building === building) ?? null;
  return success({
    code: request.code,
    term,
    window: { start: window.value.start, end: window.value.end, startHour, endHour },
    samples: samples.value,
    result: result.value,
    shortfall,
    centre: { lon: centre.lon, lat: centre.lat },
    ms: performance.now() - t0,
  });
}
