/** The `lifelines` step of `npm start` / `npm run build`: pipe segments + DEM → the 3D Tiles 1.1 lifelines tileset (src/pipeline/lifelines). */
import type { BuildStep } from '../build-steps.ts';
import type { ProjectPaths } from '../project-paths.ts';
import { planSources, type SourcePlan } from '../source-plan.ts';
import { featureTilesStep } from './feature-tiles-step.ts';

export function lifelinesStep(paths: ProjectPaths, sources: SourcePlan = planSources(paths.sourceData)): BuildStep {
  return featureTilesStep(paths, {
    name: 'lifelines',
    title: '地下管线三维瓦片 / lifelines 3D Tiles',
    source: sources.files.lifelines!,
    dem: sources.files.dem!,
    stepModule: import.meta.url,
    command: async () => (await import('../../pipeline/lifelines/lifelines-command.ts')).runLifelinesCommand,
  });
}
