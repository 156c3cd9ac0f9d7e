/**
 * A coordinate reference system as the readers use it (issue 17): a label for
 * messages, its EPSG code when it has one, whether it is lon/lat, and the two
 * conversions to and from the pipeline's WGS 84 lon/lat. `resolveCrs` turns whatever a
 * file or a person gives — `EPSG:4545`, `4545`, a proj string, a custom central
 * meridian (`CGCS2000:GK:CM=106.5`), an OGC or ESRI WKT from a `.prj` — into one, or a
 * problem naming the text and the fix.
 *
 * A WKT is mapped to a built-in EPSG definition when it names one — its root
 * `AUTHORITY["EPSG",…]`/`ID["EPSG",…]`, or its name in EPSG's or ESRI's spelling
 * (`CGCS2000_3_Degree_GK_CM_105E`, `CGCS2000_3_Degree_GK_Zone_35`) — and its central
 * meridian and false easting agree; otherwise proj4 reads the WKT itself (it knows
 * ESRI's `PROJECTION["Gauss_Kruger"]`). So a `.prj` ArcGIS wrote and the same CRS from
 * `gdalsrsinfo -o wkt1` both come out as `EPSG:4544`. A proj string or WKT on another
 * ellipsoid without a shift to WGS 84 (Xian 1980, Beijing 1954) is refused: proj4 would
 * convert it without a datum shift and put every feature metres off, silently.
 *
 * Speed: the proj4 converter is made once per Crs; a conversion is one call into it.
 * Measured on this machine (2 shared cores, Node 20): EPSG:4545 → lon/lat about 2.0
 * million points/s, lon/lat → 4545 1.2 million; 100 000 five-vertex footprints
 * reprojected with `reprojectGeometry` at about 250 000 footprints/s (issue 17 asks for
 * reading and reprojecting at ≥ 50 000/s). Built-in lon/lat CRSs convert by identity.
 */
import proj4 from 'proj4';
import type { Problem, ProblemLocation } from '../../core/problem.ts';
import { failure, success, type Result } from '../../core/result.ts';
import { builtInDefinition, CUSTOM_GAUSS_KRUGER, customGaussKrugerDefinition, type CrsDefinition, definitionByName } from './crs-definitions.ts';

export interface TransverseMercatorParameters {
  /** Central meridian in degrees east. */
  centralMeridian: number;
  /** False easting in metres (e.g. 500 000, or 36 500 000 with the zone number in front). */
  falseEasting: number;
}

export interface Crs {
  /** A short id for messages and reports: `EPSG:4545`, `CGCS2000:GK:CM=106.5`, `WKT`, `proj`. */
  readonly id: string;
  /** id and name, e.g. `EPSG:4545 CGCS2000 / 3-degree Gauss-Kruger CM 108E`. */
  readonly label: string;
  readonly epsg: number | null;
  /** Coordinates are lon/lat degrees (else projected metres). */
  readonly geographic: boolean;
  /** For transverse Mercator (Gauss-Krüger, UTM): its parameters, for the zone-prefix checks; else null. */
  readonly transverseMercator: TransverseMercatorParameters | null;
  /** The file's (x, y) → WGS 84 [lon, lat] (CGCS2000 taken as WGS 84). */
  toLonLat(x: number, y: number): [number, number];
  /** WGS 84 lon/lat → the file's [x, y]. */
  fromLonLat(lon: number, lat: number): [number, number];
}

export type CrsReason =
  // resolveCrs
  | 'unknown-epsg'
  | 'unreadable-crs'
  | 'unsupported-datum'
  // coordinate-checks.ts
  | 'no-crs-metres'
  | 'zone-prefix-mismatch'
  | 'projected-coordinates-geographic-crs'
  | 'lonlat-coordinates-projected-crs'
  | 'outside-crs'
  // datum-shift.ts
  | 'unknown-datum';
export type CrsProblem = Problem<CrsReason>;

const TRANSVERSE_MERCATOR = new Set(['tmerc', 'etmerc', 'utm', 'gauss_kruger', 'transverse_mercator']);

