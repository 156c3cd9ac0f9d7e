/**
 * `npm run tiles:terrain`: DEM → quantized-mesh terrain tiles.
 *
 *   npx tsx scripts/build-terrain.ts [--in var/source/dem.tif] [--out tiles/terrain]
 *     [--bounds W,S,E,N] [--max-zoom N] [--leaf-error 0.5] [--water-level 172]
 *     [--water water.geojson] [--fill-nodata] [--no-normals] [--no-water-mask]
 *
 * Bad input ends with one line naming the file and the fix, exit code 1, and the
 * previous output untouched.
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { LonLatRect } from '../src/pipeline/terrain/dem-coverage.ts';
import { projectPaths } from '../src/build/project-paths.ts';
import { buildTerrain } from '../src/pipeline/terrain/terrain-builder.ts';
import { isTerrainInputError, TerrainInputError } from '../src/sources/terrain-input-error.ts';
import { PROJECT_ROOT } from './project-root.ts';

function parseBounds(text: string): LonLatRect {
  const parts = text.split(',').map(Number);
  const [west, south, east, north] = parts;
  if (parts.length !== 4 || parts.some((v) => !Number.isFinite(v)) || !(west! < east! && south! < north!)) {
    throw new TerrainInputError('bad-option', '--bounds', `--bounds ${text}: 应为 西,南,东,北 经纬度 / expected W,S,E,N in degrees, e.g. --bounds 106.49,29.52,106.6,29.58.`);
  }
  return { west: west!, south: south!, east: east!, north: north! };
}

function parseNumber(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const v = Number(text);
  if (!Number.isFinite(v)) throw new TerrainInputError('bad-option', `--${name}`, `--${name} ${text}: 应为数字 / expected a number.`);
  return v;
}

try {
  const { values } = parseArgs({
    options: {
      in: { type: 'string' },
      out: { type: 'string' },
      crs: { type: 'string' },
      bounds: { type: 'string' },
      'max-zoom': { type: 'string' },
      'leaf-error': { type: 'string' },
      'water-level': { type: 'string' },
      water: { type: 'string' },
      'fill-nodata': { type: 'boolean' },
      'no-normals': { type: 'boolean' },
      'no-water-mask': { type: 'boolean' },
    },
  });
  const input = values.in ?? join(projectPaths(PROJECT_ROOT).sourceData, 'dem.tif');
  const outDir = values.out ?? join(PROJECT_ROOT, 'tiles', 'terrain');
  const maxZoom = parseNumber('max-zoom', values['max-zoom']);
  const leafMaxError = parseNumber('leaf-error', values['leaf-error']);
  const waterLevel = parseNumber('water-level', values['water-level']);
  const result = await buildTerrain({
    input,
    outDir,
    ...(values.crs ? { crs: values.crs } : {}),
    ...(values.bounds ? { bounds: parseBounds(values.bounds) } : {}),
    ...(maxZoom !== undefined ? { maxZoom } : {}),
    ...(leafMaxError !== undefined ? { leafMaxError } : {}),
    ...(waterLevel !== undefined ? { waterLevel } : {}),
    ...(values.water ? { waterPolygons: values.water } : {}),
    fillNodata: values['fill-nodata'] ?? false,
    normals: !values['no-normals'],
    waterMask: !values['no-water-mask'],
    progress: (message) => console.log(`地形 / terrain: ${message}`),
  });
  const bytes = result.tiles.reduce((sum, t) => sum + t.bytes, 0);
  console.log(`地形完成 / terrain done: ${result.tiles.length} tiles, ${(bytes / 1048576).toFixed(1)} MiB, z0–${result.levels.length - 1}, ${result.seconds.toFixed(1)} s → ${outDir}`);
} catch (error) {
  if (isTerrainInputError(error)) {
    console.error(`错误 / error: ${error.message}`);
    process.exit(1);
  }
  if (error instanceof Error && 'code' in error && (error as NodeJS.ErrnoException).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    console.error(`错误 / error: ${error.message} (see scripts/build-terrain.ts for the options)`);
    process.exit(1);
  }
  console.error(`地形构建失败 / terrain build failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(2);
}
