/**
 * Reads one feature table of a GeoPackage (OGC 12-128r18, an SQLite file) as a
 * `VectorSource`: features in the table's own coordinates, the CRS as its
 * `gpkg_spatial_ref_sys` row declares it (organization EPSG → `epsg`, `definition` →
 * `wkt`), attributes as stored (text is UTF-8 by the standard) (issue 17: surveying
 * bureaus hand over GeoPackages in CGCS2000 Gauss-Krüger metres).
 *
 * Opened with better-sqlite3, read-only (the file is never written, no journal is
 * created): the one module under src/sources allowed to import it (an exception in
 * `.dependency-cruiser.cjs`'s `sqlite-only-in-its-store`, because a GeoPackage IS an
 * SQLite file, not the archive's store). Rows are streamed with `.iterate()`, so a
 * large table is never held at once; each `features()` call opens its own read-only
 * connection and closes it when the stream ends or is abandoned.
 *
 * The layer: `layer` when given, else the only feature table (`gpkg_contents`,
 * data_type `features`, joined with `gpkg_geometry_columns`), else the one whose name
 * matches a role hint of the caller (`buildings`, `pipes` …), else the file is refused
 * with the list of layers and the fix (`--layer`). Attributes are every column but
 * the geometry and the primary key (the fid, kept as the feature's own id, which
 * RawFeature uses when there is no `id` attribute); NULL and blank text → absent
 * (as in a Shapefile, where a DBF cannot tell them apart), BOOLEAN columns
 * (0/1 by the standard) → booleans. Geometry blobs: `geopackage-geometry.ts`.
 *
 * Speed: the same 100,000 five-vertex polygons with 4 attributes as the Shapefile
 * reader's figure (25 MB .gpkg by ogr2ogr) are read in 0.36–0.59 s: 165,000–270,000
 * features/s, at 150 MB RSS (2 cores shared, load 3–8, 2026-12-02, a throwaway
 * script; the streamed GeoJSON reader: 59,000–78,000 features/s). Of that, better-sqlite3
 * stepping the rows is 3.5 µs a row and `wkx` 0.8–1 µs (measured apart, 100k rows:
 * 350 ms and 80–100 ms), so a WKB reader of our own would save at most 5%: wkx is kept.
 * Through `readFootprints` (CRS, proj4, field mapping), EPSG:4544 with Chinese fields:
 * 53,400 features/s (median of 5; 28,400–79,800, CPU 2.1 s) against 41,000
 * (24,400–65,600, CPU 2.4 s) before the issue 17 speed work, run in turns under a load
 * of 3.4–5 (`npm run bench:sources`, 2026-12-02).
 */
import { stat } from 'node:fs/promises';
import Database from 'better-sqlite3';
import { describeReadError, fileErrorCode } from '../../core/file-read-error.ts';
import { failure, success, type Result } from '../../core/result.ts';
import { isBlank } from '../blank-text.ts';
import type { RawFeature } from '../raw-feature.ts';
import { GeoPackageGeometryError, geoPackageGeometry } from './geopackage-geometry.ts';
import { FEATURE_BATCH, unbatched, VectorReadError, vectorProblem, type DeclaredCrs, type VectorSource, type VectorSourceProblem } from './vector-source.ts';

export interface GeoPackageOptions {
  /** The feature table to read (case-insensitive). Default: the only one, else the one matching `roleHints`. */
  layer?: string;
  /**
   * Names the caller's role goes by (e.g. `['buildings', 'building', '建筑']`): when
   * the file has several feature tables and no `layer` is given, the one whose name
   * equals a hint (case-insensitive), else the only one containing a hint, is read.
   */
  roleHints?: readonly string[];
}

/** One feature table of the file, as `gpkg_contents` and `gpkg_geometry_columns` list it. */
export interface GeoPackageLayer {
  name: string;
  geometryColumn: string;
  /** `gpkg_geometry_columns.geometry_type_name`: POLYGON, MULTIPOLYGON, LINESTRING, GEOMETRY … */
  geometryType: string;
  srsId: number;
}