interface ParsedProjection {
  projName?: string;
  long0?: number;
  x0?: number;
  name?: string;
  a?: number;
  es?: number;
  datum?: { datum_type?: number };
}

/** proj4's datum types that carry their own shift to WGS 84 (3- or 7-parameter, grid). */
const SHIFTED_DATUM_TYPES = new Set([1, 2, 3]);
const WGS84_A = 6378137;
const WGS84_ES = 0.00669437999014;

/**
 * Can proj4 take this CRS to WGS 84 without guessing? Yes on the WGS 84 / GRS 80
 * ellipsoid (CGCS2000 is taken as WGS 84) or with an explicit shift (`+towgs84`,
 * `TOWGS84[…]`, a grid); no for another ellipsoid without one (Xian 1980, Beijing
 * 1954: proj4 would convert without a datum shift, metres to tens of metres off).
 */
function reachesWgs84(p: ParsedProjection): boolean {
  if (SHIFTED_DATUM_TYPES.has(p.datum?.datum_type ?? 0)) return true;
  return p.a === WGS84_A && p.es !== undefined && Math.abs(p.es - WGS84_ES) < 1e-9;
}

function transverseMercatorOf(projection: ParsedProjection): TransverseMercatorParameters | null {
  if (!TRANSVERSE_MERCATOR.has((projection.projName ?? '').toLowerCase())) return null;
  return { centralMeridian: Math.round(((projection.long0 ?? 0) * 180) / Math.PI * 1e9) / 1e9, falseEasting: projection.x0 ?? 0 };
}

function makeCrs(id: string, name: string, epsg: number | null, definition: string, geographic: boolean, identity: boolean): Crs {
  const label = name ? `${id} ${name}` : id;
  if (identity) {
    return { id, label, epsg, geographic, transverseMercator: null, toLonLat: (x, y) => [x, y], fromLonLat: (lon, lat) => [lon, lat] };
  }
  const converter = proj4(definition);
  const projection = new proj4.Proj(definition) as unknown as ParsedProjection;
  return {
    id,
    label,
    epsg,
    geographic,
    transverseMercator: geographic ? null : transverseMercatorOf(projection),
    toLonLat: geographic ? (x, y) => converter.inverse([x, y]) as [number, number] : directInverse(projection, (x, y) => converter.inverse([x, y]) as [number, number]),
    fromLonLat: (lon, lat) => converter.forward([lon, lat]) as [number, number],
  };
}

const R2D = 180 / Math.PI;

/**
 * The projection's own inverse, without proj4's general transform around it (argument
 * checks, datum comparison, a copied point per step, `delete point.z`): half of a
 * reprojection's time on 100k footprints. Used only when it gives what the transform
 * gives — checked at eleven points around the projection's origin to 1e-10° — so a
 * datum shift, a unit or a prime meridian the transform would apply keeps the
 * transform. The projection's inverse takes metres and returns radians.
 */
function directInverse(projection: ParsedProjection, general: (x: number, y: number) => [number, number]): (x: number, y: number) => [number, number] {
  const inverse = (projection as { inverse?: (p: { x: number; y: number }) => { x: number; y: number } | null }).inverse;
  if (typeof inverse !== 'function') return general;
  const direct = (x: number, y: number): [number, number] => {
    const p = inverse.call(projection, { x, y });
    return p ? [p.x * R2D, p.y * R2D] : [NaN, NaN];
  };
  const x0 = projection.x0 ?? 0;
  const y0 = (projection as { y0?: number }).y0 ?? 0;
  const probes: Array<[number, number]> = [[x0, y0 + 3_300_000]];
  for (const dx of [-150_000, -20_000, 20_000, 150_000]) for (const dy of [1_000_000, 3_300_000]) probes.push([x0 + dx, y0 + dy]);
  probes.push([x0 + 1_000, y0 + 10_000], [x0 - 5_000, y0 + 5_500_000]);
  for (const [x, y] of probes) {
    let a: [number, number];
    try {
      a = general(x, y);
    } catch {
      return general;
    }
    const b = direct(x, y);
    if (!(Math.abs(a[0] - b[0]) < 1e-10 && Math.abs(a[1] - b[1]) < 1e-10)) return general;
  }
  return direct;
}

