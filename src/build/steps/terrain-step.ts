/** The `terrain` step of `npm start` / `npm run build`: the DEM (var/source/dem.tif, or a hand-over's) → tiles/terrain/. */
import { join } from 'node:path';
import type { BuildStep } from '../build-steps.ts';
import type { ProjectPaths } from '../project-paths.ts';
import { planSources, type SourcePlan } from '../source-plan.ts';

export function terrainStep(paths: ProjectPaths, sources: SourcePlan = planSources(paths.sourceData)): BuildStep {
  const out = join(paths.tiles, 'terrain');
  const dem = sources.files.dem!.path;
  return {
    name: 'terrain',
    title: '地形瓦片 / terrain tiles',
    // src/sources: the DEM readers (dem-reader.ts, GeoTIFF, .hgt) live there since issue 16.
    inputs: [dem, ...['terrain', 'workers', 'publish'].map((dir) => join(paths.root, 'src', 'pipeline', dir)), join(paths.root, 'src', 'sources')],
    outputs: [join(out, 'layer.json')],
    async run(progress) {
      const { buildTerrain } = await import('../../pipeline/terrain/terrain-builder.ts');
      const result = await buildTerrain({ input: dem, outDir: out, progress });
      progress(`${result.tiles.length} tiles in ${result.seconds.toFixed(1)} s`);
    },
  };
}
