/**
 * The coordinate systems a Chinese district hands over, as proj4 definitions registered
 * with proj4 under their EPSG codes (issue 17): the projection maths is proj4's, this
 * module only names the parameters. Built in, because a `.prj` or a GeoTIFF usually
 * names its CRS by EPSG code or by name only, and a district must not need a network
 * lookup or a GDAL install to import its files:
 *
 * - EPSG:4326 WGS 84 and EPSG:4490 CGCS2000 (geographic lon/lat);
 * - CGCS2000 Gauss-Krüger (transverse Mercator, scale 1, GRS 80 ellipsoid):
 *   - 4491–4501: 6° zones 13–23, central meridian 6·zone − 3 (75E–135E), false easting
 *     zone·1 000 000 + 500 000 (the zone number in front of the easting);
 *   - 4502–4512: 6°, central meridian 75E–135E, false easting 500 000 (no prefix);
 *   - 4513–4533: 3° zones 25–45, central meridian 3·zone (75E–135E), false easting
 *     zone·1 000 000 + 500 000;
 *   - 4534–4554: 3°, central meridian 75E–135E, false easting 500 000 (no prefix).
 *   Every built-in code (all 186, UTM included) was checked against GDAL 3.6.2
 *   (`gdalsrsinfo EPSG:N -o proj4`: proj, lon_0, x_0, k, zone, south, ellps, datum
 *   compared, all equal; e.g. 4545 → lon_0=108 x_0=500000, 4524 → lon_0=108
 *   x_0=36500000); the committed reference points (tests/fixtures/crs/) hold GDAL's
 *   conversions for several of them.
 * - WGS 84 / UTM north 32601–32660 and south 32701–32760;
 * - a custom central meridian: `CGCS2000:GK:CM=106.5` (false easting 500 000) or
 *   `CGCS2000:GK:CM=106.5:FE=36500000`, for a district's local Gauss-Krüger grid.
 *
 * CGCS2000 and WGS 84 are taken as one datum: they differ by centimetres (DOMAIN.md,
 * `geotiff-dem-reader.ts`), below what a city model shows, and GDAL/PROJ itself
 * converts between them with a null transformation (EPSG:4490 → 4326 leaves the
 * numbers unchanged). CGCS2000's GRS 80 and WGS 84's ellipsoids differ by 0.1 mm in the
 * semi-minor axis, which proj4 carries through.
 */
import proj4 from 'proj4';

export interface CrsDefinition {
  /** The EPSG code, or null for a custom central meridian. */
  epsg: number | null;
  /** The code as a person writes it: `EPSG:4545`, `CGCS2000:GK:CM=106.5`. */
  code: string;
  /** The EPSG name, e.g. `CGCS2000 / 3-degree Gauss-Kruger CM 108E`. */
  name: string;
  /** Other names files use for it (ESRI's `.prj` names), for recognising a WKT. */
  aliases: readonly string[];
  /** The proj4 definition string. */
  proj: string;
  geographic: boolean;
}

const gaussKruger = (centralMeridian: number, falseEasting: number): string =>
  `+proj=tmerc +lat_0=0 +lon_0=${centralMeridian} +k=1 +x_0=${falseEasting} +y_0=0 +ellps=GRS80 +units=m +no_defs`;

