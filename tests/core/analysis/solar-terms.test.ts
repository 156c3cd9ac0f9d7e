import { describe, expect, it } from 'vitest';
import { apparentSolarWindow, solarTerm, standardSunWindow } from '../../../src/core/analysis/solar-terms.ts';

const MIN = 60_000;
/** An instant given in China Standard Time / Hong Kong Time (UTC+8). */
const cst = (y: number, mo: number, d: number, h: number, mi: number, s = 0) => Date.UTC(y, mo - 1, d, h - 8, mi, s);

describe('solar terms (大寒 300°, 冬至 270°) in China Standard Time', () => {
  // Hong Kong Observatory, "2013 年二十四节气的日期及时间资料"
  // (https://www.hko.gov.hk/sc/gts/astron2013/Solar_Term_2013.htm), UTC+8, to the minute:
  // 大寒 1月20日 05:52, 冬至 12月22日 01:11.
  it('matches the Hong Kong Observatory table for 2013 to the minute', () => {
    const daHan = solarTerm('major-cold', 2013);
    const dongZhi = solarTerm('winter-solstice', 2013);
    expect(daHan.ok && dongZhi.ok).toBe(true);
    if (!daHan.ok || !dongZhi.ok) return;
    expect(daHan.value.date).toEqual({ year: 2013, month: 1, day: 20 });
    expect(Math.abs(daHan.value.instant - cst(2013, 1, 20, 5, 52, 30))).toBeLessThan(1.5 * MIN);
    expect(dongZhi.value.date).toEqual({ year: 2013, month: 12, day: 22 });
    expect(Math.abs(dongZhi.value.instant - cst(2013, 12, 22, 1, 11, 30))).toBeLessThan(1.5 * MIN);
  });

  // The published calendar: 2025 大寒 1月20日 (~04:00), 冬至 12月21日 (~23:03, late in the
  // evening: the day flips if one dates it in UTC); 2026 大寒 1月20日 09:44:39, 冬至 12月22日.
  // Sources found by search (pages corpus): www.mingyanjiaju.org/fanwen/qitajieri/2362295.html
  // ("2026年大寒時間:01月20日 09:44:39"), m.jiusongjiankang.com/health/know/5498508.html
  // ("2025年冬至…12月21日23时左右"), www.dxtj.cn/gaokao/9a598345ea827ea3.html (冬至 2025
  // 12月21日, 2026 12月22日; its clock times are off by ~40 min, its dates agree).
  it.each([
    ['major-cold', 2025, { year: 2025, month: 1, day: 20 }],
    ['winter-solstice', 2025, { year: 2025, month: 12, day: 21 }],
    ['major-cold', 2026, { year: 2026, month: 1, day: 20 }],
    ['winter-solstice', 2026, { year: 2026, month: 12, day: 22 }],
  ] as const)('%s %i falls on the published day', (term, year, day) => {
    const r = solarTerm(term, year);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.value.date).toEqual(day);
  });

  it('dates 2026 大寒 at the published minute and 2025 冬至 before midnight CST', () => {
    const daHan = solarTerm('major-cold', 2026);
    const dongZhi = solarTerm('winter-solstice', 2025);
    if (!daHan.ok || !dongZhi.ok) throw new Error('not found');
    expect(Math.abs(daHan.value.instant - cst(2026, 1, 20, 9, 44, 39))).toBeLessThan(2 * MIN);
    expect(Math.abs(dongZhi.value.instant - cst(2025, 12, 21, 23, 3))).toBeLessThan(2 * MIN);
    expect(new Date(dongZhi.value.instant).getUTCDate()).toBe(21); // 15:03 UTC, same day either way here
  });

  it('refuses a year it cannot place', () => {
    const r = solarTerm('major-cold', 2026.5);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0]!.reason).toBe('bad-year');
  });
});

/**
 * Independent reference for true solar noon: NOAA's spreadsheet formula
 * solar noon (UTC minutes) = 720 − 4·lon − EoT, with its low-precision equation of time
 * (Meeus ch. 28 / NOAA), good to a few seconds.
 */
