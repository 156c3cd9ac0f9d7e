import { describe, expect, it } from 'vitest';
import { directionEnu, sunDirectionEnu, sunPosition } from '../../../src/core/analysis/sun-position.ts';
import { noaaSun } from './noaa-solar.ts';

const CHAOTIANMEN = { lon: 106.5855, lat: 29.5647 };
const JIEFANGBEI = { lon: 106.5772, lat: 29.5573 };
/** Instants in China Standard Time (UTC+8). */
const cst = (y: number, mo: number, d: number, h: number, mi: number) => Date.UTC(y, mo - 1, d, h - 8, mi);

describe('sun position against NOAA (Meeus ch. 25)', () => {
  const cases: [string, { lon: number; lat: number }, number][] = [
    ['大寒日 2026 morning', JIEFANGBEI, cst(2026, 1, 20, 9, 10)],
    ['大寒日 2026 near transit', JIEFANGBEI, cst(2026, 1, 20, 13, 5)],
    ['大寒日 2026 afternoon', JIEFANGBEI, cst(2026, 1, 20, 16, 40)],
    ['冬至日 2026 morning', CHAOTIANMEN, cst(2026, 12, 22, 10, 0)],
    ['夏至 2026 noon, high sun', CHAOTIANMEN, cst(2026, 6, 21, 12, 55)],
    ['equinox 2025 evening, low sun', CHAOTIANMEN, cst(2025, 9, 23, 18, 30)],
  ];
  it.each(cases)('%s: azimuth and apparent elevation within 0.1°', (_label, where, instant) => {
    const ours = sunPosition(where.lon, where.lat, instant);
    expect(ours.ok).toBe(true);
    if (!ours.ok) return;
    const ref = noaaSun(where.lon, where.lat, instant);
    expect(ref.elevation).toBeGreaterThan(3); // the cases stay clear of the horizon, where refraction models part
    expect(Math.abs(ours.value.elevation - ref.elevation)).toBeLessThan(0.1);
    const dAz = ((ours.value.azimuth - ref.azimuth + 540) % 360) - 180;
    expect(Math.abs(dAz)).toBeLessThan(0.1);
  });

  it('refraction lifts the sun by the standard amount (Meeus 16.4: ~0.09° at 10°, none overhead)', () => {
    // 2026-01-20 ~08:35 CST: the sun is ~10° up in Yuzhong.
    const low = sunPosition(JIEFANGBEI.lon, JIEFANGBEI.lat, cst(2026, 1, 20, 9, 0));
    expect(low.ok).toBe(true);
    if (!low.ok) return;
    const lift = low.value.elevation - low.value.trueElevation;
    const h = low.value.trueElevation;
    // Bennett/Saemundsson: R = 1.02 / tan(h + 10.3/(h + 5.11)) arcminutes.
    const expected = 1.02 / Math.tan(((h + 10.3 / (h + 5.11)) * Math.PI) / 180) / 60;
    expect(Math.abs(lift - expected)).toBeLessThan(0.01);
    expect(lift).toBeGreaterThan(0.03);
  });

  it('refuses bad input as a problem, not an exception', () => {
    const r = sunPosition(200, 29.5, Date.UTC(2026, 0, 1));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0]!.reason).toBe('bad-location');
    const t = sunPosition(106.5, 29.5, Number.NaN);
    expect(t.ok).toBe(false);
    if (!t.ok) expect(t.problems[0]!.message).toMatch(/时间无效 \/ invalid instant/);
  });
});

describe('direction toward the sun (east-north-up)', () => {
  it('points east, south and up for the cardinal cases', () => {
    const east = directionEnu(90, 0);
    expect(east[0]).toBeCloseTo(1, 12);
    expect(east[1]).toBeCloseTo(0, 12);
    const south30 = directionEnu(180, 30);
    expect(south30[0]).toBeCloseTo(0, 12);
    expect(south30[1]).toBeCloseTo(-Math.cos(Math.PI / 6), 12);
    expect(south30[2]).toBeCloseTo(0.5, 12);
  });

  it('matches the NOAA azimuth and elevation and is a unit vector', () => {
    const instant = cst(2026, 1, 20, 11, 0);
    const d = sunDirectionEnu(JIEFANGBEI.lon, JIEFANGBEI.lat, instant);
    expect(d.ok).toBe(true);
    if (!d.ok) return;
    const [e, n, u] = d.value;
    expect(Math.hypot(e, n, u)).toBeCloseTo(1, 12);
    const ref = noaaSun(JIEFANGBEI.lon, JIEFANGBEI.lat, instant);
    expect((Math.asin(u) * 180) / Math.PI).toBeCloseTo(ref.elevation, 1);
    expect((((Math.atan2(e, n) * 180) / Math.PI) + 360) % 360).toBeCloseTo(ref.azimuth, 1);
  });
});