function definitions(): CrsDefinition[] {
  const out: CrsDefinition[] = [
    { epsg: 4326, code: 'EPSG:4326', name: 'WGS 84', aliases: ['GCS_WGS_1984', 'WGS84'], proj: '+proj=longlat +datum=WGS84 +no_defs', geographic: true },
    {
      epsg: 4490,
      code: 'EPSG:4490',
      name: 'China Geodetic Coordinate System 2000',
      aliases: ['CGCS2000', 'GCS_China_Geodetic_Coordinate_System_2000'],
      proj: '+proj=longlat +ellps=GRS80 +no_defs',
      geographic: true,
    },
  ];
  for (let zone = 13; zone <= 23; zone++) {
    const cm = 6 * zone - 3;
    out.push({ epsg: 4491 + zone - 13, code: `EPSG:${4491 + zone - 13}`, name: `CGCS2000 / Gauss-Kruger zone ${zone}`, aliases: [`CGCS2000_GK_Zone_${zone}`], proj: gaussKruger(cm, zone * 1_000_000 + 500_000), geographic: false });
  }
  for (let i = 0; i <= 10; i++) {
    const cm = 75 + 6 * i;
    out.push({ epsg: 4502 + i, code: `EPSG:${4502 + i}`, name: `CGCS2000 / Gauss-Kruger CM ${cm}E`, aliases: [`CGCS2000_GK_CM_${cm}E`], proj: gaussKruger(cm, 500_000), geographic: false });
  }
  for (let zone = 25; zone <= 45; zone++) {
    const cm = 3 * zone;
    out.push({ epsg: 4513 + zone - 25, code: `EPSG:${4513 + zone - 25}`, name: `CGCS2000 / 3-degree Gauss-Kruger zone ${zone}`, aliases: [`CGCS2000_3_Degree_GK_Zone_${zone}`], proj: gaussKruger(cm, zone * 1_000_000 + 500_000), geographic: false });
  }
  for (let i = 0; i <= 20; i++) {
    const cm = 75 + 3 * i;
    out.push({ epsg: 4534 + i, code: `EPSG:${4534 + i}`, name: `CGCS2000 / 3-degree Gauss-Kruger CM ${cm}E`, aliases: [`CGCS2000_3_Degree_GK_CM_${cm}E`], proj: gaussKruger(cm, 500_000), geographic: false });
  }
  for (let zone = 1; zone <= 60; zone++) {
    for (const [base, hemisphere, south] of [[32600, 'N', ''], [32700, 'S', ' +south']] as const) {
      out.push({ epsg: base + zone, code: `EPSG:${base + zone}`, name: `WGS 84 / UTM zone ${zone}${hemisphere}`, aliases: [`WGS_1984_UTM_Zone_${zone}${hemisphere}`], proj: `+proj=utm +zone=${zone}${south} +datum=WGS84 +units=m +no_defs`, geographic: false });
    }
  }
  return out;
}

const BY_EPSG: ReadonlyMap<number, CrsDefinition> = new Map(definitions().map((d) => [d.epsg!, d]));

/** Names compared without case, spaces or punctuation: `CGCS2000 / 3-degree Gauss-Kruger CM 105E` = `cgcs20003degreegausskrugercm105e`. */
export function normaliseCrsName(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

const BY_NAME: ReadonlyMap<string, CrsDefinition> = new Map(
  [...BY_EPSG.values()].flatMap((d) => [d.name, ...d.aliases].map((n) => [normaliseCrsName(n), d] as const)),
);

for (const d of BY_EPSG.values()) proj4.defs(d.code, d.proj);

/** Every built-in EPSG code, ascending. */
export const BUILT_IN_EPSG: readonly number[] = [...BY_EPSG.keys()].sort((a, b) => a - b);

/** The built-in definition of an EPSG code, or null when it is not built in. */
export function builtInDefinition(epsg: number): CrsDefinition | null {
  return BY_EPSG.get(epsg) ?? null;
}

/** The built-in definition a CRS name stands for (EPSG or ESRI spelling), or null. */
export function definitionByName(name: string): CrsDefinition | null {
  return BY_NAME.get(normaliseCrsName(name)) ?? null;
}

/** The CGCS2000 Gauss-Krüger EPSG code with this central meridian, zone prefix or not, and zone width; null when there is none. */
export function gaussKrugerEpsg(centralMeridian: number, prefixed: boolean, degrees: 3 | 6): number | null {
  if (degrees === 3) {
    const i = (centralMeridian - 75) / 3;
    if (!Number.isInteger(i) || i < 0 || i > 20) return null;
    return (prefixed ? 4513 : 4534) + i;
  }
  const i = (centralMeridian - 75) / 6;
  if (!Number.isInteger(i) || i < 0 || i > 10) return null;
  return (prefixed ? 4491 : 4502) + i;
}

/** The syntax of a custom central meridian: `CGCS2000:GK:CM=<degrees>[:FE=<metres>]`. */
export const CUSTOM_GAUSS_KRUGER = /^CGCS2000:GK:CM=(-?\d+(?:\.\d+)?)(?::FE=(\d+(?:\.\d+)?))?$/i;

/** A CGCS2000 Gauss-Krüger definition with any central meridian (false easting 500 000 m unless given). */
export function customGaussKrugerDefinition(centralMeridian: number, falseEasting = 500_000): CrsDefinition {
  const fe = falseEasting === 500_000 ? '' : `:FE=${falseEasting}`;
  return {
    epsg: null,
    code: `CGCS2000:GK:CM=${centralMeridian}${fe}`,
    name: `CGCS2000 / Gauss-Kruger CM ${centralMeridian}E, false easting ${falseEasting} m`,
    aliases: [],
    proj: gaussKruger(centralMeridian, falseEasting),
    geographic: false,
  };
}
