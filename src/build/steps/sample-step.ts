/**
 * The `sample` step of `npm start` / `npm run build`: generates the sample district's
 * exchange files (core/exchange-files.ts) into the source folder, after moving a
 * checkout's old `tiles/source/` there (a district's own files are kept, not overwritten).
 */
import { join } from 'node:path';
import { EXCHANGE_FILES } from '../../core/exchange-files.ts';
import { stepState, type BuildStep } from '../build-steps.ts';
import { codeInputs } from '../code-inputs.ts';
import { moveLegacySourceData, type ProjectPaths } from '../project-paths.ts';

export interface SampleStepOptions {
  /** Seed of the generated sample district. Default: `SAMPLE_SEED` or `yuzhong`. */
  seed?: string;
}

export function sampleStep(paths: ProjectPaths, options: SampleStepOptions = {}): BuildStep {
  const seed = options.seed ?? process.env.SAMPLE_SEED ?? 'yuzhong';
  const step: BuildStep = {
    name: 'sample',
    title: '生成示例数据 / sample data',
    // The code: this file's import graph (src/sample and its reference/ files, the src/sources and src/core it uses), asked when checked.
    get inputs() {
      return [...codeInputs([import.meta.url])];
    },
    outputs: Object.values(EXCHANGE_FILES).map((file) => join(paths.sourceData, file)),
    async run(progress) {
      if (moveLegacySourceData(paths)) {
        progress(`tiles/source → ${paths.sourceData}（源数据不再对外提供 / source data is no longer served）`);
        // What was fresh there is fresh here: a district's own files are not overwritten.
        if (stepState(step).fresh) return;
      }
      const { generateSampleWorld } = await import('../../sample/sample-world.ts');
      await generateSampleWorld({ seed, outDir: paths.sourceData, progress });
    },
  };
  return step;
}
