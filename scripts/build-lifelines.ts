/**
 * `npm run tiles:lifelines`: pipe segments + DEM → 3D Tiles 1.1 lifelines tileset.
 * Defaults: var/source/lifelines.geojson, var/source/dem.tif (SOURCE_DATA) → tiles/lifelines/.
 */
import { join } from 'node:path';
import { projectPaths } from '../src/build/project-paths.ts';
import { parseLifelinesArgs, runLifelinesCommand } from '../src/pipeline/lifelines/lifelines-command.ts';
import { PROJECT_ROOT } from './project-root.ts';

const paths = projectPaths(PROJECT_ROOT);
const options = parseLifelinesArgs(process.argv.slice(2), {
  input: join(paths.sourceData, 'lifelines.geojson'),
  dem: join(paths.sourceData, 'dem.tif'),
  out: join(paths.tiles, 'lifelines'),
});
if (typeof options === 'string') {
  console.error(options);
  process.exit(2);
}
const result = await runLifelinesCommand(options);
if (!result.ok) {
  console.error(`管线瓦片失败 / lifelines failed: ${result.error}`);
  process.exit(1);
}
