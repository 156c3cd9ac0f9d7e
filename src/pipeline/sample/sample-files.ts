/** The files `npm run sample` writes into the source folder (`var/source/`, never served), by role. */
export const SAMPLE_FILES = {
  dem: 'dem.tif',
  roads: 'roads.geojson',
  buildings: 'buildings.geojson',
  archiveCsv: 'archive.csv',
  archiveXlsx: 'archive.xlsx',
  lifelines: 'lifelines.geojson',
  areas: 'areas.geojson',
  rail: 'rail.geojson',
} as const;
export type SampleFileRole = keyof typeof SAMPLE_FILES;
