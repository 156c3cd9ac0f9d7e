/**
 * The days China's residential sunlight standard is judged on, and the hours of that
 * day it counts. GB 50180-2018《城市居住区规划设计标准》4.0.9 (table 4.0.9, 住宅建筑日照
 * 标准) uses two standard days: 大寒日 (Major Cold, the sun at apparent ecliptic
 * longitude 300°) with the effective sunshine band 8:00–16:00, and 冬至日 (winter
 * solstice, 270°) with 9:00–15:00 — both in 当地真太阳时, local APPARENT solar time, so
 * the band is centred on the sun's meridian transit at the site, not on 12:00 Beijing
 * time (in Yuzhong, at 106.57° E, transit is near 12:54 − the equation of time: ~13:05
 * on 大寒日, ~12:52 on 冬至日).
 *
 * Thresholds from that table, as far as this module knows them (the public pages we
 * could search quote the table only in part, so the full text of the standard was NOT
 * checked): climate zones I, II, III, VII — 大寒日 ≥ 2 h in cities of ≥ 500,000
 * urban residents, ≥ 3 h below that; zone IV — 大寒日 ≥ 3 h / 冬至日 ≥ 1 h; zones V, VI —
 * 冬至日 ≥ 1 h; counted from the ground-floor window sill (底层窗台面). Chongqing's main
 * city is in building climate zone III (夏热冬冷, GB 50178), and its urban population is
 * far above 500,000, so the rule that applies is 大寒日 ≥ 2 h, 8:00–16:00 真太阳时.
 * What search found (pages corpus, none of it the standard's own text):
 * m.jiusongjiankang.com/health/know/5851442.html quotes "大寒日：每户需≥2小时";
 * jjc.sdutcm.edu.cn/info/1081/1746.htm the two-level 冬至日/大寒日 scheme;
 * soolun.net/periodical/a73640131a3b03a5d2732ad4603b3584.html lists 重庆 in the
 * 夏热冬冷 region (the thermal zoning that zone III matches). UNCONFIRMED: the zone
 * table above and Chongqing's zone — check the published GB 50180-2018 table 4.0.9 and
 * 重庆市城市规划管理技术规定 (which may be stricter) before relying on the 2 h.
 *
 * Solar terms: astronomy-engine's SearchSunLongitude (apparent geocentric longitude of
 * date, as the Chinese calendar defines 节气), dated in China Standard Time (UTC+8), as
 * the calendar publishes them. Checked against the Hong Kong Observatory's 2013 table
 * to the minute and against the 2025/2026 dates (tests).
 *
 * Apparent solar time: the instant the sun's hour angle is (h − 12)·15°, found with
 * astronomy-engine's SearchHourAngle — so the equation of time and the longitude are
 * in it exactly; no hand formula.
 */
import { Body, Observer, SearchHourAngle, SearchSunLongitude } from 'astronomy-engine';
import { failure, success, type Result } from '../result.ts';
import type { Problem } from '../problem.ts';
import { checkLocation } from './sun-position.ts';

/** 大寒 (Major Cold) and 冬至 (winter solstice): the two standard days of GB 50180. */
export type StandardSolarTerm = 'major-cold' | 'winter-solstice';

export interface SolarTermInfo {
  /** Apparent ecliptic longitude of the sun (degrees) that starts the term. */
  longitude: number;
  /** Month (1–12) the term falls in, in China Standard Time. */
  month: number;
  /** Effective sunshine band (有效日照时间带), apparent solar time hours. */
  windowStartHour: number;
  windowEndHour: number;
  /** zh-CN name as the standard writes it. */
  name: string;
}

export const STANDARD_SOLAR_TERMS: Readonly<Record<StandardSolarTerm, SolarTermInfo>> = {
  'major-cold': { longitude: 300, month: 1, windowStartHour: 8, windowEndHour: 16, name: '大寒日' },
  'winter-solstice': { longitude: 270, month: 12, windowStartHour: 9, windowEndHour: 15, name: '冬至日' },
};

/** The hours a residential building's ground-floor window must get in Chongqing (zone III, city ≥ 500,000): see the header. */
export const CHONGQING_REQUIRED_HOURS = 2;

/** China Standard Time (北京时间) is UTC+8, no daylight saving. */
export const CHINA_STANDARD_OFFSET_MS = 8 * 3600_000;

/** A calendar day. */
export interface CalendarDate {
  year: number;
  /** 1–12 */
  month: number;
  /** 1–31 */
  day: number;
}

export interface SolarTermMoment {
  /** The instant, UTC milliseconds. */
  instant: number;
  /** Its calendar day in China Standard Time: the day the calendar lists. */
  date: CalendarDate;
}

