/** The `buildings` step of `npm start` / `npm run build`: footprints + DEM → the 3D Tiles 1.1 buildings tileset (src/pipeline/buildings). */
import type { BuildStep } from '../build-steps.ts';
import type { ProjectPaths } from '../project-paths.ts';
import { planSources, type SourcePlan } from '../source-plan.ts';
import { featureTilesStep } from './feature-tiles-step.ts';

export function buildingsStep(paths: ProjectPaths, sources: SourcePlan = planSources(paths.sourceData)): BuildStep {
  return featureTilesStep(paths, {
    name: 'buildings',
    title: '建筑三维瓦片 / buildings 3D Tiles',
    source: sources.files.buildings!,
    dem: sources.files.dem!,
    stepModule: import.meta.url,
    // The CPU pick index joined the tileset later: tiles built before it are rebuilt.
    outputFiles: ['tileset.json', 'pick-index.bin'],
    command: async () => (await import('../../pipeline/buildings/buildings-command.ts')).runBuildingsCommand,
  });
}
