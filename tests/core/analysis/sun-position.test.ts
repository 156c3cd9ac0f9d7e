import { describe, expect, it } from 'vitest';
import { directionEnu, sunDirectionEnu, sunPosition } from '../../../src/core/analysis/sun-position.ts';

/**
 * The independent reference: NOAA's solar position algorithm as its Solar Calculator
 * spreadsheet computes it (NOAA Global Monitoring Laboratory, "NOAA_Solar_Calculations_day.xls",
 * after Meeus, Astronomical Algorithms, ch. 25 low precision + NOAA's refraction fit),
 * good to ~0.01° in elevation for years 1800–2100. Written out here from the spreadsheet's
 * column formulas, not from the module under test.
 */
function noaaSun(lon: number, lat: number, utcMs: number): { azimuth: number; elevation: number } {
  const rad = Math.PI / 180;
  const jd = utcMs / 86_400_000 + 2440587.5;
  const t = (jd - 2451545) / 36525;
  const l0 = (280.46646 + t * (36000.76983 + t * 0.0003032)) % 360;
  const m = 357.52911 + t * (35999.05029 - 0.0001537 * t);
  const e = 0.016708634 - t * (0.000042037 + 0.0000001267 * t);
  const c = Math.sin(m * rad) * (1.914602 - t * (0.004817 + 0.000014 * t)) + Math.sin(2 * m * rad) * (0.019993 - 0.000101 * t) + Math.sin(3 * m * rad) * 0.000289;
  const omega = 125.04 - 1934.136 * t;
  const appLong = l0 + c - 0.00569 - 0.00478 * Math.sin(omega * rad);
  const meanObliq = 23 + (26 + (21.448 - t * (46.815 + t * (0.00059 - t * 0.001813))) / 60) / 60;
  const obliq = meanObliq + 0.00256 * Math.cos(omega * rad);
  const decl = Math.asin(Math.sin(obliq * rad) * Math.sin(appLong * rad)) / rad;
  const y = Math.tan((obliq / 2) * rad) ** 2;
  const eot = 4 * (y * Math.sin(2 * l0 * rad) - 2 * e * Math.sin(m * rad) + 4 * e * y * Math.sin(m * rad) * Math.cos(2 * l0 * rad) - 0.5 * y * y * Math.sin(4 * l0 * rad) - 1.25 * e * e * Math.sin(2 * m * rad)) / rad;
  const minutes = (((utcMs % 86_400_000) + 86_400_000) % 86_400_000) / 60_000;
  const tst = (((minutes + eot + 4 * lon) % 1440) + 1440) % 1440;
  const ha = tst / 4 < 0 ? tst / 4 + 180 : tst / 4 - 180;
  const cosZen = Math.sin(lat * rad) * Math.sin(decl * rad) + Math.cos(lat * rad) * Math.cos(decl * rad) * Math.cos(ha * rad);
  const zen = Math.acos(Math.min(1, Math.max(-1, cosZen))) / rad;
  const h = 90 - zen;
  const tanH = Math.tan(h * rad);
  const refraction = h > 85 ? 0 : h > 5 ? 58.1 / tanH - 0.07 / tanH ** 3 + 0.000086 / tanH ** 5 : h > -0.575 ? 1735 + h * (-518.2 + h * (103.4 + h * (-12.79 + h * 0.711))) : -20.772 / tanH;
  const acosAz = Math.acos(Math.min(1, Math.max(-1, (Math.sin(lat * rad) * Math.cos(zen * rad) - Math.sin(decl * rad)) / (Math.cos(lat * rad) * Math.sin(zen * rad))))) / rad;
  const azimuth = ha > 0 ? (acosAz + 180) % 360 : (540 - acosAz) % 360;
  return { azimuth, elevation: h + refraction / 3600 };
}

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