export type SolarTermProblem = Problem<'bad-year' | 'bad-date' | 'bad-location' | 'bad-window' | 'not-found'>;

/** The calendar day (China Standard Time) of a UTC instant. */
export function chinaStandardDate(instant: number): CalendarDate {
  const d = new Date(instant + CHINA_STANDARD_OFFSET_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** The moment the sun reaches a standard term's longitude in a year, and its day in China Standard Time. */
export function solarTerm(term: StandardSolarTerm, year: number): Result<SolarTermMoment, SolarTermProblem> {
  if (!Number.isInteger(year) || year < 1700 || year > 2200) {
    return failure([{ reason: 'bad-year', message: `年份无效 / invalid year: ${year}`, fix: '给出 1700–2200 之间的整数年份 / give a whole year 1700–2200' }]);
  }
  const info = STANDARD_SOLAR_TERMS[term];
  // The terms fall between the 19th and 23rd of their month: search from the 10th for 20 days.
  const found = SearchSunLongitude(info.longitude, new Date(Date.UTC(year, info.month - 1, 10)), 20);
  if (!found) {
    return failure([{ reason: 'not-found', message: `未找到${info.name} / ${term} not found in ${year}` }]);
  }
  const instant = found.date.getTime();
  return success({ instant, date: chinaStandardDate(instant) });
}

export interface ApparentSolarWindow {
  /** UTC milliseconds of true solar noon (the sun's meridian transit) that day. */
  solarNoon: number;
  /** UTC milliseconds when apparent solar time reads `startHour` and `endHour`. */
  start: number;
  end: number;
}

function isCalendarDate(date: CalendarDate): boolean {
  const { year, month, day } = date;
  if (![year, month, day].every(Number.isInteger)) return false;
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

/**
 * The instants a window of apparent solar (真太阳时) hours begins and ends at a place on a
 * day: e.g. 8–16 on 大寒日. `date` is the local calendar day; the transit searched is the
 * one of that day at the given longitude (searched from local mean midnight).
 */
export function apparentSolarWindow(
  date: CalendarDate,
  lon: number,
  lat: number,
  startHour: number,
  endHour: number,
): Result<ApparentSolarWindow, SolarTermProblem> {
  if (!isCalendarDate(date)) {
    return failure([{ reason: 'bad-date', message: `日期无效 / invalid date: ${JSON.stringify(date)}`, fix: '给出存在的年、月（1–12）、日 / give a real year, month 1–12, day' }]);
  }
  const where = checkLocation(lon, lat);
  if (where) return failure([{ ...where, reason: 'bad-location' }]);
  if (!(startHour >= 0 && endHour <= 24 && startHour < endHour)) {
    return failure([{ reason: 'bad-window', message: `时间带无效 / invalid window: ${startHour}–${endHour} h`, fix: '0 ≤ 开始 < 结束 ≤ 24 / need 0 ≤ start < end ≤ 24' }]);
  }
  const observer = new Observer(lat, lon, 0);
  // Local mean midnight of the day: the transit found forward from it is that day's.
  const meanMidnight = Date.UTC(date.year, date.month - 1, date.day) - (lon / 15) * 3600_000;
  const noon = SearchHourAngle(Body.Sun, observer, 0, new Date(meanMidnight), +1).time.date.getTime();
  // Hour angle of the sun at apparent solar time h is (h − 12) hours of angle (15° each).
  const at = (hour: number, direction: number): number => {
    if (hour === 12) return noon;
    const hourAngle = (((hour - 12) % 24) + 24) % 24;
    return SearchHourAngle(Body.Sun, observer, hourAngle, new Date(noon), direction).time.date.getTime();
  };
  const start = startHour <= 12 ? at(startHour, -1) : at(startHour, +1);
  const end = endHour >= 12 ? at(endHour, +1) : at(endHour, -1);
  return success({ solarNoon: noon, start, end });
}

/** The standard window (8–16 or 9–15 真太阳时) of a term's day in a year at a place. */
export function standardSunWindow(
  term: StandardSolarTerm,
  year: number,
  lon: number,
  lat: number,
): Result<ApparentSolarWindow & { date: CalendarDate }, SolarTermProblem> {
  const moment = solarTerm(term, year);
  if (!moment.ok) return moment;
  const info = STANDARD_SOLAR_TERMS[term];
  const window = apparentSolarWindow(moment.value.date, lon, lat, info.windowStartHour, info.windowEndHour);
  if (!window.ok) return window;
  return success({ ...window.value, date: moment.value.date });
}
