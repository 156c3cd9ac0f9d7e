/**
 * Do a file's coordinates fit the CRS it declares, or was given with `--crs`? And
 * which CRS when it declares none? (issue 17.) Pure functions over the coordinates'
 * bounds (of a sample of features or of all), returning the CRS to use with notes, or
 * a problem that names both sides and the fix:
 *
 * - no CRS, lon/lat-looking numbers → WGS 84 lon/lat, as every reader did before;
 * - no CRS, eastings with the zone number in front (36 500 000 → CGCS2000 3° zone 36,
 *   CM 108E, EPSG:4524; 18 500 000 → 6° zone 18, EPSG:4496) → that EPSG, with a note
 *   saying it was inferred (or refused, with `inferZone: false`);
 * - no CRS, other metres → refused: `--crs EPSG:4545` (Yuzhong's 3° CM 108E) shown;
 * - a projected CRS with the zone prefix on one side only (4545 declared, 36 500 000
 *   in the file, or the other way round), or another zone → refused, the right EPSG named;
 * - a lon/lat CRS for metres, or a projected CRS for lon/lat numbers → refused, both named;
 * - a projected CRS whose inverse lands off the globe or does not convert back to the
 *   same numbers (coordinates of another CRS) → refused.
 *
 * Zone prefixes: 3° zones are 25–45 and 6° zones 13–23 over China, so the first digits
 * of a prefixed easting say which family without ambiguity; a zone's eastings lie
 * within ±400 km of 500 000 m.
 */
import type { ProblemLocation } from '../../core/problem.ts';
import { failure, success, type Result } from '../../core/result.ts';
import { gaussKrugerEpsg } from './crs-definitions.ts';
import { type Crs, type CrsProblem, crsFromEpsg, WGS84 } from './crs.ts';
import type { CoordinateBounds } from './geometry-positions.ts';

export type CoordinateKind = 'empty' | 'lonlat' | 'metres';

/** Lon/lat when every coordinate is a possible longitude (−180…360) and latitude (−90…90); empty bounds have no kind. */
export function coordinateKind(bounds: CoordinateBounds): CoordinateKind {
  if (!(bounds.minX <= bounds.maxX && bounds.minY <= bounds.maxY)) return 'empty';
  const lonlat = bounds.minX >= -180 && bounds.maxX <= 360 && bounds.minY >= -90 && bounds.maxY <= 90;
  return lonlat ? 'lonlat' : 'metres';
}

export interface PrefixedZone {
  zone: number;
  degrees: 3 | 6;
  centralMeridian: number;
  /** The CGCS2000 EPSG code with the prefix (4513–4533 or 4491–4501). */
  epsg: number;
  /** The same zone without the prefix (4534–4554 or 4502–4512). */
  unprefixedEpsg: number;
}

/** The Gauss-Krüger zone an easting carries in front (36 500 000 → zone 36), or null. */
export function prefixedZoneOfEasting(easting: number): PrefixedZone | null {
  const zone = Math.floor(easting / 1_000_000);
  const rest = easting - zone * 1_000_000;
  if (!(rest >= 100_000 && rest <= 900_000)) return null;
  const degrees = zone >= 25 && zone <= 45 ? 3 : zone >= 13 && zone <= 23 ? 6 : null;
  if (degrees === null) return null;
  const centralMeridian = degrees === 3 ? 3 * zone : 6 * zone - 3;
  return { zone, degrees, centralMeridian, epsg: gaussKrugerEpsg(centralMeridian, true, degrees)!, unprefixedEpsg: gaussKrugerEpsg(centralMeridian, false, degrees)! };
}

/** The zone prefix shared by the whole extent (northings 0–10 000 km), or null. */
export function prefixedZoneOfBounds(bounds: CoordinateBounds): PrefixedZone | null {
  if (!(bounds.minY >= 0 && bounds.maxY <= 10_000_000)) return null;
  const west = prefixedZoneOfEasting(bounds.minX);
  const east = prefixedZoneOfEasting(bounds.maxX);
  return west && east && west.zone === east.zone ? west : null;
}

