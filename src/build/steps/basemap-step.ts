/** The `basemap` step of `npm start` / `npm run build`: DEM + roads + outline → tiles/basemap/. */
import { join } from 'node:path';
import type { BuildStep } from '../build-steps.ts';
import { codeInputs } from '../code-inputs.ts';
import type { ProjectPaths } from '../project-paths.ts';
import { planSources, type SourcePlan } from '../source-plan.ts';
import { readSettingsOf } from './feature-tiles-step.ts';

export function basemapStep(paths: ProjectPaths, sources: SourcePlan = planSources(paths.sourceData)): BuildStep {
  const out = join(paths.tiles, 'basemap');
  const dem = sources.files.dem!.path;
  // Roads are optional in a district's hand-over; the footprints are drawn from z15.
  const roads = sources.files.roads?.path;
  const buildings = sources.files.buildings!.path;
  const districts = join(paths.root, 'src', 'sample', 'reference', 'yuzhong-and-neighbour-districts.geojson');
  return {
    name: 'basemap',
    title: '离线底图 / offline basemap',
    // The code: this file's import graph (basemap, terrain, publish, src/sources, src/core), asked when checked.
    get inputs() {
      return [dem, ...(roads ? [roads] : []), buildings, districts, ...codeInputs([import.meta.url])];
    },
    outputs: [join(out, 'basemap.json')],
    async run(progress) {
      const { buildBasemap } = await import('../../pipeline/basemap/basemap-builder.ts');
      const result = await buildBasemap({ dem, demRead: readSettingsOf(sources.files.dem!), roads, buildings, buildingsRead: readSettingsOf(sources.files.buildings!), districts, outDir: out, progress });
      progress(`${result.tiles} tiles, ${(result.bytes / 1048576).toFixed(1)} MiB in ${result.seconds.toFixed(1)} s`);
    },
  };
}
