/**
 * `--datum gcj02|bd09` (issue 17 item 4): gcoord's documented examples, the option's
 * parsing, and nothing shifted without it.
 */
import type { Geometry } from 'geojson';
import { describe, expect, it } from 'vitest';
import { parseDatumOption, shiftGeometryToWgs84, shiftToWgs84 } from '../../../src/sources/crs/datum-shift.ts';

describe('datum shift', () => {
  it('GCJ-02 → WGS 84: gcoord\'s README example [123, 45] → [122.99395597, 44.99804071]', () => {
    const [lon, lat] = shiftToWgs84(123, 45, 'gcj02');
    expect(lon).toBeCloseTo(122.99395597, 7);
    expect(lat).toBeCloseTo(44.99804071, 7);
  });

  it('BD-09 → WGS 84: the inverse of gcoord\'s README example (WGS 84 [116.403988, 39.914266] is BD-09 [116.41661560068297, 39.92196580126834])', () => {
    const [lon, lat] = shiftToWgs84(116.41661560068297, 39.92196580126834, 'bd09');
    // gcoord inverts BD-09 (through GCJ-02) iteratively: measured 1.0e-6° off in latitude; 2e-6° is about 0.2 m.
    expect(Math.abs(lon - 116.403988)).toBeLessThan(2e-6);
    expect(Math.abs(lat - 39.914266)).toBeLessThan(2e-6);
  });

  it('a Yuzhong GCJ-02 point moves back by the offset of a few hundred metres (west and north here)', () => {
    const [lon, lat] = shiftToWgs84(106.5775, 29.5585, 'gcj02');
    const metres = Math.hypot((lon - 106.5775) * 96_900, (lat - 29.5585) * 110_800);
    expect(metres).toBeGreaterThan(200);
    expect(metres).toBeLessThan(700);
    expect(lon).toBeLessThan(106.5775);
    expect(lat).toBeGreaterThan(29.5585);
  });

  it('shifts every position of a geometry, keeps heights, and shifts nothing without a datum', () => {
    const g: Geometry = { type: 'LineString', coordinates: [[123, 45, 7], [123, 45]] };
    expect(shiftGeometryToWgs84(g, null)).toBe(g);
    const out = shiftGeometryToWgs84(g, 'gcj02') as { coordinates: number[][] };
    expect(out.coordinates[0]![0]).toBeCloseTo(122.99395597, 7);
    expect(out.coordinates[0]![2]).toBe(7);
    expect(out.coordinates[1]).toHaveLength(2);
    expect((g as { coordinates: number[][] }).coordinates[0]![0]).toBe(123);
  });

  it('parses --datum: none, gcj02, BD-09; anything else is a problem with the fix', () => {
    expect(parseDatumOption(undefined)).toEqual({ ok: true, value: null });
    expect(parseDatumOption('GCJ-02')).toEqual({ ok: true, value: 'gcj02' });
    expect(parseDatumOption('bd09')).toEqual({ ok: true, value: 'bd09' });
    const r = parseDatumOption('wgs84', { file: 'poi.geojson' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems[0]).toMatchObject({ reason: 'unknown-datum', file: 'poi.geojson' });
    expect(r.problems[0]!.message).toMatch(/不认识的 --datum "wgs84" \/ unknown --datum "wgs84"/);
    expect(r.problems[0]!.fix).toMatch(/--datum gcj02.*--datum bd09/);
  });
});
