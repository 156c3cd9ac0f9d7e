/**
 * `handover.json`: what a district says about the files it hands over, so they go in as
 * delivered (issue 17) — under their own names (建筑物.shp), in their own CRS
 * (CGCS2000 Gauss-Krüger metres), code page (GBK) and field names (建筑编号, 层数 …).
 * The file marks the folder as a district's: `npm start` then never writes the sample
 * into it, and builds everything from what it lists.
 *
 * Every setting may be given for the whole hand-over and overridden per file. A CRS
 * fills in for a file that declares none (no `.prj`, a GeoJSON in metres); a file that
 * declares another one is refused with both named, since which is right is not ours to
 * guess. A code page overrides the `.cpg` (a wrong `.cpg` is common; the reader still
 * refuses text that comes out as mojibake).
 *
 * ```json
 * {
 *   "name": "渝中区住建委 2026-11 交付",
 *   "crs": "EPSG:4545",
 *   "encoding": "gbk",
 *   "mapping": "mapping.json",
 *   "files": {
 *     "buildings": "建筑物.shp",
 *     "lifelines": { "path": "管线.gpkg", "layer": "给水管段" },
 *     "areas": { "path": "片区.geojson", "datum": "gcj02" },
 *     "dem": "dem_cgcs2000.tif",
 *     "archive": "房屋安全档案.csv"
 *   }
 * }
 * ```
 */
import { z } from 'zod';
import { EXCHANGE_ROLES, type HandoverRole } from './exchange-files.ts';

/** Web map datums whose coordinates are shifted from WGS84 on purpose (GCJ-02 by law, BD-09 by Baidu). */
export const SHIFTED_DATUMS = ['gcj02', 'bd09'] as const;
export type ShiftedDatum = (typeof SHIFTED_DATUMS)[number];

/** How one file is to be read; every field optional (the file's own declaration, then the hand-over's default). */
export const FileReadSettingsSchema = z.strictObject({
  /** `EPSG:4545`, a proj string or WKT: the file's CRS when it declares none, or a wrong one. */
  crs: z.string().min(1).optional(),
  /** The coordinates are GCJ-02 or BD-09 and are converted to WGS84; without it nothing is ever shifted. */
  datum: z.enum(SHIFTED_DATUMS).optional(),
  /** Code page of a DBF or CSV (`gbk`, `gb18030`, `utf-8`) when the file does not say or says wrongly. */
  encoding: z.string().min(1).optional(),
});
export type FileReadSettings = z.infer<typeof FileReadSettingsSchema>;

/** How one source file is to be read, as a build step or a command passes it to a reader. */
export interface SourceReadSettings extends FileReadSettings {
  /** GeoPackage layer (table). */
  layer?: string;
  /** The field mapping file (src/sources/field-mapping), absolute. */
  mappingFile?: string;
}

export const HandoverFileSchema = z.union([
  z.string().min(1),
  FileReadSettingsSchema.extend({
    /** Relative to the hand-over folder. */
    path: z.string().min(1),
    /** GeoPackage layer (table) when the file holds several. */
    layer: z.string().min(1).optional(),
  }),
]);
export type HandoverFile = z.infer<typeof HandoverFileSchema>;

const roleKeys = Object.keys(EXCHANGE_ROLES) as [HandoverRole, ...HandoverRole[]];

export const HandoverSchema = FileReadSettingsSchema.extend({
  /** Shown in `sources:check` and the build log. */
  name: z.string().optional(),
  /** The field mapping file (src/sources/field-mapping), relative to the folder. */
  mapping: z.string().min(1).optional(),
  /** The file of each role, relative to the folder; a role not named is looked for by its default name. */
  files: z.partialRecord(z.enum(roleKeys), HandoverFileSchema).optional(),
});
export type Handover = z.infer<typeof HandoverSchema>;
