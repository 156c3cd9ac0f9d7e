/**
 * What every vector hand-over container (Shapefile, GeoPackage) gives the readers of
 * footprints, pipes and areas: its features as `RawFeature`, in the file's OWN
 * coordinates (nothing is reprojected here: the CRS module does that from `crs`),
 * plus what the file itself says about its coordinate system and text encoding, so
 * `sources:check` can print it and the CRS module can interpret it (issue 17).
 *
 * Opening is where a whole file is refused (a `.shp` without its `.dbf`, a DBF in the
 * wrong code page, a GeoPackage with several layers and none chosen …): `open…`
 * returns `Result<VectorSource, VectorSourceProblem>` with bilingual messages that name
 * the file (and the field and record when it is one) and say what to do. Problems of
 * one feature's geometry stay for the validators; only a geometry that cannot be
 * decoded at all (a corrupt GeoPackage blob) stops the stream, thrown as a
 * `VectorReadError` carrying its problem, like the GeoJSON stream's `GeoJsonReadError`.
 */
import { ProblemError, type Problem } from '../../core/problem.ts';
import type { RawFeature } from '../raw-feature.ts';

export type VectorFormat = 'shapefile' | 'geopackage';

/** The CRS as the file declares it, not interpreted (the CRS module does that). */
export interface DeclaredCrs {
  /** The `.prj` text, or the GeoPackage `definition`; null when the file has none (or says "undefined"). */
  wkt: string | null;
  /** The EPSG code when the file states one: GeoPackage `organization` EPSG, or a `.prj` WKT's root `AUTHORITY["EPSG", …]`. */
  epsg: number | null;
}

/** Which code page the attribute text was decoded with, and who said so. */
export interface DeclaredEncoding {
  /** The WHATWG `TextDecoder` name used: `utf-8`, `gbk` (decoded as GB18030, its superset), `gb18030`, `windows-1252`, … */
  name: string;
  from: 'cpg' | 'option' | 'detected' | 'utf-8 (GeoPackage)';
}

export interface VectorSource {
  format: VectorFormat;
  /** The main file as found on disk (for a Shapefile, the `.shp` in its real case). */
  path: string;
  /** The GeoPackage table read; absent for a Shapefile. */
  layer?: string;
  crs: DeclaredCrs;
  encoding: DeclaredEncoding | null;
  /** Attribute names in the file's order (the geometry and the GeoPackage primary key left out). */
  fields: string[];
  /** Features the file says it holds (deleted DBF records not counted), or null when unknown. */
  count: number | null;
  /**
   * The features, streamed, each call reading the file anew. Null and empty attribute
   * values are absent properties. `id` follows RawFeature's rule: `properties.id`, else
   * the feature's own id (a GeoPackage's fid; a Shapefile has none).
   */
  features(): AsyncGenerator<RawFeature>;
  /**
   * The same features in arrays of up to `FEATURE_BATCH` (the last may be shorter),
   * for readers that go on converting them: one await per batch, not per feature.
   */
  batches(): AsyncGenerator<RawFeature[]>;
}

/**
 * Features per batch. An await per feature through the readers' layers (container,
 * CRS and mapping, error translation) cost about 10 µs a feature, a third of reading
 * a GeoPackage (2026-12-02, 100k footprints).
 */
export const FEATURE_BATCH = 1024;

/** One at a time, from batches. */
export async function* unbatched<T>(batches: AsyncIterable<T[]>): AsyncGenerator<T> {
  for await (const batch of batches) for (const item of batch) yield item;
}

export type VectorSourceReason =
  | 'missing-file'
  | 'unreadable'
  | 'missing-dbf'
  | 'record-count-mismatch'
  | 'not-shapefile'
  | 'unsupported-shape-type'
  | 'unsupported-field-type'
  | 'unknown-code-page'
  | 'wrong-code-page'
  | 'mojibake'
  | 'mixed-code-pages'
  | 'not-geopackage'
  | 'no-feature-table'
  | 'several-layers'
  | 'unknown-layer'
  | 'bad-geometry'
  | 'unsupported-format';

/** The core Problem shape for a vector file: `file` always, `layer` for a GeoPackage, `index` (0-based record) and `column` (field) when the problem is one value. */
export interface VectorSourceProblem extends Problem<VectorSourceReason> {
  file: string;
  layer?: string;
}

export function vectorProblem(
  file: string,
  reason: VectorSourceReason,
  message: string,
  fix?: string,
  where: { layer?: string; index?: number; column?: string | null } = {},
): VectorSourceProblem {
  const problem: VectorSourceProblem = { file, reason, message: `${file}: ${message}`, ...where };
  if (fix !== undefined) problem.fix = fix;
  return problem;
}

/** A `VectorSourceProblem` thrown out of `features()` (a geometry that cannot be decoded at all); `message` is the problem's. */
export class VectorReadError extends ProblemError<VectorSourceProblem> {
  override readonly name = 'VectorReadError';
}
