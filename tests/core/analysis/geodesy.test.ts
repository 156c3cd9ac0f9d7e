import { describe, expect, it } from 'vitest';
import {
  chordDistance,
  createEnuFrame,
  ecefToGeodetic,
  geodesicDirect,
  geodesicDistance,
  geodesicInverse,
  geodesicPoints,
  geodesicRingArea,
  geodeticToEcef,
  metresPerDegree,
  WGS84_A,
  WGS84_F,
} from '../../../src/core/analysis/geodesy.ts';

const B = WGS84_A * (1 - WGS84_F);
const E2 = WGS84_F * (2 - WGS84_F);
const DEG = Math.PI / 180;
const dms = (d: number, m: number, s: number) => d + m / 60 + s / 3600;

describe('geodesic inverse against published values', () => {
  it('JFK → Singapore: the GeodSolve manual example (s12 15347628 m, azi1 003:18:29.9, azi2 177:29:09.2)', () => {
    // GeographicLib GeodSolve(1) man page, EXAMPLES: 40:38:23N 073:46:44W 01:21:33N 103:59:22E.
    const jfk = { lat: dms(40, 38, 23), lon: -dms(73, 46, 44) };
    const sin = { lat: dms(1, 21, 33), lon: dms(103, 59, 22) };
    const r = geodesicInverse(jfk, sin);
    expect(Math.abs(r.distance - 15_347_628)).toBeLessThan(1);
    expect(Math.abs(r.azimuth1 - dms(3, 18, 29.9))).toBeLessThan(0.1 / 3600);
    expect(Math.abs(r.azimuth2 - dms(177, 29, 9.2))).toBeLessThan(0.1 / 3600);
  });

  it('the WGS84 quarter meridian is 10 001 965.729 m (published constant)', () => {
    expect(geodesicDistance({ lon: 0, lat: 0 }, { lon: 0, lat: 90 })).toBeCloseTo(10_001_965.729, 2);
  });

  it('one degree along the equator is a·π/180 and runs due east', () => {
    const r = geodesicInverse({ lon: 10, lat: 0 }, { lon: 11, lat: 0 });
    expect(r.distance).toBeCloseTo((WGS84_A * Math.PI) / 180, 4);
    expect(r.azimuth1).toBeCloseTo(90, 9);
  });

  it('direct undoes inverse', () => {
    const a = { lon: 106.55, lat: 29.55 };
    const b = { lon: 106.6, lat: 29.57 };
    const r = geodesicInverse(a, b);
    const c = geodesicDirect(a, r.azimuth1, r.distance);
    expect(c.lon).toBeCloseTo(b.lon, 10);
    expect(c.lat).toBeCloseTo(b.lat, 10);
  });
});

describe('points along a geodesic', () => {
  it('spaces points evenly at most `step` apart, ends included', () => {
    const a = { lon: 106.55, lat: 29.55 };
    const b = { lon: 106.6, lat: 29.57 };
    const total = geodesicDistance(a, b);
    const points = geodesicPoints(a, b, 100);
    expect(points.length).toBe(Math.ceil(total / 100) + 1);
    expect(points[0]).toMatchObject(a);
    expect(points.at(-1)).toMatchObject(b);
    for (let k = 1; k < points.length; k++) {
      const d = geodesicDistance(points[k - 1]!, points[k]!);
      expect(d).toBeLessThanOrEqual(100 + 1e-6);
      expect(d).toBeCloseTo(total / (points.length - 1), 6);
    }
  });
});

describe('ellipsoidal area', () => {
  /** Closed-form area of the zone lat1..lat2 over dLon degrees on the ellipsoid (authalic formula). */
  function zoneArea(lat1: number, lat2: number, dLon: number): number {
    const e = Math.sqrt(E2);
    const q = (lat: number) => {
      const s = Math.sin(lat * DEG);
      return s / (1 - E2 * s * s) + (1 / (2 * e)) * Math.log((1 + e * s) / (1 - e * s));
    };
    return ((B * B * dLon * DEG) / 2) * (q(lat2) - q(lat1));
  }

  it('a 1°×1° cell (parallels densified) matches the closed-form zone area', () => {
    const ring: { lon: number; lat: number }[] = [];
    const n = 1000;
    for (let k = 0; k < n; k++) ring.push({ lon: 106 + k / n, lat: 29 });
    ring.push({ lon: 107, lat: 29 }, { lon: 107, lat: 30 });
    for (let k = 1; k < n; k++) ring.push({ lon: 107 - k / n, lat: 30 });
    ring.push({ lon: 106, lat: 30 });
    const expected = zoneArea(29, 30, 1);
    const { area } = geodesicRingArea(ring);
    expect(Math.abs(area - expected) / expected).toBeLessThan(1e-7);
    // Winding does not matter.
    expect(geodesicRingArea([...ring].reverse()).area).toBeCloseTo(area, 0);
  });
});

