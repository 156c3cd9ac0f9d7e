/** The `viewer` step of `npm start` / `npm run build`: src/viewer → the production bundle in dist/viewer/ (Vite). */
import { join } from 'node:path';
import type { BuildStep } from '../build-steps.ts';
import type { ProjectPaths } from '../project-paths.ts';

export function viewerStep(paths: ProjectPaths): BuildStep {
  return {
    name: 'viewer',
    title: '构建查看器 / viewer bundle',
    // Folders, not code-inputs.ts: the bundle is Vite's graph (CSS, assets, `?url`
    // imports, import.meta.env), and lint's import rules keep src/viewer importing only
    // src/core, so these two folders hold all of its project code.
    inputs: [
      join(paths.root, 'src', 'viewer'),
      join(paths.root, 'src', 'core'),
      join(paths.root, 'public'),
      join(paths.root, 'vite.config.ts'),
      join(paths.root, 'package-lock.json'),
    ],
    outputs: [join(paths.viewerDist, 'index.html')],
    async run(progress) {
      const { build } = await import('vite');
      progress('vite build…');
      // Always the production bundle. Vite takes NODE_ENV from the process, and a build run
      // from the test runner (NODE_ENV=test) once shipped development React, whose
      // StrictMode runs every effect twice and left the live grades feed stopped.
      const nodeEnv = process.env.NODE_ENV;
      process.env.NODE_ENV = 'production';
      try {
        await build({ configFile: join(paths.root, 'vite.config.ts'), mode: 'production', logLevel: 'warn' });
      } finally {
        if (nodeEnv === undefined) delete process.env.NODE_ENV;
        else process.env.NODE_ENV = nodeEnv;
      }
    },
  };
}