export interface CrsCheckInput {
  /** The coordinates' extent in the file's own numbers. */
  bounds: CoordinateBounds;
  /** The CRS the file declares or the caller gives, or null for none. */
  crs: Crs | null;
  /** Where `crs` came from, for the message: the file (`.prj`, srs table, GeoKeys) or `--crs`. Default `file`. */
  crsFrom?: 'file' | 'option';
  /** With no CRS and zone-prefixed eastings: take that zone's EPSG (default true) or refuse. */
  inferZone?: boolean;
  /** Names the file (and feature, if any) in problems. */
  where?: ProblemLocation;
}

export type CrsNoteReason = 'crs-inferred-from-zone';

export interface CrsNote extends ProblemLocation {
  reason: CrsNoteReason;
  message: string;
}

export interface CrsChoice {
  crs: Crs;
  notes: CrsNote[];
}

const fmtBounds = (b: CoordinateBounds): string => {
  const f = (v: number) => (Math.abs(v) >= 1000 ? v.toFixed(0) : String(Math.round(v * 1e6) / 1e6));
  return `${f(b.minX)}, ${f(b.minY)} … ${f(b.maxX)}, ${f(b.maxY)}`;
};

const zoneText = (z: PrefixedZone) => `CGCS2000 ${z.degrees}° zone ${z.zone}, CM ${z.centralMeridian}E`;

