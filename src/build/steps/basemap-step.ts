/** The `basemap` step of `npm start` / `npm run build`: DEM + roads + outline → tiles/basemap/. */
import { join } from 'node:path';
import { EXCHANGE_FILES } from '../../core/exchange-files.ts';
import type { BuildStep } from '../build-steps.ts';
import { codeInputs } from '../code-inputs.ts';
import type { ProjectPaths } from '../project-paths.ts';

export function basemapStep(paths: ProjectPaths): BuildStep {
  const out = join(paths.tiles, 'basemap');
  const dem = join(paths.sourceData, EXCHANGE_FILES.dem);
  const roads = join(paths.sourceData, EXCHANGE_FILES.roads);
  const buildings = join(paths.sourceData, EXCHANGE_FILES.buildings);
  const districts = join(paths.root, 'src', 'sample', 'reference', 'yuzhong-and-neighbour-districts.geojson');
  return {
    name: 'basemap',
    title: '离线底图 / offline basemap',
    // The code: this file's import graph (basemap, terrain, publish, src/sources, src/core), asked when checked.
    get inputs() {
      return [dem, roads, buildings, districts, ...codeInputs([import.meta.url])];
    },
    outputs: [join(out, 'basemap.json')],
    async run(progress) {
      const { buildBasemap } = await import('../../pipeline/basemap/basemap-builder.ts');
      const result = await buildBasemap({ dem, roads, buildings, districts, outDir: out, progress });
      progress(`${result.tiles} tiles, ${(result.bytes / 1048576).toFixed(1)} MiB in ${result.seconds.toFixed(1)} s`);
    },
  };
}
