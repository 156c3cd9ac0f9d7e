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
import { planSources, type SourcePlan } from './source-plan.ts';
import { handoverCheckStep } from './steps/handover-check-step.ts';

export interface BuildPlanOptions extends SampleStepOptions {
  /** The source files to build from. Default: `planSources(paths.sourceData)` (throws SourcePlanError for a hand-over with problems). */
  sources?: SourcePlan;
}

/** Data steps only (what `npm run dev` needs; Vite serves the viewer itself). A district's hand-over has no sample step. */
export function dataBuildPlan(paths: ProjectPaths, options: BuildPlanOptions = {}): BuildStep[] {
  const sources = options.sources ?? planSources(paths.sourceData);
  return [
    ...(sources.kind === 'sample' ? [sampleStep(paths, options)] : [handoverCheckStep(paths, sources)]),
    terrainStep(paths, sources),
    basemapStep(paths, sources),
    archiveImportStep(paths, process.env, sources),
    buildingsStep(paths, sources),
    lifelinesStep(paths, sources),
    overlaysStep(paths, sources),
  ];
}

export function fullBuildPlan(paths: ProjectPaths, options: BuildPlanOptions = {}): BuildStep[] {
  const sources = options.sources ?? planSources(paths.sourceData);
  return [...dataBuildPlan(paths, { ...options, sources }), viewerStep(paths)];
}
