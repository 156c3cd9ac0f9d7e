/**
 * The district's exchange contract: the files a district hands over (and `npm run sample`
 * writes) into the source folder (`var/source/`, never served), by role. Every part that
 * reads or writes them names them from here, so the sample generator, the importers and
 * the build steps cannot disagree on a file name. It lived in src/pipeline/sample/ until
 * the archive and the build plan had to import the sample generator's folder to find it.
 */
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
