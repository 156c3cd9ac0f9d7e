/**
 * A GeoPackage geometry blob (OGC 12-128r18 §2.1.3, "GeoPackageBinary") → GeoJSON
 * geometry: the header — magic `GP`, version 0, flags (bit 0 byte order of the header,
 * bits 1–3 the envelope type 0–4 and so its length 0/32/48/48/64 bytes, bit 4 empty,
 * bit 5 extended type), the srs_id — then standard WKB, read by `wkx` (0.5.0), which
 * knows the ISO Z/M type codes ogr2ogr writes (PolygonZ 1003, MultiPolygonZ 1006 …) as
 * well as EWKB. Coordinates come out as stored (Z kept as the third number).
 */
import type { Geometry as GeoJsonGeometry } from 'geojson';
import wkx from 'wkx';

/** Envelope bytes per envelope type (none, xy, xyz, xym, xyzm). */
const ENVELOPE_BYTES = [0, 32, 48, 48, 64];

/** Why a blob is not a GeoPackage geometry. */
export class GeoPackageGeometryError extends Error {}

/** The geometry of a blob, or null when the blob (or its empty flag) says empty. Throws GeoPackageGeometryError for a blob that is not one. */
export function geoPackageGeometry(blob: Uint8Array | null): GeoJsonGeometry | null {
  if (blob === null) return null;
  if (blob.length < 8 || blob[0] !== 0x47 || blob[1] !== 0x50) throw new GeoPackageGeometryError('no "GP" header');
  if (blob[2] !== 0) throw new GeoPackageGeometryError(`version ${blob[2]}`);
  const flags = blob[3]!;
  if (flags & 0x20) throw new GeoPackageGeometryError('extended geometry type');
  if (flags & 0x10) return null;
  const envelope = ENVELOPE_BYTES[(flags >> 1) & 0x07];
  if (envelope === undefined) throw new GeoPackageGeometryError(`envelope type ${(flags >> 1) & 0x07}`);
  const start = 8 + envelope;
  if (blob.length <= start) throw new GeoPackageGeometryError('no WKB after the header');
  const wkb = Buffer.from(blob.buffer, blob.byteOffset + start, blob.length - start);
  try {
    return wkx.Geometry.parse(wkb).toGeoJSON() as GeoJsonGeometry;
  } catch (error) {
    throw new GeoPackageGeometryError(`WKB: ${(error as Error).message}`);
  }
}
