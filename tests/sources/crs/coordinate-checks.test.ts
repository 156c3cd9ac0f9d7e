/**
 * Every refusal and inference of checkCoordinateCrs (issue 17 item 1): metres without
 * a CRS, zone-number eastings, a prefix on one side only, a geographic CRS for metres
 * and the reverse — each names both sides and the fix.
 */
import type { Geometry } from 'geojson';
import { describe, expect, it } from 'vitest';
import { checkCoordinateCrs, coordinateKind, prefixedZoneOfEasting } from '../../../src/sources/crs/coordinate-checks.ts';
import { type Crs, resolveCrs } from '../../../src/sources/crs/crs.ts';
import { type CoordinateBounds, geometryBounds, mapGeometryPositions, reprojectGeometry } from '../../../src/sources/crs/geometry-positions.ts';

const crs = (spec: string): Crs => {
  const r = resolveCrs(spec);
  if (!r.ok) throw new Error(r.problems[0]!.message);
  return r.value;
};
const bounds = (minX: number, minY: number, maxX: number, maxY: number): CoordinateBounds => ({ minX, minY, maxX, maxY });

// Yuzhong in EPSG:4545 (CM 108E) and the same with zone 36 in front (EPSG:4524).
const YUZHONG_4545 = bounds(361_000, 3_270_000, 364_500, 3_274_000);
const YUZHONG_4524 = bounds(36_361_000, 3_270_000, 36_364_500, 3_274_000);
const YUZHONG_LONLAT = bounds(106.53, 29.54, 106.59, 29.57);

function refused(result: ReturnType<typeof checkCoordinateCrs>) {
  expect(result.ok).toBe(false);
  if (result.ok) throw new Error('accepted');
  expect(result.problems).toHaveLength(1);
  return result.problems[0]!;
}

describe('checkCoordinateCrs', () => {
  it('no CRS and lon/lat numbers: WGS 84, no note (what the readers always did)', () => {
    const r = checkCoordinateCrs({ bounds: YUZHONG_LONLAT, crs: null });
    expect(r).toMatchObject({ ok: true, value: { crs: { epsg: 4326 }, notes: [] } });
  });

  it('no CRS and metres: refused, saying they are metres and showing --crs EPSG:4545', () => {
    const p = refused(checkCoordinateCrs({ bounds: YUZHONG_4545, crs: null, where: { file: 'buildings.shp' } }));
    expect(p).toMatchObject({ reason: 'no-crs-metres', file: 'buildings.shp' });
    expect(p.message).toMatch(/^buildings\.shp: 未声明坐标系.*米.*no CRS is declared but the coordinates \(361000, 3270000 … 364500, 3274000\) are metres/);
    expect(p.fix).toContain('--crs EPSG:4545');
  });

  it('no CRS and eastings with zone 36 in front: EPSG:4524 inferred, with a note saying so', () => {
    const r = checkCoordinateCrs({ bounds: YUZHONG_4524, crs: null, where: { file: 'b.shp' } });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.crs.epsg).toBe(4524);
    expect(r.value.notes).toHaveLength(1);
    expect(r.value.notes[0]).toMatchObject({ reason: 'crs-inferred-from-zone', file: 'b.shp' });
    expect(r.value.notes[0]!.message).toMatch(/带号.*zone number 36 \(CGCS2000 3° zone 36, CM 108E\), read as EPSG:4524/);
  });

  it('with inferZone false, the zone is suggested in the refusal instead', () => {
    const p = refused(checkCoordinateCrs({ bounds: YUZHONG_4524, crs: null, inferZone: false }));
    expect(p.reason).toBe('no-crs-metres');
    expect(p.fix).toMatch(/zone number 36.*--crs EPSG:4524/);
  });

  it('6° zone numbers are recognised too: 18 500 000 → zone 18, CM 105E, EPSG:4496', () => {
    expect(prefixedZoneOfEasting(18_512_345)).toEqual({ zone: 18, degrees: 6, centralMeridian: 105, epsg: 4496, unprefixedEpsg: 4507 });
    expect(prefixedZoneOfEasting(36_500_000)).toMatchObject({ zone: 36, degrees: 3, centralMeridian: 108, epsg: 4524, unprefixedEpsg: 4545 });
    expect(prefixedZoneOfEasting(500_000)).toBeNull();
    expect(prefixedZoneOfEasting(24_500_000)).toBeNull();
  });

  it('an unprefixed CM CRS with prefixed eastings: refused, both named and the right EPSG given', () => {
    const p = refused(checkCoordinateCrs({ bounds: YUZHONG_4524, crs: crs('EPSG:4545'), crsFrom: 'option' }));
    expect(p.reason).toBe('zone-prefix-mismatch');
    expect(p.message).toContain('--crs EPSG:4545 CGCS2000 / 3-degree Gauss-Kruger CM 108E');
    expect(p.message).toMatch(/start with zone number 36/);
    expect(p.fix).toContain('--crs EPSG:4524');
  });

  it('a prefixed CRS with unprefixed eastings: refused, naming the unprefixed code', () => {
    const p = refused(checkCoordinateCrs({ bounds: YUZHONG_4545, crs: crs('EPSG:4524') }));
    expect(p.reason).toBe('zone-prefix-mismatch');
    expect(p.message).toMatch(/EPSG:4524.*declared by the file.*have none/);
    expect(p.fix).toContain('--crs EPSG:4545');
  });

  it('a prefixed CRS of another zone: refused, naming the file\'s zone', () => {
    const p = refused(checkCoordinateCrs({ bounds: YUZHONG_4524, crs: crs('EPSG:4523') }));
    expect(p.reason).toBe('zone-prefix-mismatch');
    expect(p.message).toMatch(/is zone 35 .* are in zone 36/);
    expect(p.fix).toBe('--crs EPSG:4524');
  });

  it('projected metres given a geographic --crs: refused, both named', () => {
    const p = refused(checkCoordinateCrs({ bounds: YUZHONG_4545, crs: crs('EPSG:4490'), crsFrom: 'option' }));
    expect(p.reason).toBe('projected-coordinates-geographic-crs');
    expect(p.message).toMatch(/--crs EPSG:4490 China Geodetic Coordinate System 2000 is geographic \(lon\/lat\) but the coordinates \(361000, .*\) are projected metres/);
    expect(p.fix).toContain('--crs EPSG:4545');
  });

  it('lon/lat numbers given a projected CRS: refused, both named', () => {
    const p = refused(checkCoordinateCrs({ bounds: YUZHONG_LONLAT, crs: crs('EPSG:4545'), crsFrom: 'option' }));
    expect(p.reason).toBe('lonlat-coordinates-projected-crs');
    expect(p.message).toMatch(/--crs EPSG:4545 .* is projected \(metres\) but the coordinates \(106\.53, 29\.54 … 106\.59, 29\.57\) are lon\/lat degrees/);
  });

  it('metres that do not convert in the declared CRS (another CRS\'s numbers): refused', () => {
    const p = refused(checkCoordinateCrs({ bounds: bounds(361_000, 93_270_000, 364_500, 93_274_000), crs: crs('EPSG:4545') }));
    expect(p.reason).toBe('outside-crs');
  });

  it('matching CRS and coordinates: accepted as declared', () => {
    expect(checkCoordinateCrs({ bounds: YUZHONG_4545, crs: crs('EPSG:4545') })).toMatchObject({ ok: true, value: { crs: { epsg: 4545 }, notes: [] } });
    expect(checkCoordinateCrs({ bounds: YUZHONG_4524, crs: crs('EPSG:4524') })).toMatchObject({ ok: true, value: { crs: { epsg: 4524 } } });
    expect(coordinateKind(bounds(Infinity, Infinity, -Infinity, -Infinity))).toBe('empty');
  });
});

