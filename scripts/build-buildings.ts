/**
 * `npm run tiles:buildings`: footprints + DEM → 3D Tiles 1.1 buildings tileset.
 * Defaults: var/source/buildings.geojson, var/source/dem.tif (SOURCE_DATA) → tiles/buildings/.
 */
import { join } from 'node:path';
import { parseBuildingsArgs, runBuildingsCommand } from '../src/pipeline/buildings/buildings-command.ts';
import { projectPaths } from '../src/build/project-paths.ts';
import { PROJECT_ROOT } from './project-root.ts';

const paths = projectPaths(PROJECT_ROOT);
const options = parseBuildingsArgs(process.argv.slice(2), {
  input: join(paths.sourceData, 'buildings.geojson'),
  dem: join(paths.sourceData, 'dem.tif'),
  out: join(paths.tiles, 'buildings'),
});
if (typeof options === 'string') {
  console.error(options);
  process.exit(2);
}
const result = await runBuildingsCommand(options);
if (!result.ok) {
  console.error(`建筑瓦片失败 / buildings failed: ${result.error}`);
  process.exit(1);
}
