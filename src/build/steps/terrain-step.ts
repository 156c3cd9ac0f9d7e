/** The `terrain` step of `npm start` / `npm run build`: var/source/dem.tif → tiles/terrain/. */
import { join } from 'node:path';
import { EXCHANGE_FILES } from '../../core/exchange-files.ts';
import type { BuildStep } from '../build-steps.ts';
import { codeInputs } from '../code-inputs.ts';
import type { ProjectPaths } from '../project-paths.ts';

export function terrainStep(paths: ProjectPaths): BuildStep {
  const out = join(paths.tiles, 'terrain');
  const dem = join(paths.sourceData, EXCHANGE_FILES.dem);
  return {
    name: 'terrain',
    title: '地形瓦片 / terrain tiles',
    // The code: this file's import graph (terrain, the worker pool and its worker entries,
    // publish, the DEM readers in src/sources, src/core), asked when checked.
    get inputs() {
      return [dem, ...codeInputs([import.meta.url])];
    },
    outputs: [join(out, 'layer.json')],
    async run(progress) {
      const { buildTerrain } = await import('../../pipeline/terrain/terrain-builder.ts');
      const result = await buildTerrain({ input: dem, outDir: out, progress });
      progress(`${result.tiles.length} tiles in ${result.seconds.toFixed(1)} s`);
    },
  };
}
