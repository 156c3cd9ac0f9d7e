/**
 * The district's exchange contract: the files a district hands over (and `npm run sample`
 * writes) into the source folder (`var/source/`, never served), by role. Every part that
 * reads or writes them names them from here, so the sample generator, the importers and
 * the build steps cannot disagree on a file name. It lived in src/pipeline/sample/ until
 * the archive and the build plan had to import the sample generator's folder to find it.
 *
 * Issue 17: a district delivers the same roles in its own formats and under its own
 * names (建筑物.shp, 管线.gpkg, 档案.csv in GBK). `EXCHANGE_ROLES` says which formats each
 * role accepts; a folder with a `handover.json` (src/core/handover.ts) names its files,
 * and without one a role's file is found by the sample's base name with any accepted
 * extension (`buildings.shp` as well as `buildings.geojson`).
 */

/** The file names the sample writes, and the default names of a hand-over. */
export const EXCHANGE_FILES = {
  dem: 'dem.tif',
  roads: 'roads.geojson',
  buildings: 'buildings.geojson',
  archiveCsv: 'archive.csv',
  archiveXlsx: 'archive.xlsx',
  lifelines: 'lifelines.geojson',
  areas: 'areas.geojson',
  rail: 'rail.geojson',
} as const;
export type ExchangeFileRole = keyof typeof EXCHANGE_FILES;

/** Vector containers every feature role accepts (GeoJSON, FlatGeobuf, Shapefile, GeoPackage). */
export const VECTOR_EXTENSIONS = ['.geojson', '.json', '.fgb', '.shp', '.gpkg'] as const;

/** One role of a hand-over: what it is, which formats it may come in, whether a build needs it. */
export interface ExchangeRole {
  /** zh-CN / English, for messages and `sources:check`. */
  what: { zh: string; en: string };
  /** Base name looked for when no `handover.json` names the file. */
  baseName: string;
  /** Accepted extensions, lower case, with the dot. */
  extensions: readonly string[];
  /** A build cannot go on without it. */
  required: boolean;
}

/** The roles a hand-over folder may fill (the sample fills all of them). */
export const EXCHANGE_ROLES = {
  dem: { what: { zh: '数字高程模型', en: 'DEM' }, baseName: 'dem', extensions: ['.tif', '.tiff', '.hgt'], required: true },
  buildings: { what: { zh: '建筑轮廓', en: 'building footprints' }, baseName: 'buildings', extensions: VECTOR_EXTENSIONS, required: true },
  lifelines: { what: { zh: '地下管线', en: 'pipe segments' }, baseName: 'lifelines', extensions: VECTOR_EXTENSIONS, required: false },
  areas: { what: { zh: '更新片区', en: 'renewal areas' }, baseName: 'areas', extensions: VECTOR_EXTENSIONS, required: false },
  // Roads and rail only draw the basemap and an overlay (rail is OpenStreetMap's, in lon/lat): GeoJSON only.
  roads: { what: { zh: '道路', en: 'roads' }, baseName: 'roads', extensions: ['.geojson', '.json'], required: false },
  rail: { what: { zh: '轨道线路', en: 'rail lines' }, baseName: 'rail', extensions: ['.geojson', '.json'], required: false },
  archive: { what: { zh: '房屋安全档案表', en: 'archive table' }, baseName: 'archive', extensions: ['.csv', '.xlsx'], required: false },
} as const satisfies Record<string, ExchangeRole>;
export type HandoverRole = keyof typeof EXCHANGE_ROLES;
export const HANDOVER_ROLES = Object.keys(EXCHANGE_ROLES) as HandoverRole[];

/** The manifest that marks a folder as a district's hand-over (src/core/handover.ts). */
export const HANDOVER_MANIFEST = 'handover.json';
