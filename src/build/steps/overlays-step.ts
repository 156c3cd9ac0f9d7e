/** The `overlays` step of `npm start` / `npm run build`: renewal areas + rail → tiles/overlays/, only what the viewer draws (src/pipeline/overlays). */
import { join } from 'node:path';
import { EXCHANGE_FILES } from '../../core/exchange-files.ts';
import { OVERLAY_FILES, OVERLAYS_FOLDER } from '../../pipeline/overlays/overlay-files.ts';
import type { BuildStep } from '../build-steps.ts';
import { codeInputs } from '../code-inputs.ts';
import type { ProjectPaths } from '../project-paths.ts';

export function overlaysStep(paths: ProjectPaths): BuildStep {
  return {
    name: 'overlays',
    title: '地图叠加层 / map overlays',
    // The code: this file's import graph (the builder it loads, publish, src/sources, src/core), asked when checked.
    get inputs() {
      return [join(paths.sourceData, EXCHANGE_FILES.areas), join(paths.sourceData, EXCHANGE_FILES.rail), ...codeInputs([import.meta.url])];
    },
    outputs: Object.values(OVERLAY_FILES).map((file) => join(paths.tiles, OVERLAYS_FOLDER, file)),
    async run(progress) {
      const { buildOverlays } = await import('../../pipeline/overlays/overlays-builder.ts');
      const result = buildOverlays({
        areas: join(paths.sourceData, EXCHANGE_FILES.areas),
        rail: join(paths.sourceData, EXCHANGE_FILES.rail),
        outDir: join(paths.tiles, OVERLAYS_FOLDER),
      });
      if (!result.ok) throw new Error(result.error);
      progress(`${result.areas} 片区 / areas, ${result.rail} 轨道线 / rail lines, ${(result.bytes / 1024).toFixed(0)} KiB`);
    },
  };
}
