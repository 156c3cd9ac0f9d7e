/**
 * `npm run sample [-- --seed <seed>] [-- --out <dir>]`: (re)generate the sample
 * district's source data (default into var/source/, or SOURCE_DATA; never served).
 */
import { parseArgs } from 'node:util';
import { projectPaths } from '../src/build/project-paths.ts';
import { generateSampleWorld } from '../src/sample/sample-world.ts';
import { PROJECT_ROOT } from './project-root.ts';

const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: process.env.SAMPLE_SEED ?? 'yuzhong' },
    out: { type: 'string', default: projectPaths(PROJECT_ROOT).sourceData },
  },
});

try {
  const summary = await generateSampleWorld({
    seed: values.seed,
    outDir: values.out,
    progress: (line) => console.log(`  ${line}`),
  });
  console.log(`示例数据已生成 / sample written to ${values.out} in ${summary.seconds.toFixed(1)} s (seed "${summary.seed}")`);
} catch (error) {
  console.error(`示例数据生成失败 / sample generation failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
