/** `npm run build`: build everything `npm start` serves, without serving. `--force` rebuilds all. */
import { runBuildSteps } from '../src/build/build-steps.ts';
import { fullBuildPlan } from '../src/build/build-plan.ts';
import { projectPaths } from '../src/build/project-paths.ts';
import { PROJECT_ROOT } from './project-root.ts';

try {
  await runBuildSteps(fullBuildPlan(projectPaths(PROJECT_ROOT)), { force: process.argv.includes('--force') });
} catch (error) {
  console.error(`构建失败 / build failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
