/**
 * `npm run tiles:basemap`: DEM + roads + district outline → offline raster basemap.
 *
 *   npx tsx scripts/build-basemap.ts [--dem var/source/dem.tif] [--roads var/source/roads.geojson]
 *     [--out tiles/basemap] [--green parks.geojson] [--no-buildings] [--max-zoom 18]
 *     [--area-max-zoom 15] [--format webp|png] [--quality 80]
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { projectPaths } from '../src/build/project-paths.ts';
import { buildBasemap } from '../src/pipeline/basemap/basemap-builder.ts';
import { describeReadError } from '../src/core/file-read-error.ts';
import { isTerrainInputError, TerrainInputError } from '../src/sources/terrain-input-error.ts';
import { PROJECT_ROOT } from './project-root.ts';

const source = (file: string) => join(projectPaths(PROJECT_ROOT).sourceData, file);

try {
  const { values } = parseArgs({
    options: {
      dem: { type: 'string' },
      'dem-crs': { type: 'string' },
      'buildings-crs': { type: 'string' },
      roads: { type: 'string' },
      out: { type: 'string' },
      green: { type: 'string' },
      buildings: { type: 'string' },
      'no-buildings': { type: 'boolean' },
      districts: { type: 'string' },
      'max-zoom': { type: 'string' },
      'area-max-zoom': { type: 'string' },
      format: { type: 'string' },
      quality: { type: 'string' },
    },
  });
  // A layer file given on the command line must exist (the defaults may be absent: that layer is left out).
  for (const name of ['dem', 'roads', 'green', 'buildings', 'districts'] as const) {
    const file = values[name];
    if (file && !existsSync(file)) {
      throw new TerrainInputError('unreadable-file', file, describeReadError(file, Object.assign(new Error('missing'), { code: 'ENOENT' }), { zh: ` --${name} 文件`, en: `--${name} file` }));
    }
  }
  const format = values.format ?? 'webp';
  if (format !== 'webp' && format !== 'png') throw new TerrainInputError('bad-option', '--format', `--format ${format}: 应为 webp 或 png / expected webp or png.`);
  const outDir = values.out ?? join(PROJECT_ROOT, 'tiles', 'basemap');
  const result = await buildBasemap({
    dem: values.dem ?? source('dem.tif'),
    ...(values['dem-crs'] ? { demRead: { crs: values['dem-crs'] } } : {}),
    ...(values['buildings-crs'] ? { buildingsRead: { crs: values['buildings-crs'] } } : {}),
    roads: values.roads ?? source('roads.geojson'),
    outDir,
    districts: values.districts ?? join(PROJECT_ROOT, 'src', 'sample', 'reference', 'yuzhong-and-neighbour-districts.geojson'),
    ...(values.green ? { green: values.green } : {}),
    ...(values['no-buildings'] ? {} : { buildings: values.buildings ?? source('buildings.geojson') }),
    ...(values['max-zoom'] ? { maxZoom: Number(values['max-zoom']) } : {}),
    ...(values['area-max-zoom'] ? { areaMaxZoom: Number(values['area-max-zoom']) } : {}),
    ...(values.quality ? { quality: Number(values.quality) } : {}),
    format,
    progress: (message) => console.log(`底图 / basemap: ${message}`),
  });
  console.log(`底图完成 / basemap done: ${result.tiles} tiles, ${(result.bytes / 1048576).toFixed(1)} MiB, ${result.seconds.toFixed(1)} s → ${outDir}`);
} catch (error) {
  console.error(`错误 / error: ${error instanceof Error ? (isTerrainInputError(error) ? error.message : (error.stack ?? error.message)) : String(error)}`);
  process.exit(1);
}
