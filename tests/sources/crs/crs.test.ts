/**
 * The CRS module against GDAL (issue 17): conversions both ways within 1 mm of the
 * committed reference points (tests/fixtures/crs/reference-points.json, made with
 * gdaltransform), and the WKT a district's `.prj` holds — as ArcGIS writes it and as
 * GDAL writes it — recognised as the EPSG code it is.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BUILT_IN_EPSG } from '../../../src/sources/crs/crs-definitions.ts';
import { type Crs, resolveCrs, rootEpsgOfWkt } from '../../../src/sources/crs/crs.ts';
import { gdal } from './gdal-tools.ts';

interface ReferenceSet {
  crs: string;
  gdal: string;
  points: { name: string; lon: number; lat: number; x: number; y: number }[];
}
const reference = JSON.parse(readFileSync(new URL('../../fixtures/crs/reference-points.json', import.meta.url), 'utf8')) as { sets: ReferenceSet[] };

function crsOf(spec: string | number): Crs {
  const r = resolveCrs(spec);
  if (!r.ok) throw new Error(r.problems.map((p) => p.message).join('\n'));
  return r.value;
}

/** Metres between two lon/lat points this close (local flat Earth; exact enough at mm). */
function lonLatMetres(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const m = 111_320;
  return Math.hypot((lon1 - lon2) * m * Math.cos((lat1 * Math.PI) / 180), (lat1 - lat2) * 110_574);
}

/** ESRI WKT as ArcGIS writes it in a `.prj` for CGCS2000 3° Gauss-Krüger CM 105E. */
const ARCGIS_PRJ_CM_105E =
  'PROJCS["CGCS2000_3_Degree_GK_CM_105E",GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",105.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]';

describe('CRS conversions against GDAL', () => {
  const points = reference.sets.flatMap((s) => s.points.map((p) => ({ ...p, set: s.crs })));

  it('the fixture covers the CRSs the issue names, ~40 points', () => {
    const crss = reference.sets.map((s) => s.crs);
    for (const c of ['EPSG:4545', 'EPSG:4544', 'EPSG:4524', 'EPSG:4490', 'EPSG:4496', 'EPSG:32648', 'CGCS2000:GK:CM=106.5']) expect(crss).toContain(c);
    expect(points.length).toBeGreaterThanOrEqual(40);
  });

  it.each(reference.sets.map((s) => [s.crs, s] as const))('%s: lon/lat → x, y and back within 1 mm of gdaltransform', (_, set) => {
    const crs = crsOf(set.crs);
    for (const p of set.points) {
      const [x, y] = crs.fromLonLat(p.lon, p.lat);
      const forward = crs.geographic ? lonLatMetres(x, y, p.x, p.y) : Math.hypot(x - p.x, y - p.y);
      expect(forward, `${set.crs} ${p.name} forward`).toBeLessThan(0.001);
      const [lon, lat] = crs.toLonLat(p.x, p.y);
      expect(lonLatMetres(lon, lat, p.lon, p.lat), `${set.crs} ${p.name} inverse`).toBeLessThan(0.001);
    }
  });

  it('labels say code and name; EPSG:4545 is the 3° zone with CM 108E', () => {
    const crs = crsOf('EPSG:4545');
    expect(crs.label).toBe('EPSG:4545 CGCS2000 / 3-degree Gauss-Kruger CM 108E');
    expect(crs).toMatchObject({ epsg: 4545, geographic: false, transverseMercator: { centralMeridian: 108, falseEasting: 500_000 } });
    expect(crsOf(4524).transverseMercator).toEqual({ centralMeridian: 108, falseEasting: 36_500_000 });
    expect(crsOf('4490')).toMatchObject({ epsg: 4490, geographic: true });
  });

  it('the first and last code of every built-in family convert as GDAL defines them (gdaltransform)', () => {
    // The fixture checks codes inside the families; the ends catch an off-by-one in a family's
    // numbering. One point per CRS, 0.7° east of its central meridian at 30.3N (30.3S for UTM south).
    const families = [[4491, 4501], [4502, 4512], [4513, 4533], [4534, 4554], [32601, 32660], [32701, 32760]];
    const ends = families.flat();
    expect(ends.every((e) => BUILT_IN_EPSG.includes(e))).toBe(true);
    expect(BUILT_IN_EPSG.length).toBe(2 + 11 + 11 + 21 + 21 + 60 + 60);
    for (const epsg of ends) {
      const crs = crsOf(epsg);
      const lon = crs.transverseMercator!.centralMeridian + 0.7;
      const lat = epsg > 32700 ? -30.3 : 30.3;
      const [x, y] = gdal('gdaltransform', ['-s_srs', 'EPSG:4326', '-t_srs', `EPSG:${epsg}`, '-output_xy'], `${lon} ${lat}\n`).trim().split(/\s+/).map(Number) as [number, number];
      const [ox, oy] = crs.fromLonLat(lon, lat);
      expect(Math.hypot(ox - x, oy - y), `EPSG:${epsg}`).toBeLessThan(0.001);
    }
  });
});

