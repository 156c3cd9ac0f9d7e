/** The `terrain` step of `npm start` / `npm run build`: the DEM (var/source/dem.tif, or a hand-over's) → tiles/terrain/ (the tiles, and analysis-grid.bin for the Flood tool). */
import { join } from 'node:path';
import { ANALYSIS_GRID_FILE } from '../../core/analysis/analysis-grid.ts';
import type { BuildStep } from '../build-steps.ts';
import { codeInputs } from '../code-inputs.ts';
import type { ProjectPaths } from '../project-paths.ts';
import { planSources, type SourcePlan } from '../source-plan.ts';

export function terrainStep(paths: ProjectPaths, sources: SourcePlan = planSources(paths.sourceData)): BuildStep {
  const out = join(paths.tiles, 'terrain');
  const dem = sources.files.dem!.path;
  return {
    name: 'terrain',
    title: '地形瓦片 / terrain tiles',
    // The code: this file's import graph (terrain, the worker pool and its worker entries,
    // publish, the DEM readers in src/sources, src/core), asked when checked.
    get inputs() {
      return [dem, ...codeInputs([import.meta.url])];
    },
    // The analysis grid too: a tiles/terrain/ built before it existed is stale, so the next build adds it.
    outputs: [join(out, 'layer.json'), join(paths.tiles, ANALYSIS_GRID_FILE)],
    async run(progress) {
      const { buildTerrain } = await import('../../pipeline/terrain/terrain-builder.ts');
      const demCrs = sources.files.dem!.crs;
      const result = await buildTerrain({ input: dem, ...(demCrs ? { crs: demCrs } : {}), outDir: out, progress });
      progress(`${result.tiles.length} tiles in ${result.seconds.toFixed(1)} s`);
    },
  };
}