describe('geometry positions', () => {
  const all: Geometry[] = [
    { type: 'Point', coordinates: [362_137.481983798, 3_272_018.03527716, 250] },
    { type: 'MultiPoint', coordinates: [[362_137.481983798, 3_272_018.03527716]] },
    { type: 'LineString', coordinates: [[362_137.481983798, 3_272_018.03527716], [362_974.178326769, 3_273_061.16728522]] },
    { type: 'MultiLineString', coordinates: [[[362_137.481983798, 3_272_018.03527716], [362_974.178326769, 3_273_061.16728522]]] },
    { type: 'Polygon', coordinates: [[[362_137.481983798, 3_272_018.03527716], [362_974.178326769, 3_273_061.16728522], [362_974.178326769, 3_273_061.16728522], [362_137.481983798, 3_272_018.03527716]]] },
    { type: 'MultiPolygon', coordinates: [[[[362_137.481983798, 3_272_018.03527716], [362_974.178326769, 3_273_061.16728522], [362_137.481983798, 3_272_018.03527716]]]] },
  ];
  const collection: Geometry = { type: 'GeometryCollection', geometries: all };

  it('reprojects every geometry type (GDAL\'s points: Jiefangbei and Chaotianmen in EPSG:4545), keeping heights, not changing the input', () => {
    const before = JSON.stringify(collection);
    const out = reprojectGeometry(collection, crs('EPSG:4545'));
    expect(JSON.stringify(collection)).toBe(before);
    const b = geometryBounds(out);
    expect(b.minX).toBeCloseTo(106.5775, 9);
    expect(b.minY).toBeCloseTo(29.5585, 9);
    expect(b.maxX).toBeCloseTo(106.586, 9);
    expect(b.maxY).toBeCloseTo(29.568, 9);
    const point = (out as { geometries: Geometry[] }).geometries[0] as { coordinates: number[] };
    expect(point.coordinates[2]).toBe(250);
    let n = 0;
    mapGeometryPositions(collection, (p) => (n++, p));
    expect(n).toBe(1 + 1 + 2 + 2 + 4 + 3);
  });

  it('drops a bbox in the old coordinates, and returns lon/lat geometries of EPSG:4326/4490 as they are', () => {
    const line: Geometry = { type: 'LineString', bbox: [362_137, 3_272_018, 362_974, 3_273_061], coordinates: [[362_137.481983798, 3_272_018.03527716], [362_974.178326769, 3_273_061.16728522]] };
    expect(reprojectGeometry(line, crs('EPSG:4545')).bbox).toBeUndefined();
    const lonlat: Geometry = { type: 'Point', coordinates: [106.5775, 29.5585] };
    expect(reprojectGeometry(lonlat, crs('EPSG:4490'))).toBe(lonlat);
  });
});
