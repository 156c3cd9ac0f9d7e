/** The `basemap` step of `npm start` / `npm run build`: DEM + roads + outline → tiles/basemap/. */
import { join } from 'node:path';
import type { ProjectPaths } from '../build-plan.ts';
import type { BuildStep } from '../build-steps.ts';
import { SAMPLE_FILES } from '../../pipeline/sample/sample-files.ts';

export function basemapStep(paths: ProjectPaths): BuildStep {
  const out = join(paths.tiles, 'basemap');
  const dem = join(paths.sourceData, SAMPLE_FILES.dem);
  const roads = join(paths.sourceData, SAMPLE_FILES.roads);
  const buildings = join(paths.sourceData, SAMPLE_FILES.buildings);
  const districts = join(paths.root, 'src', 'pipeline', 'sample', 'reference', 'yuzhong-and-neighbour-districts.geojson');
  return {
    name: 'basemap',
    title: '离线底图 / offline basemap',
    inputs: [dem, roads, buildings, districts, join(paths.root, 'src', 'pipeline', 'basemap')],
    outputs: [join(out, 'basemap.json')],
    async run(progress) {
      const { buildBasemap } = await import('../../pipeline/basemap/basemap-builder.ts');
      const result = await buildBasemap({ dem, roads, buildings, districts, outDir: out, progress });
      progress(`${result.tiles} tiles, ${(result.bytes / 1048576).toFixed(1)} MiB in ${result.seconds.toFixed(1)} s`);
    },
  };
}