/** The CRS to read these coordinates with, or the problem why the declared one (or none) cannot be right. */
export function checkCoordinateCrs(input: CrsCheckInput): Result<CrsChoice, CrsProblem> {
  const { bounds, crs, crsFrom = 'file', inferZone = true, where = {} } = input;
  const file = where.file ? `${where.file}: ` : '';
  const kind = coordinateKind(bounds);
  const zone = kind === 'metres' ? prefixedZoneOfBounds(bounds) : null;
  const range = fmtBounds(bounds);
  const problem = (reason: CrsProblem['reason'], message: string, fix: string): Result<CrsChoice, CrsProblem> => failure([{ ...where, reason, message: `${file}${message}`, fix }]);

  if (kind === 'empty') return success({ crs: crs ?? WGS84, notes: [] });
  if (crs === null) {
    if (kind === 'lonlat') return success({ crs: WGS84, notes: [] });
    if (zone && inferZone) {
      const inferred = crsFromEpsg(zone.epsg, where);
      if (!inferred.ok) return inferred;
      return success({
        crs: inferred.value,
        notes: [{ ...where, reason: 'crs-inferred-from-zone', message: `${file}未声明坐标系，东坐标前两位 ${zone.zone} 为带号，按 ${inferred.value.label} 读取 / no CRS declared; the eastings start with zone number ${zone.zone} (${zoneText(zone)}), read as ${inferred.value.label}` }],
      });
    }
    const suggestion = zone ? `EPSG:${zone.epsg}` : 'EPSG:4545';
    return problem(
      'no-crs-metres',
      `未声明坐标系，但坐标 (${range}) 是米（投影坐标），不是经纬度 / no CRS is declared but the coordinates (${range}) are metres (projected), not lon/lat`,
      zone
        ? `东坐标前两位 ${zone.zone} 是带号 / the eastings carry zone number ${zone.zone} (${zoneText(zone)}): --crs ${suggestion}`
        : `用 --crs 指定坐标系 / name the CRS with --crs, e.g. --crs EPSG:4545 (CGCS2000 3° Gauss-Krüger CM 108E, Yuzhong; 4534–4554 are CM 75E–135E), or add the .prj`,
    );
  }

  const declared = crsFrom === 'option' ? `--crs ${crs.label}` : `${crs.label}（文件声明 / declared by the file）`;
  if (crs.geographic && kind === 'metres') {
    const right = zone ? `EPSG:${zone.epsg}` : 'EPSG:4545';
    return problem(
      'projected-coordinates-geographic-crs',
      `坐标系 ${declared} 是经纬度，但坐标 (${range}) 是米（投影坐标） / ${declared} is geographic (lon/lat) but the coordinates (${range}) are projected metres`,
      `给出投影坐标系 / give the projected CRS, e.g. --crs ${right}${zone ? ` (${zoneText(zone)}, from the zone number in the eastings)` : ''}`,
    );
  }
  if (!crs.geographic && kind === 'lonlat') {
    return problem(
      'lonlat-coordinates-projected-crs',
      `坐标系 ${declared} 是投影坐标（米），但坐标 (${range}) 是经纬度 / ${declared} is projected (metres) but the coordinates (${range}) are lon/lat degrees`,
      '坐标已是经纬度：去掉 --crs 或改为 --crs EPSG:4326 / the coordinates are already lon/lat: drop --crs or pass --crs EPSG:4326 (EPSG:4490 for CGCS2000), or fix the .prj',
    );
  }
  const tm = crs.transverseMercator;
  if (tm && kind === 'metres') {
    const crsPrefixed = tm.falseEasting >= 1_000_000;
    if (zone && !crsPrefixed) {
      return problem(
        'zone-prefix-mismatch',
        `坐标系 ${declared} 的东坐标不带带号，但文件东坐标 (${range}) 前两位 ${zone.zone} 是带号 / ${declared} has no zone number in its eastings, but the file's eastings (${range}) start with zone number ${zone.zone} (${zoneText(zone)})`,
        `带带号的坐标系是 / the CRS with the zone number is EPSG:${zone.epsg}: --crs EPSG:${zone.epsg}`,
      );
    }
    if (crsPrefixed) {
      const crsZone = prefixedZoneOfEasting(tm.falseEasting);
      if (!zone) {
        const unprefixed = crsZone ? `EPSG:${crsZone.unprefixedEpsg}` : `a CRS with false easting 500000 and CM ${tm.centralMeridian}E`;
        return problem(
          'zone-prefix-mismatch',
          `坐标系 ${declared} 的东坐标带带号（假东 ${tm.falseEasting} m），但文件东坐标 (${range}) 不带 / ${declared} puts the zone number in front of the eastings (false easting ${tm.falseEasting} m), but the file's eastings (${range}) have none`,
          `不带带号的同一带是 / the same zone without the zone number is ${unprefixed}: --crs ${unprefixed.startsWith('EPSG') ? unprefixed : `"+proj=tmerc +lon_0=${tm.centralMeridian} +x_0=500000 +ellps=GRS80"`}`,
        );
      }
      if (crsZone && crsZone.zone !== zone.zone) {
        return problem(
          'zone-prefix-mismatch',
          `坐标系 ${declared} 是 ${crsZone.zone} 带，但文件东坐标 (${range}) 是 ${zone.zone} 带 / ${declared} is zone ${crsZone.zone} but the file's eastings (${range}) are in zone ${zone.zone} (${zoneText(zone)})`,
          `--crs EPSG:${zone.epsg}`,
        );
      }
    }
  }
  if (!crs.geographic) {
    const corners: [number, number][] = [[bounds.minX, bounds.minY], [bounds.maxX, bounds.maxY], [bounds.minX, bounds.maxY], [bounds.maxX, bounds.minY]];
    // Off the globe, or not coming back (a projection's inverse can wrap far-away numbers onto the globe).
    const off = corners
      .map(([x, y]) => [x, y, ...crs.toLonLat(x, y)] as const)
      .find(([x, y, lon, lat]) => {
        if (!(Math.abs(lon) <= 180 && Math.abs(lat) <= 90)) return true;
        const [bx, by] = crs.fromLonLat(lon, lat);
        return !(Math.hypot(bx - x, by - y) < 1);
      })
      ?.slice(2);
    if (off) {
      return problem(
        'outside-crs',
        `坐标 (${range}) 不在坐标系 ${declared} 的范围内 / the coordinates (${range}) do not convert to lon/lat in ${declared} (got ${off.map((v) => v.toFixed(3)).join(', ')})`,
        '检查文件的坐标系（.prj）或 --crs / check the file\'s CRS (.prj) or --crs: the coordinates belong to another CRS',
      );
    }
  }
  return success({ crs, notes: [] });
}