describe('resolveCrs', () => {
  it('reads an ArcGIS .prj (ESRI WKT, PROJECTION["Gauss_Kruger"]) as EPSG:4544', () => {
    const crs = crsOf(ARCGIS_PRJ_CM_105E);
    expect(crs.epsg).toBe(4544);
    expect(crs.label).toBe('EPSG:4544 CGCS2000 / 3-degree Gauss-Kruger CM 105E');
  });

  it('reads ESRI geographic .prj texts: CGCS2000 → EPSG:4490, WGS 84 → EPSG:4326', () => {
    expect(crsOf(gdal('gdalsrsinfo', ['EPSG:4490', '-o', 'wkt_esri']))).toMatchObject({ epsg: 4490, geographic: true });
    expect(crsOf('GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]')).toMatchObject({ epsg: 4326, geographic: true });
  });

  it('reads ESRI names with the zone number: CGCS2000_3_Degree_GK_Zone_35 → EPSG:4523', () => {
    const zone35 = ARCGIS_PRJ_CM_105E.replace('CGCS2000_3_Degree_GK_CM_105E', 'CGCS2000_3_Degree_GK_Zone_35').replace('"False_Easting",500000.0', '"False_Easting",35500000.0');
    expect(crsOf(zone35).epsg).toBe(4523);
    expect(crsOf(gdal('gdalsrsinfo', ['EPSG:4523', '-o', 'wkt_esri'])).epsg).toBe(4523);
  });

  it('reads GDAL\'s OGC WKT1 by its root AUTHORITY, not the nested datum or unit ones', () => {
    const wkt = gdal('gdalsrsinfo', ['EPSG:4544', '-o', 'wkt1']);
    expect(rootEpsgOfWkt(wkt)).toBe(4544);
    expect(crsOf(wkt).epsg).toBe(4544);
    expect(crsOf(gdal('gdalsrsinfo', ['EPSG:32648', '-o', 'wkt1'])).epsg).toBe(32648);
    expect(crsOf(gdal('gdalsrsinfo', ['EPSG:4490', '-o', 'wkt1']))).toMatchObject({ epsg: 4490, geographic: true });
  });

  it('a WKT whose name says CM 105E but whose parameters say 106E is read from its parameters, not mapped to 4544', () => {
    const crs = crsOf(ARCGIS_PRJ_CM_105E.replace('"Central_Meridian",105.0', '"Central_Meridian",106.0'));
    expect(crs.epsg).toBeNull();
    expect(crs.transverseMercator).toEqual({ centralMeridian: 106, falseEasting: 500_000 });
    const [lon, lat] = crs.toLonLat(500_000, 3_300_000);
    expect(lon).toBeCloseTo(106, 9);
    expect(lat).toBeGreaterThan(29);
  });

  it('an unknown WKT (a local central meridian) is used through proj4 and converts like the same CM spelled CGCS2000:GK:CM=', () => {
    const local = ARCGIS_PRJ_CM_105E.replace('CGCS2000_3_Degree_GK_CM_105E', 'Chongqing_Local_GK').replace('"Central_Meridian",105.0', '"Central_Meridian",106.5');
    const a = crsOf(local);
    const b = crsOf('CGCS2000:GK:CM=106.5');
    expect(a).toMatchObject({ id: 'WKT', epsg: null, geographic: false });
    expect(a.label).toContain('Chongqing_Local_GK');
    const [lon, lat] = a.toLonLat(501_234.5, 3_271_000);
    const [lon2, lat2] = b.toLonLat(501_234.5, 3_271_000);
    expect(lonLatMetres(lon, lat, lon2, lat2)).toBeLessThan(0.001);
  });

  it('a proj string and a custom meridian with its false easting', () => {
    expect(crsOf('+proj=utm +zone=48 +datum=WGS84 +units=m +no_defs')).toMatchObject({ id: 'proj', epsg: null, geographic: false });
    expect(crsOf('CGCS2000:GK:CM=106.5:FE=36500000').transverseMercator).toEqual({ centralMeridian: 106.5, falseEasting: 36_500_000 });
  });

  it('another datum without a shift to WGS 84 (Xian 1980) is refused, not converted metres off; with +towgs84 it is taken', () => {
    const xian = resolveCrs(gdal('gdalsrsinfo', ['EPSG:2383', '-o', 'wkt1']), { file: 'old.prj' });
    expect(xian.ok).toBe(false);
    if (xian.ok) return;
    expect(xian.problems[0]).toMatchObject({ reason: 'unsupported-datum', file: 'old.prj' });
    expect(xian.problems[0]!.message).toMatch(/Xian 1980 \/ 3-degree Gauss-Kruger CM 114E/);
    expect(xian.problems[0]!.fix).toContain('ogr2ogr -t_srs EPSG:4490');
    expect(resolveCrs('+proj=tmerc +lon_0=114 +x_0=500000 +a=6378140 +rf=298.257 +towgs84=24,-123,-94,0,0,0,0').ok).toBe(true);
  });

  it('a CRS with a datum shift converts as GDAL does (the shift applied: the projection\'s own inverse alone would be ~100 m off)', () => {
    const def = '+proj=tmerc +lat_0=0 +lon_0=114 +k=1 +x_0=500000 +y_0=0 +a=6378140 +rf=298.257 +towgs84=24,-123,-94,0,0,0,0 +units=m +no_defs';
    const crs = crsOf(def);
    const [lon, lat] = crs.toLonLat(520_000, 3_300_000);
    const out = gdal('gdaltransform', ['-s_srs', def, '-t_srs', 'EPSG:4326', '-output_xy'], '520000 3300000\n').trim().split(/\s+/).map(Number);
    expect(lonLatMetres(lon, lat, out[0]!, out[1]!)).toBeLessThan(0.001);
  });

  it('an EPSG code that is not built in, and text that is no CRS, are problems with a fix', () => {
    const unknown = resolveCrs('EPSG:2383', { file: 'a.shp' });
    expect(unknown.ok).toBe(false);
    if (unknown.ok) return;
    expect(unknown.problems[0]).toMatchObject({ reason: 'unknown-epsg', file: 'a.shp' });
    expect(unknown.problems[0]!.message).toMatch(/EPSG:2383.*不在内置列表中.*not a built-in CRS/);
    expect(unknown.problems[0]!.fix).toContain('gdalsrsinfo EPSG:2383 -o proj4');
    for (const bad of ['hello', 'PROJCS["broken', '+proj=nonesuch', 'CGCS2000:GK:CM=500']) {
      const r = resolveCrs(bad);
      expect(r.ok, bad).toBe(false);
      if (!r.ok) expect(r.problems[0]).toMatchObject({ reason: 'unreadable-crs' });
    }
  });
});
