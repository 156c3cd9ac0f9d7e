/** The `overlays` step of `npm start` / `npm run build`: renewal areas + rail → tiles/overlays/, only what the viewer draws (src/pipeline/overlays). */
import { join } from 'node:path';
import { OVERLAY_FILES, OVERLAYS_FOLDER } from '../../pipeline/overlays/overlay-files.ts';
import type { BuildStep } from '../build-steps.ts';
import { codeInputs } from '../code-inputs.ts';
import type { ProjectPaths } from '../project-paths.ts';
import { planSources, type SourcePlan } from '../source-plan.ts';
import { readSettingsOf } from './feature-tiles-step.ts';

export function overlaysStep(paths: ProjectPaths, sources: SourcePlan = planSources(paths.sourceData)): BuildStep {
  const areas = sources.files.areas;
  const rail = sources.files.rail;
  return {
    name: 'overlays',
    title: '地图叠加层 / map overlays',
    // The code: this file's import graph (the builder it loads, publish, src/sources, src/core), asked when checked.
    get inputs() {
      return [...(areas ? [areas.path] : []), ...(rail ? [rail.path] : []), ...codeInputs([import.meta.url])];
    },
    outputs: Object.values(OVERLAY_FILES).map((file) => join(paths.tiles, OVERLAYS_FOLDER, file)),
    async run(progress) {
      const { buildOverlays } = await import('../../pipeline/overlays/overlays-builder.ts');
      const result = await buildOverlays({
        areas: areas ? { path: areas.path, read: readSettingsOf(areas) } : null,
        rail: rail?.path ?? null,
        outDir: join(paths.tiles, OVERLAYS_FOLDER),
      });
      if (!result.ok) throw new Error(result.error);
      progress(`${result.areas} 片区 / areas, ${result.rail} 轨道线 / rail lines, ${(result.bytes / 1024).toFixed(0)} KiB`);
    },
  };
}
