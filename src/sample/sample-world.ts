/**
 * `npm run sample`: the whole generated Yuzhong, written in the exchange formats a
 * district would hand over (GeoTIFF, GeoJSON, CSV, XLSX) so every importer downstream
 * is exercised on them. Deterministic: the same seed gives the same bytes.
 *
 * Order: outline → land and water → DEM → terrain raster → streets → buildings →
 * archive, lifelines, renewal areas, rail. Files are written into a temporary folder
 * beside `outDir` and swapped in at the end, so an interrupted run never leaves a
 * half-written sample behind.
 */
import { existsSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateArchive } from './archive-generator.ts';
import { writeArchiveCsv, writeArchiveXlsx } from './archive-writer.ts';
import { generateAreas } from './area-generator.ts';
import { generateBuildings } from './building-generator.ts';
import { footprintAreaM2 } from './building-metrics.ts';
import { generateDem } from './dem-generator.ts';
import { createLandWaterModel, loadDistrictOutline } from './district-outline.ts';
import { writeGeoTiff } from './geotiff-writer.ts';
import { generateLifelines } from './lifeline-generator.ts';
import { copyRailLines } from './rail-copy.ts';
import { generateRoads } from './road-generator.ts';
import { EXCHANGE_FILES } from '../core/exchange-files.ts';
import { buildTerrainRaster } from './terrain-raster.ts';

const REFERENCE_DIR = fileURLToPath(new URL('./reference/', import.meta.url));

export interface SampleWorldOptions {
  /** Seed of every random stream. Default `yuzhong`. */
  seed?: string;
  /** Folder the files land in (replaced as a whole). */
  outDir: string;
  /** Folder holding the reference outlines and rail lines. Default: the copy in the repo. */
  referenceDir?: string;
  /** Called with a line per finished stage. */
  progress?: (message: string) => void;
}

export interface SampleWorldSummary {
  seed: string;
  files: Record<keyof typeof EXCHANGE_FILES, string>;
  buildings: number;
  floorAreaM2: number;
  roads: number;
  lifelineSegments: number;
  areas: number;
  seconds: number;
}

/** GeoJSON text, one feature per line: diff-friendly, and stable for the same input. */
export function geojsonText(collection: { type: 'FeatureCollection'; features: readonly unknown[] }): string {
  const { features, ...head } = collection;
  const lines = features.map((f) => JSON.stringify(f));
  const headText = JSON.stringify(head).slice(0, -1);
  return `${headText},"features":[\n${lines.join(',\n')}\n]}\n`;
}

export async function generateSampleWorld(options: SampleWorldOptions): Promise<SampleWorldSummary> {
  const seed = options.seed ?? 'yuzhong';
  const referenceDir = options.referenceDir ?? REFERENCE_DIR;
  const progress = options.progress ?? (() => {});
  const started = performance.now();
  const stage = (message: string) => progress(`${message} (${((performance.now() - started) / 1000).toFixed(1)} s)`);

  const outDir = options.outDir;
  const tmpDir = join(dirname(outDir), `.${basename(outDir)}.tmp-${process.pid}`);
  await rm(tmpDir, { recursive: true, force: true });
  await mkdir(tmpDir, { recursive: true });
  const files = Object.fromEntries(Object.entries(EXCHANGE_FILES).map(([k, f]) => [k, join(outDir, f)])) as SampleWorldSummary['files'];
  const tmp = (role: keyof typeof EXCHANGE_FILES) => join(tmpDir, EXCHANGE_FILES[role]);

  try {
    const outline = loadDistrictOutline(join(referenceDir, 'yuzhong-and-neighbour-districts.geojson'));
    const land = createLandWaterModel(outline, { seed });
    const dem = generateDem({ seed, land });
    writeGeoTiff(dem, tmp('dem'));
    stage(`地形 / DEM ${dem.width}×${dem.height}`);

    const terrain = buildTerrainRaster(dem, land);
    const roads = generateRoads({ seed, land, dem, terrain });
    await writeFile(tmp('roads'), geojsonText(roads));
    stage(`街道 / streets: ${roads.features.length}`);

    const buildings = generateBuildings({ seed, land, dem, roads, terrain });
    await writeFile(tmp('buildings'), geojsonText(buildings));
    const floorAreaM2 = buildings.features.reduce((s, f) => s + footprintAreaM2(f.geometry) * f.properties.floors, 0);
    stage(`建筑 / buildings: ${buildings.features.length}, ${(floorAreaM2 / 1e6).toFixed(2)} million m² floor area`);

    const archive = generateArchive(buildings.features, { seed, dem });
    await writeArchiveCsv(archive, tmp('archiveCsv'));
    await writeArchiveXlsx(archive, tmp('archiveXlsx'));
    stage(`档案 / archive: ${archive.length} records`);

    const lifelines = generateLifelines(roads, dem, { seed });
    await writeFile(tmp('lifelines'), geojsonText(lifelines));
    stage(`生命线 / lifelines: ${lifelines.features.length} segments`);

    const areas = generateAreas(buildings.features, { seed });
    await writeFile(tmp('areas'), geojsonText(areas));
    await copyRailLines(join(referenceDir, 'chongqing-rail-osm-2016.geojson'), tmp('rail'));
    stage(`片区与轨道 / areas and rail: ${areas.features.length} areas`);

    // Swap the finished folder in; the old one is removed only once the new one is complete.
    const oldDir = `${tmpDir}-old`;
    if (existsSync(outDir)) await rename(outDir, oldDir);
    await rename(tmpDir, outDir);
    await rm(oldDir, { recursive: true, force: true });

    return {
      seed,
      files,
      buildings: buildings.features.length,
      floorAreaM2,
      roads: roads.features.length,
      lifelineSegments: lifelines.features.length,
      areas: areas.features.length,
      seconds: (performance.now() - started) / 1000,
    };
  } catch (error) {
    await rm(tmpDir, { recursive: true, force: true });
    throw error;
  }
}
