/**
 * The ordered build steps behind `npm start` and `npm run build`: sample data, then
 * terrain, basemap, the archive import, buildings, lifelines and the map overlays, and
 * finally the viewer bundle. Each step names its inputs and outputs so a second
 * start reuses what is fresh. The steps themselves are in steps/, one file each; the
 * project's folders (and where the source data lives) in project-paths.ts.
 */
import type { BuildStep } from './build-steps.ts';
import type { ProjectPaths } from './project-paths.ts';
import { archiveImportStep } from './steps/archive-step.ts';
import { basemapStep } from './steps/basemap-step.ts';
import { buildingsStep } from './steps/buildings-step.ts';
import { lifelinesStep } from './steps/lifelines-step.ts';
import { overlaysStep } from './steps/overlays-step.ts';
import { sampleStep, type SampleStepOptions } from './steps/sample-step.ts';
import { terrainStep } from './steps/terrain-step.ts';
import { viewerStep } from './steps/viewer-step.ts';

export type BuildPlanOptions = SampleStepOptions;

/** Data steps only (what `npm run dev` needs; Vite serves the viewer itself). */
export function dataBuildPlan(paths: ProjectPaths, options: BuildPlanOptions = {}): BuildStep[] {
  return [
    sampleStep(paths, options),
    terrainStep(paths),
    basemapStep(paths),
    archiveImportStep(paths),
    buildingsStep(paths),
    lifelinesStep(paths),
    overlaysStep(paths),
  ];
}

export function fullBuildPlan(paths: ProjectPaths, options: BuildPlanOptions = {}): BuildStep[] {
  return [...dataBuildPlan(paths, options), viewerStep(paths)];
}