function fromDefinition(d: CrsDefinition): Crs {
  return makeCrs(d.code, d.name, d.epsg, d.proj, d.geographic, d.geographic);
}

/** WGS 84 lon/lat, the pipeline's own CRS. */
export const WGS84: Crs = fromDefinition(builtInDefinition(4326)!);

function where(location: ProblemLocation): string {
  return location.file ? `${location.file}: ` : '';
}

function unknownEpsg(epsg: number, location: ProblemLocation): CrsProblem {
  return {
    ...location,
    reason: 'unknown-epsg',
    message: `${where(location)}坐标系 EPSG:${epsg} 不在内置列表中 / EPSG:${epsg} is not a built-in CRS (built in: 4326, 4490, CGCS2000 Gauss-Krüger 4491–4554, WGS 84 UTM 32601–32660/32701–32760)`,
    fix: `以 proj 字符串给出 / give it as a proj string: --crs "$(gdalsrsinfo EPSG:${epsg} -o proj4)", or reproject the file, e.g. \`ogr2ogr -t_srs EPSG:4326 out.shp in.shp\``,
  };
}

function unreadable(text: string, detail: string, location: ProblemLocation): CrsProblem {
  const shown = text.length > 80 ? `${text.slice(0, 77)}…` : text;
  return {
    ...location,
    reason: 'unreadable-crs',
    message: `${where(location)}无法识别坐标系 "${shown}"（${detail}） / cannot read the CRS "${shown}" (${detail})`,
    fix: '使用 EPSG 代码、proj 字符串或 .prj 中的 WKT / pass an EPSG code (--crs EPSG:4545), a proj string (--crs "+proj=tmerc +lon_0=108 +x_0=500000 +ellps=GRS80"), a custom meridian (--crs CGCS2000:GK:CM=106.5) or the WKT of a .prj',
  };
}

/** A built-in EPSG CRS, or the problem `unknown-epsg`. */
export function crsFromEpsg(epsg: number, location: ProblemLocation = {}): Result<Crs, CrsProblem> {
  const d = builtInDefinition(epsg);
  return d ? success(fromDefinition(d)) : failure([unknownEpsg(epsg, location)]);
}

function fromText(text: string, id: string, location: ProblemLocation): Result<Crs, CrsProblem> {
  let projection: ParsedProjection;
  try {
    projection = new proj4.Proj(text) as unknown as ParsedProjection;
    proj4(text);
  } catch (error) {
    return failure([unreadable(text, error instanceof Error ? error.message : String(error), location)]);
  }
  if (!projection.projName) return failure([unreadable(text, 'proj4 found no projection in it', location)]);
  if (!reachesWgs84(projection)) {
    const shown = projection.name && projection.name !== text ? projection.name : text.length > 80 ? `${text.slice(0, 77)}…` : text;
    return failure([
      {
        ...location,
        reason: 'unsupported-datum',
        message: `${where(location)}坐标系 "${shown}" 的椭球不是 CGCS2000/WGS 84，且没有到 WGS 84 的转换参数 / the CRS "${shown}" is on another ellipsoid than CGCS2000/WGS 84 (a ${projection.a ?? '?'} m) and gives no shift to WGS 84 (e.g. Xian 1980, Beijing 1954)`,
        fix: '转换到 CGCS2000 后再导入 / convert it to CGCS2000 first with the district\'s transformation parameters, e.g. `ogr2ogr -t_srs EPSG:4490 out.shp in.shp`, or give a proj string with +towgs84=…',
      },
    ]);
  }
  const geographic = projection.projName === 'longlat';
  const name = id === 'proj' ? text : projection.name && projection.name !== text ? projection.name : '';
  return success(makeCrs(id, name, null, text, geographic, false));
}