describe('ECEF and the ENU frame', () => {
  it('puts the equator and the pole where the ellipsoid is', () => {
    expect(geodeticToEcef(0, 0, 0)).toEqual([WGS84_A, 0, 0]);
    const pole = geodeticToEcef(0, 90, 10);
    expect(pole[2]).toBeCloseTo(B + 10, 6);
    const east = geodeticToEcef(90, 0, 100);
    expect(east[1]).toBeCloseTo(WGS84_A + 100, 6);
    expect(ecefToGeodetic(WGS84_A + 5, 0, 0)).toMatchObject({ lon: 0, lat: 0 });
    expect(ecefToGeodetic(WGS84_A + 5, 0, 0).height).toBeCloseTo(5, 6);
    expect(ecefToGeodetic(0, 0, -(B + 7)).lat).toBe(-90);
    expect(ecefToGeodetic(0, 0, -(B + 7)).height).toBeCloseTo(7, 6);
  });

  it('inverts to well under a millimetre in the district', () => {
    for (const h of [-50, 0, 400, 5000]) {
      const p = geodeticToEcef(106.57, 29.56, h);
      const g = ecefToGeodetic(p[0], p[1], p[2]);
      expect(g.lon).toBeCloseTo(106.57, 10);
      expect(g.lat).toBeCloseTo(29.56, 10);
      expect(Math.abs(g.height - h)).toBeLessThan(1e-4);
    }
  });

  it('inverts next to the pole, where 1/cos φ would not', () => {
    const p = geodeticToEcef(10, 89.99999, 100);
    const g = ecefToGeodetic(p[0], p[1], p[2]);
    expect(g.lat).toBeCloseTo(89.99999, 10);
    expect(Math.abs(g.height - 100)).toBeLessThan(1e-4);
  });

  it('chord between two points on one vertical is their height difference; on the equator 2a·sin(Δλ/2)', () => {
    expect(chordDistance({ lon: 106.57, lat: 29.56, height: 200 }, { lon: 106.57, lat: 29.56, height: 350 })).toBeCloseTo(150, 6);
    expect(chordDistance({ lon: 0, lat: 0, height: 0 }, { lon: 1, lat: 0, height: 0 })).toBeCloseTo(2 * WGS84_A * Math.sin(0.5 * DEG), 6);
  });

  it('the ellipsoid falls away from the tangent plane by d²/2R (≈ 0.7 m at 3 km)', () => {
    const frame = createEnuFrame([106.57, 29.56, 0]);
    const far = geodesicDirect({ lon: 106.57, lat: 29.56 }, 90, 3000);
    const local = frame.toLocal(far.lon, far.lat, 0);
    // Radius of curvature east-west is N; the drop is about d²/2N.
    const n = WGS84_A / Math.sqrt(1 - E2 * Math.sin(29.56 * DEG) ** 2);
    expect(local[2]).toBeCloseTo(-(3000 ** 2) / (2 * n), 3);
    const back = frame.toGeodetic(...local);
    expect(back.lon).toBeCloseTo(far.lon, 10);
    expect(back.height).toBeCloseTo(0, 4);
  });

  it('metres per degree match short geodesics', () => {
    const m = metresPerDegree(29.56);
    expect(geodesicDistance({ lon: 106.57, lat: 29.56 }, { lon: 106.571, lat: 29.56 }) / 0.001).toBeCloseTo(m.lon, 1);
    expect(geodesicDistance({ lon: 106.57, lat: 29.5595 }, { lon: 106.57, lat: 29.5605 }) / 0.001).toBeCloseTo(m.lat, 1);
  });
});
