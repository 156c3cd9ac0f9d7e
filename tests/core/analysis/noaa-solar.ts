/**
 * Test reference for the sun tools, shared by sun-position, sun-hours (and the
 * solar-term tests): NOAA's solar position algorithm, written out from its Solar
 * Calculator spreadsheet, independent of astronomy-engine and of the modules under test.
 */
/**
 * The independent reference: NOAA's solar position algorithm as its Solar Calculator
 * spreadsheet computes it (NOAA Global Monitoring Laboratory, "NOAA_Solar_Calculations_day.xls",
 * after Meeus, Astronomical Algorithms, ch. 25 low precision + NOAA's refraction fit),
 * good to ~0.01° in elevation for years 1800–2100. Written out here from the spreadsheet's
 * column formulas, not from the module under test.
 */
export function noaaSun(lon: number, lat: number, utcMs: number): { azimuth: number; elevation: number } {
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