const WHAT = { zh: ' GeoPackage 文件', en: 'GeoPackage file' };

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

function listLayers(db: Database.Database): GeoPackageLayer[] {
  return db
    .prepare(
      `SELECT c.table_name AS name, g.column_name AS geometryColumn, g.geometry_type_name AS geometryType, g.srs_id AS srsId
         FROM gpkg_contents c JOIN gpkg_geometry_columns g ON g.table_name = c.table_name
        WHERE c.data_type = 'features' ORDER BY c.table_name`,
    )
    .all() as GeoPackageLayer[];
}

/** The layer to read, or null when it cannot be told (several, no match). */
export function chooseLayer(layers: readonly GeoPackageLayer[], options: GeoPackageOptions): GeoPackageLayer | null {
  if (options.layer !== undefined) return layers.find((l) => l.name.toLowerCase() === options.layer!.toLowerCase()) ?? null;
  if (layers.length === 1) return layers[0]!;
  const hints = (options.roleHints ?? []).map((h) => h.toLowerCase());
  const equal = layers.filter((l) => hints.includes(l.name.toLowerCase()));
  if (equal.length === 1) return equal[0]!;
  const containing = layers.filter((l) => hints.some((h) => l.name.toLowerCase().includes(h)));
  return containing.length === 1 ? containing[0]! : null;
}

function declaredCrs(db: Database.Database, srsId: number): DeclaredCrs {
  const row = db.prepare('SELECT organization, organization_coordsys_id AS code, definition FROM gpkg_spatial_ref_sys WHERE srs_id = ?').get(srsId) as
    | { organization: string | null; code: number | null; definition: string | null }
    | undefined;
  if (!row) return { wkt: null, epsg: null };
  const wkt = row.definition && row.definition.trim().toLowerCase() !== 'undefined' ? row.definition.trim() : null;
  const epsg = row.organization?.toUpperCase() === 'EPSG' && typeof row.code === 'number' && row.code > 0 ? row.code : null;
  return { wkt, epsg };
}

interface Column {
  name: string;
  type: string;
  pk: number;
}

/**
 * Opens a GeoPackage and picks its layer (see the header): the source, or the
 * file-level problem (bilingual, naming the file and the layers, with the fix).
 */