function noaaSolarNoonUtc(lon: number, y: number, mo: number, d: number): number {
  const rad = Math.PI / 180;
  let noon = Date.UTC(y, mo - 1, d, 12) - lon * 4 * MIN;
  for (let pass = 0; pass < 2; pass++) {
    const t = (noon / 86_400_000 + 2440587.5 - 2451545) / 36525;
    const l0 = (280.46646 + t * (36000.76983 + t * 0.0003032)) % 360;
    const m = 357.52911 + t * (35999.05029 - 0.0001537 * t);
    const e = 0.016708634 - t * (0.000042037 + 0.0000001267 * t);
    const omega = 125.04 - 1934.136 * t;
    const obliq = 23 + (26 + (21.448 - t * (46.815 + t * (0.00059 - t * 0.001813))) / 60) / 60 + 0.00256 * Math.cos(omega * rad);
    const yy = Math.tan((obliq / 2) * rad) ** 2;
    const eot = 4 * (yy * Math.sin(2 * l0 * rad) - 2 * e * Math.sin(m * rad) + 4 * e * yy * Math.sin(m * rad) * Math.cos(2 * l0 * rad) - 0.5 * yy * yy * Math.sin(4 * l0 * rad) - 1.25 * e * e * Math.sin(2 * m * rad)) / rad;
    noon = Date.UTC(y, mo - 1, d) + (720 - 4 * lon - eot) * MIN;
  }
  return noon;
}

describe('apparent solar time window', () => {
  const lon = 106.5772;
  const lat = 29.5573;

  it('true solar noon agrees with NOAA within 30 s, and the band is noon ± 4 h (大寒日 8–16)', () => {
    const w = standardSunWindow('major-cold', 2026, lon, lat);
    expect(w.ok).toBe(true);
    if (!w.ok) return;
    expect(w.value.date).toEqual({ year: 2026, month: 1, day: 20 });
    const ref = noaaSolarNoonUtc(lon, 2026, 1, 20);
    expect(Math.abs(w.value.solarNoon - ref)).toBeLessThan(30_000);
    // Yuzhong's transit on 大寒日: 12:00 + (120 − 106.58)·4 min − EoT (≈ −11 min) ≈ 13:05 CST.
    expect(Math.abs(w.value.solarNoon - cst(2026, 1, 20, 13, 5))).toBeLessThan(2 * MIN);
    // The apparent solar day differs from 24 h by < 30 s, so ±4 h of it is ±4 h of clock time to < 10 s.
    expect(Math.abs(w.value.start - (ref - 4 * 3600_000))).toBeLessThan(40_000);
    expect(Math.abs(w.value.end - (ref + 4 * 3600_000))).toBeLessThan(40_000);
  });

  it('冬至日 2025 in Yuzhong: 9–15 真太阳时 around NOAA noon', () => {
    const w = standardSunWindow('winter-solstice', 2025, lon, lat);
    if (!w.ok) throw new Error('no window');
    expect(w.value.date).toEqual({ year: 2025, month: 12, day: 21 });
    const ref = noaaSolarNoonUtc(lon, 2025, 12, 21);
    expect(Math.abs(w.value.solarNoon - ref)).toBeLessThan(30_000);
    expect(Math.abs(w.value.end - w.value.start - 6 * 3600_000)).toBeLessThan(30_000);
  });

  it('moves with longitude: 1° west is 4 minutes later', () => {
    const a = apparentSolarWindow({ year: 2026, month: 1, day: 20 }, 106.5, lat, 8, 16);
    const b = apparentSolarWindow({ year: 2026, month: 1, day: 20 }, 105.5, lat, 8, 16);
    if (!a.ok || !b.ok) throw new Error('no window');
    expect(Math.abs(b.value.solarNoon - a.value.solarNoon - 4 * MIN)).toBeLessThan(2_000);
  });

  it('refuses impossible days and windows', () => {
    const day = apparentSolarWindow({ year: 2026, month: 2, day: 30 }, lon, lat, 8, 16);
    expect(day.ok).toBe(false);
    if (!day.ok) expect(day.problems[0]!.reason).toBe('bad-date');
    const band = apparentSolarWindow({ year: 2026, month: 1, day: 20 }, lon, lat, 16, 8);
    expect(band.ok).toBe(false);
    if (!band.ok) expect(band.problems[0]!.reason).toBe('bad-window');
  });
});
