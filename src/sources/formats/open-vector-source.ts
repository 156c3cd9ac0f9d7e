/**
 * One entry for the footprint, pipe and area readers: a Shapefile or a GeoPackage,
 * told apart by extension (case-insensitive, as Windows tools write `BUILDINGS.SHP`),
 * opened as a `VectorSource`. GeoJSON and FlatGeobuf stay with their readers
 * (`../footprint-reader.ts`): they are lon/lat UTF-8 by their own specifications.
 */
import { extname } from 'node:path';
import { failure, type Result } from '../../core/result.ts';
import { openGeoPackage, type GeoPackageOptions } from './geopackage-reader.ts';
import { openShapefile, type ShapefileOptions } from './shapefile-reader.ts';
import { vectorProblem, type VectorFormat, type VectorSource, type VectorSourceProblem } from './vector-source.ts';

/** `shapefile` for `.shp` (or a sibling: `.dbf`, `.shx`, `.prj`, `.cpg`), `geopackage` for `.gpkg`, else null. */
export function vectorFormat(path: string): VectorFormat | null {
  const ext = extname(path).toLowerCase();
  if (['.shp', '.dbf', '.shx', '.prj', '.cpg'].includes(ext)) return 'shapefile';
  if (ext === '.gpkg') return 'geopackage';
  return null;
}

/** Options of both readers; each reads its own (`encoding` the Shapefile's, `layer` and `roleHints` the GeoPackage's). */
export interface VectorSourceOptions extends ShapefileOptions, GeoPackageOptions {}

export async function openVectorSource(path: string, options: VectorSourceOptions = {}): Promise<Result<VectorSource, VectorSourceProblem>> {
  const format = vectorFormat(path);
  if (format === 'shapefile') return openShapefile(path, options);
  if (format === 'geopackage') return openGeoPackage(path, options);
  return failure([vectorProblem(path, 'unsupported-format', '不是 Shapefile（.shp）或 GeoPackage（.gpkg） / neither a Shapefile (.shp) nor a GeoPackage (.gpkg)', '交 .shp（连同 .dbf、.prj、.cpg）或 .gpkg 文件 / hand over a .shp (with its .dbf, .prj, .cpg) or a .gpkg')]);
}