export async function openGeoPackage(path: string, options: GeoPackageOptions = {}): Promise<Result<VectorSource, VectorSourceProblem>> {
  try {
    await stat(path);
  } catch (error) {
    return failure([vectorProblem(path, fileErrorCode(error) === 'ENOENT' ? 'missing-file' : 'unreadable', describeReadError(path, error, WHAT).slice(path.length + 2))]);
  }
  const notGpkg = (why: string) =>
    failure([vectorProblem(path, 'not-geopackage', `不是 GeoPackage（${why}） / not a GeoPackage (${why})`, '用 GIS 软件导出为 GeoPackage（.gpkg） / export the layer from the GIS as a GeoPackage (.gpkg)')]);
  let db: Database.Database;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
  } catch (error) {
    return notGpkg((error as Error).message);
  }
  try {
    let layers: GeoPackageLayer[];
    try {
      const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name IN ('gpkg_contents', 'gpkg_geometry_columns', 'gpkg_spatial_ref_sys')`).all();
      if (tables.length < 3) return notGpkg('没有 gpkg_contents / gpkg_geometry_columns / gpkg_spatial_ref_sys 表 / no gpkg_contents, gpkg_geometry_columns, gpkg_spatial_ref_sys tables');
      layers = listLayers(db);
    } catch (error) {
      return notGpkg((error as Error).message);
    }
    const names = layers.map((l) => l.name).join(', ');
    if (layers.length === 0) {
      return failure([vectorProblem(path, 'no-feature-table', '没有要素表（gpkg_contents 中没有 features 类型的表） / no feature table (gpkg_contents lists no table of data_type "features")', '导出含几何的图层（而非纯属性表或栅格） / export a layer with geometry (not an attribute-only table or a raster)')]);
    }
    const layer = chooseLayer(layers, options);
    if (!layer) {
      return options.layer !== undefined
        ? failure([vectorProblem(path, 'unknown-layer', `没有名为“${options.layer}”的要素表，现有：${names} / no feature table named "${options.layer}"; the file has: ${names}`, `用 --layer 指定其中之一 / give one of them with --layer`, { layer: options.layer })])
        : failure([vectorProblem(path, 'several-layers', `有 ${layers.length} 个要素表，无法确定读取哪一个：${names} / ${layers.length} feature tables, and none is the obvious one: ${names}`, `用 --layer 指定，如 --layer ${layers[0]!.name} / choose one with --layer, e.g. --layer ${layers[0]!.name}`)]);
    }
    const columns = db.prepare(`PRAGMA table_info(${quote(layer.name)})`).all() as Column[];
    const keys = columns.filter((c) => c.pk > 0);
    const fid = keys.length === 1 ? keys[0]!.name : null;
    const attributes = columns.filter((c) => c.pk === 0 && c.name !== layer.geometryColumn);
    const boolean = attributes.map((c) => c.type.toUpperCase() === 'BOOLEAN');
    const count = (db.prepare(`SELECT COUNT(*) AS n FROM ${quote(layer.name)}`).get() as { n: number }).n;
    const crs = declaredCrs(db, layer.srsId);
    const select = `SELECT ${[fid ?? 'rowid', layer.geometryColumn, ...attributes.map((c) => c.name)].map(quote).join(', ')} FROM ${quote(layer.name)}`;
    const fields = attributes.map((c) => c.name);

    async function* batches(): AsyncGenerator<RawFeature[]> {
      const connection = new Database(path, { readonly: true, fileMustExist: true });
      try {
        const rows = connection.prepare(select).raw(true).iterate() as IterableIterator<unknown[]>;
        let index = 0;
        let batch: RawFeature[] = [];
        for (const row of rows) {
          const [key, blob] = row;
          let geometry;
          try {
            geometry = geoPackageGeometry((blob as Uint8Array | null) ?? null);
          } catch (error) {
            if (!(error instanceof GeoPackageGeometryError)) throw error;
            // The features before the broken one are given out first, as one by one.
            if (batch.length > 0) yield batch;
            batch = [];
            throw new VectorReadError(
              vectorProblem(path, 'bad-geometry', `图层 ${layer!.name} 的要素 fid ${String(key)} 的几何无法解码（${error.message}） / the geometry of feature fid ${String(key)} of layer ${layer!.name} cannot be decoded (${error.message})`, '用 GIS 软件修复该要素或重新导出 / repair that feature or export the layer again', { layer: layer!.name, index }),
            );
          }
          const properties: Record<string, unknown> = {};
          for (let i = 0; i < fields.length; i++) {
            const value = row[i + 2];
            if (value === null || value === undefined || (typeof value === 'string' && isBlank(value))) continue;
            properties[fields[i]!] = boolean[i] && typeof value === 'number' ? value !== 0 : value;
          }
          batch.push({ index: index++, id: properties.id ?? key, geometry, properties });
          if (batch.length === FEATURE_BATCH) {
            yield batch;
            batch = [];
          }
        }
        if (batch.length > 0) yield batch;
      } finally {
        connection.close();
      }
    }

    return success({ format: 'geopackage', path, layer: layer.name, crs, encoding: { name: 'utf-8', from: 'utf-8 (GeoPackage)' }, fields, count, batches, features: () => unbatched(batches()) });
  } catch (error) {
    return failure([vectorProblem(path, 'unreadable', describeReadError(path, error, WHAT).slice(path.length + 2))]);
  } finally {
    db.close();
  }
}
