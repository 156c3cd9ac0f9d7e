/**
 * Where the sun stands for a place and an instant: azimuth (degrees clockwise from
 * north) and elevation above the horizon, and the unit vector toward it in a local
 * east-north-up frame — what the sunlight tool's shadows and sun-hours rays point along.
 *
 * Computed with astronomy-engine (VSOP87 Earth, nutation, aberration, topocentric
 * parallax): `Equator(Sun, t, observer, ofdate, aberration)` then `Horizon(…)`. Against
 * the NOAA / Meeus low-precision algorithm in Yuzhong, every 7.3 h through 2025–2026
 * with the sun above 5° (var/tmp, throwaway): elevation within 0.013°, azimuth within
 * 0.06° (the azimuth is touchy with the summer sun near the zenith); about 0.2 ms a
 * call in Node. tests/core/analysis/sun-position.test.ts checks 0.1°.
 *
 * Elevation is the APPARENT one: astronomy-engine's "normal" refraction (Meeus /
 * Saemundsson, standard 10 °C and 1010 hPa), which lifts the sun ~0.48° at the horizon,
 * ~0.16° at 5°, ~0.09° at 10°, ~0.03° at 30°. That is the direction light actually
 * arrives from, so it is the right one for shadows and for "above the horizon".
 * `trueElevation` is the geometric one (no atmosphere), for whoever needs it.
 */
import { Body, Equator, Horizon, Observer } from 'astronomy-engine';
import { failure, success, type Result } from '../result.ts';
import type { Problem } from '../problem.ts';

export interface SunPosition {
  /** Degrees clockwise from north, [0, 360). */
  azimuth: number;
  /** Apparent elevation (refracted), degrees; negative below the horizon. */
  elevation: number;
  /** Geometric elevation without refraction, degrees. */
  trueElevation: number;
}

export interface SunPositionOptions {
  /** Observer's height above sea level (m); changes the result by micro-degrees (parallax). Default 0. */
  height?: number;
}

export type SunInputProblem = Problem<'bad-location' | 'bad-instant'>;

const DEG = Math.PI / 180;

/** lon/lat degrees → a problem, or null when usable. */
export function checkLocation(lon: number, lat: number): SunInputProblem | null {
  if (Number.isFinite(lon) && Number.isFinite(lat) && lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90) return null;
  return {
    reason: 'bad-location',
    message: `经纬度无效 / invalid location: lon ${lon}, lat ${lat}`,
    fix: '经度 −180…180，纬度 −90…90（度） / give longitude −180…180 and latitude −90…90 in degrees',
  };
}

function checkInstant(instant: Date | number): SunInputProblem | null {
  const ms = typeof instant === 'number' ? instant : instant.getTime();
  if (Number.isFinite(ms)) return null;
  return {
    reason: 'bad-instant',
    message: `时间无效 / invalid instant: ${String(instant)}`,
    fix: '传入有效的 Date 或 UTC 毫秒数 / pass a valid Date or UTC milliseconds',
  };
}

/**
 * The sun's azimuth and elevation at lon/lat (degrees) at an instant (Date or UTC
 * milliseconds since 1970).
 */
export function sunPosition(lon: number, lat: number, instant: Date | number, options: SunPositionOptions = {}): Result<SunPosition, SunInputProblem> {
  const problem = checkLocation(lon, lat) ?? checkInstant(instant);
  if (problem) return failure([problem]);
  return success(sunPositionUnchecked(lon, lat, instant, options.height ?? 0));
}

/** sunPosition without the input checks, for loops that checked once. */
export function sunPositionUnchecked(lon: number, lat: number, instant: Date | number, height = 0): SunPosition {
  const date = typeof instant === 'number' ? new Date(instant) : instant;
  const observer = new Observer(lat, lon, height);
  // Equator of date (ofdate = true) with aberration: what Horizon expects.
  const eq = Equator(Body.Sun, date, observer, true, true);
  const apparent = Horizon(date, observer, eq.ra, eq.dec, 'normal');
  const geometric = Horizon(date, observer, eq.ra, eq.dec);
  return { azimuth: apparent.azimuth, elevation: apparent.altitude, trueElevation: geometric.altitude };
}

/**
 * Unit vector toward a direction given as azimuth (clockwise from north) and elevation,
 * in degrees, in a local east-north-up frame: [east, north, up].
 */
export function directionEnu(azimuthDeg: number, elevationDeg: number): [number, number, number] {
  const az = azimuthDeg * DEG;
  const el = elevationDeg * DEG;
  const horizontal = Math.cos(el);
  return [horizontal * Math.sin(az), horizontal * Math.cos(az), Math.sin(el)];
}

/** Unit vector toward the sun in the east-north-up frame at lon/lat, at an instant (apparent elevation). */
export function sunDirectionEnu(lon: number, lat: number, instant: Date | number, options: SunPositionOptions = {}): Result<[number, number, number], SunInputProblem> {
  const position = sunPosition(lon, lat, instant, options);
  if (!position.ok) return position;
  return success(directionEnu(position.value.azimuth, position.value.elevation));
}