/** The EPSG code in the root's `AUTHORITY["EPSG","N"]` (WKT1) or `ID["EPSG",N]` (WKT2), not a nested one. */
export function rootEpsgOfWkt(wkt: string): number | null {
  let depth = 0;
  let quoted = false;
  for (let i = 0; i < wkt.length; i++) {
    const c = wkt[i]!;
    if (c === '"') quoted = !quoted;
    else if (quoted) continue;
    else if (c === '[' || c === '(') depth++;
    else if (c === ']' || c === ')') depth--;
    else if (depth === 1 && (c === 'A' || c === 'a' || c === 'I' || c === 'i')) {
      const m = /^(?:AUTHORITY|ID)\s*[[(]\s*"EPSG"\s*,\s*"?(\d+)"?/i.exec(wkt.slice(i, i + 40));
      if (m && (i === 0 || /[\s,]/.test(wkt[i - 1]!))) return Number(m[1]);
    }
  }
  return null;
}

/** The name of the WKT's root (its first quoted text). */
export function rootNameOfWkt(wkt: string): string | null {
  return /^\s*[A-Z_]+\s*[[(]\s*"([^"]*)"/i.exec(wkt)?.[1] ?? null;
}

function sameParameters(a: Crs, text: string): boolean {
  let projection: ParsedProjection;
  try {
    projection = new proj4.Proj(text) as unknown as ParsedProjection;
  } catch {
    return true; // proj4 cannot read it, but it names a CRS we know: trust the name.
  }
  if (a.geographic) return projection.projName === 'longlat';
  const tm = transverseMercatorOf(projection);
  if (!a.transverseMercator || !tm) return true; // not a transverse Mercator: the name decides.
  return Math.abs(tm.centralMeridian - a.transverseMercator.centralMeridian) < 1e-9 && Math.abs(tm.falseEasting - a.transverseMercator.falseEasting) < 1e-3;
}

/** A CRS from WKT (OGC WKT1/WKT2 or ESRI's `.prj`): a built-in EPSG when recognisable, else proj4's reading of it. */
export function crsFromWkt(wkt: string, location: ProblemLocation = {}): Result<Crs, CrsProblem> {
  const text = wkt.trim();
  const epsg = rootEpsgOfWkt(text);
  const byCode = epsg === null ? null : builtInDefinition(epsg);
  const name = rootNameOfWkt(text);
  const known = byCode ?? (name === null ? null : definitionByName(name));
  if (known) {
    const crs = fromDefinition(known);
    if (sameParameters(crs, text)) return success(crs);
  }
  return fromText(text, 'WKT', location);
}

/**
 * Any CRS a person or a file gives: `EPSG:4545` or `4545` (a number too), a proj string
 * (`+proj=…`), `CGCS2000:GK:CM=<degrees>[:FE=<metres>]`, or WKT.
 */
export function resolveCrs(spec: string | number, location: ProblemLocation = {}): Result<Crs, CrsProblem> {
  if (typeof spec === 'number') return crsFromEpsg(spec, location);
  const text = spec.trim();
  const epsg = /^(?:EPSG:)?(\d+)$/i.exec(text);
  if (epsg) return crsFromEpsg(Number(epsg[1]), location);
  const custom = CUSTOM_GAUSS_KRUGER.exec(text);
  if (custom) {
    const cm = Number(custom[1]);
    if (!(cm >= -180 && cm <= 180)) return failure([unreadable(text, `central meridian ${cm} is not between −180 and 180`, location)]);
    return success(fromDefinition(customGaussKrugerDefinition(cm, custom[2] === undefined ? undefined : Number(custom[2]))));
  }
  if (text.startsWith('+')) return fromText(text, 'proj', location);
  if (/^[A-Z_]+\s*[[(]/i.test(text)) return crsFromWkt(text, location);
  if (text === '') return failure([unreadable(text, 'empty', location)]);
  const byName = definitionByName(text);
  if (byName) return success(fromDefinition(byName));
  return failure([unreadable(text, 'not an EPSG code, proj string or WKT', location)]);
}
