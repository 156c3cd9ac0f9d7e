/**
 * The `lifelines` step of `npm start` / `npm run build`: pipe segments + DEM → the 3D
 * Tiles 1.1 lifelines tileset (src/pipeline/lifelines).
 *
 * Pipes are optional in a hand-over (EXCHANGE_ROLES): a district that delivers none
 * gets no lifelines tileset, and none left over from an earlier build either — the
 * sample's pipes must not be published over a district that has none. The step then
 * removes tiles/lifelines and leaves `none.json` saying why (the viewer's lifelines
 * layer reports the missing tileset and stays empty). It is published with the tiles,
 * so it names no server path.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BuildStep } from '../build-steps.ts';
import { codeInputs } from '../code-inputs.ts';
import type { ProjectPaths } from '../project-paths.ts';
import { planSources, type SourcePlan } from '../source-plan.ts';
import { featureTilesStep } from './feature-tiles-step.ts';

/** Left in tiles/lifelines when the hand-over has no pipe file. */
export const NO_LIFELINES_FILE = 'none.json';

export function lifelinesStep(paths: ProjectPaths, sources: SourcePlan = planSources(paths.sourceData)): BuildStep {
  const source = sources.files.lifelines;
  const dem = sources.files.dem!;
  if (source === null) return noLifelinesStep(paths);
  return featureTilesStep(paths, {
    name: 'lifelines',
    title: '地下管线三维瓦片 / lifelines 3D Tiles',
    source,
    dem,
    stepModule: import.meta.url,
    command: async () => (await import('../../pipeline/lifelines/lifelines-command.ts')).runLifelinesCommand,
  });
}

function noLifelinesStep(paths: ProjectPaths): BuildStep {
  const out = join(paths.tiles, 'lifelines');
  return {
    name: 'lifelines',
    title: '地下管线三维瓦片 / lifelines 3D Tiles',
    get inputs() {
      return [...codeInputs([import.meta.url])];
    },
    outputs: [join(out, NO_LIFELINES_FILE)],
    async run(progress) {
      rmSync(out, { recursive: true, force: true });
      mkdirSync(out, { recursive: true });
      const note = { lifelines: null, reason: '交付文件夹中没有管线文件 / the hand-over has no pipe file', fix: '把管线文件放入交付文件夹（lifelines.shp / .gpkg / .geojson，或在 handover.json 的 files.lifelines 中指明） / add the pipe file to the hand-over (lifelines.shp / .gpkg / .geojson, or name it in handover.json files.lifelines)' };
      writeFileSync(join(out, NO_LIFELINES_FILE), `${JSON.stringify(note, null, 2)}\n`);
      progress('交付中没有管线：不发布管线瓦片 / no pipe file in the hand-over: no lifelines tiles published');
    },
  };
}
