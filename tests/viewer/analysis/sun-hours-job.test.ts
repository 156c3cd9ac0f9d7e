/**
 * The worker's sun-hours run on scenes whose answer is known without the code: a lone
 * 30 m box on flat ground on 大寒日 2026 (the sun stays south of the east–west line all
 * day in January at 29.6° N: its south wall is in sun for the whole 8–16 window, its
 * north wall never), then the same box with a 60 m tower 15 m to its south.
 */
import { describe, expect, it } from 'vitest';
import { createEnuFrame } from '../../../src/core/analysis/geodesy.ts';
import { decodeBuildingPickIndex, encodeBuildingPickIndex, type PickIndexBuilding } from '../../../src/core/building-pick-index.ts';
import { runSunHours, standardTermOn } from '../../../src/viewer/analysis/sun/sun-hours-job.ts';
import { chinaInstant, sunResult } from '../../../src/viewer/analysis/sun/sun-result.ts';
import type { TFunction } from 'i18next';

const LON0 = 106.57, LAT0 = 29.56, BASE = 200;
const frame = createEnuFrame([LON0, LAT0, BASE]);
const t = ((key: string) => key) as unknown as TFunction;
const DAHAN_2026 = { year: 2026, month: 1, day: 20 };

function box(code: string, west: number, south: number, east: number, north: number, height: number): PickIndexBuilding {
  const ring = [[west, south], [east, south], [east, north], [west, north]].flatMap(([x, y]) => {
    const g = frame.toGeodetic(x!, y!, 0);
    return [g.lon, g.lat];
  });
  return { code, polygons: [[Float64Array.from(ring)]], base: BASE, roof: BASE + height };
}
const index = (list: PickIndexBuilding[]) => decodeBuildingPickIndex(encodeBuildingPickIndex(list, { origin: [LON0, LAT0, BASE] }));

/** Facade points of the box by the wall they face: normal (0, −1) south, (0, 1) north. */
function facadeHours(answer: ReturnType<typeof runSunHours> & { ok: true }, facing: 'south' | 'north'): number[] {
  const { samples, result } = answer.value;
  const out: number[] = [];
  for (let p = 0; p < samples.buildings.length; p++) {
    if (samples.buildings[p]! < 0) continue;
    const ny = samples.normals[3 * p + 1]!;
    if ((facing === 'south' && ny < -0.99) || (facing === 'north' && ny > 0.99)) out.push(result.hours[p]!);
  }
  return out;
}

describe('sun hours for a chosen building (the worker job)', () => {
  it('knows the standard’s days', () => {
    expect(standardTermOn(DAHAN_2026)).toBe('major-cold');
    expect(standardTermOn({ year: 2026, month: 12, day: 22 })).toBe('winter-solstice');
    expect(standardTermOn({ year: 2026, month: 1, day: 21 })).toBeNull();
  });

  it('a lone box: south wall the whole 8-hour window, north wall none, and no shortfall', () => {
    const r = runSunHours({ index: index([box('YZ-00001', 0, 0, 40, 12, 30)]), terrain: null }, { code: 'YZ-00001', date: DAHAN_2026 });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.term).toBe('major-cold');
    expect(r.value.window.endHour - r.value.window.startHour).toBe(8);
    // 8 h of apparent solar time is 8 h of clock time to within seconds.
    expect((r.value.window.end - r.value.window.start) / 3_600_000).toBeCloseTo(8, 2);
    const south = facadeHours(r, 'south'), north = facadeHours(r, 'north');
    expect(south.length).toBeGreaterThan(5);
    const window = (r.value.window.end - r.value.window.start) / 3_600_000;
    for (const h of south) expect(h).toBeCloseTo(window, 4);
    for (const h of north) expect(h).toBe(0);
    expect(r.value.shortfall).toBeNull();
    // The ground in the box's shadow (north of it) falls short; far from it, none does.
    const shares = r.value.result.shares.ground;
    expect(shares.belowTwoHours).toBeGreaterThan(0);
    expect(shares.belowTwoHours).toBeLessThan(0.5);
  });

  it('a 60 m tower 15 m south takes the south wall below 2 h: a shortfall, reported in the panel', () => {
    const scene = { index: index([box('YZ-00001', 0, 0, 40, 12, 30), box('YZ-00002', -20, -45, 60, -15, 60)]), terrain: null };
    const r = runSunHours(scene, { code: 'YZ-00001', date: DAHAN_2026 });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    // At noon the sun stands ~40° high: a 60 m tower 15–45 m away shades the wall's foot;
    // morning and evening light comes past its ends only low on the wall's ends.
    const south = facadeHours(r, 'south');
    expect(Math.min(...south)).toBeLessThan(2);
    expect(r.value.shortfall).not.toBeNull();
    expect(r.value.shortfall!.short).toBeGreaterThan(0);
    const panel = sunResult('2026-01-20', '12:00', r.value, scene.index, t).numbers;
    expect(panel.facadeShort).toBe(true);
    expect(panel.facadeMinHours).toBeLessThan(2);
    expect(panel.building).toBe('YZ-00001');
    expect(panel.points).toBe(r.value.samples.buildings.length);
  });

  it('refuses a code the prisms do not hold, in both languages', () => {
    const r = runSunHours({ index: index([box('YZ-00001', 0, 0, 10, 10, 10)]), terrain: null }, { code: 'YZ-99999', date: DAHAN_2026 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0]!.message).toMatch(/[\u4e00-\u9fff].* \/ [A-Za-z]/);
  });

  it('puts the sun where the panel says at noon CST on 大寒日: south, about 39° up', () => {
    const n = sunResult('2026-01-20', '12:00', null, null, t).numbers;
    expect(n.instant).toBe(chinaInstant('2026-01-20', '12:00'));
    // Noon CST is ~55 min before solar noon at 106.6° E: the sun is still east of south.
    expect(n.azimuthDeg).toBeGreaterThan(160);
    expect(n.azimuthDeg).toBeLessThan(180);
    // 90 − 29.56 − 20.1 (declination) ≈ 40.3° at transit; a little less before it.
    expect(n.elevationDeg).toBeGreaterThan(36);
    expect(n.elevationDeg).toBeLessThan(40.4);
  });
});

describe('sun hours over a drawn area', () => {
  const scene = { index: index([box('YZ-00001', 0, 0, 40, 12, 30), box('YZ-00002', -20, -45, 60, -15, 60), box('YZ-00003', 300, 300, 310, 310, 10)]), terrain: null };
  const ring = [[-40, -60], [80, -60], [80, 40], [-40, 40]].map(([x, y]) => {
    const g = frame.toGeodetic(x!, y!, 0);
    return [g.lon, g.lat] as const;
  });

  it('counts the ground inside and the walls of the buildings standing in it, not those outside', () => {
    const r = runSunHours(scene, { ring, date: DAHAN_2026 });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const walls = new Set([...r.value.samples.buildings].filter((b) => b >= 0));
    expect([...walls].sort()).toEqual([0, 1]);
    expect(r.value.code).toBeNull();
    // The shaded building's south wall (behind the tower) is short; the tower's is in full sun.
    expect(r.value.shortfalls.map((s) => s.code)).toEqual(['YZ-00001']);
  });

  it('screens only the residential buildings when told which are', () => {
    const only = (residential: string[]) => {
      const r = runSunHours(scene, { ring, residential, date: DAHAN_2026 });
      return r.ok ? r.value.shortfalls.map((s) => s.code) : null;
    };
    expect(only(['YZ-00001'])).toEqual(['YZ-00001']);
    expect(only(['YZ-00002'])).toEqual([]);
    const panel = sunResult('2026-01-20', '12:00', (runSunHours(scene, { ring, residential: ['YZ-00001'], date: DAHAN_2026 }) as { ok: true; value: never }).value, scene.index, t).numbers;
    expect(panel.shortBuildings).toBe(1);
    expect(panel.facadeShort).toBeNull();
  });
});
