/**
 * `npm run dev`: the API and tiles server on API_PORT (default 8080) plus the Vite dev
 * server on 5173 with hot reload, proxying /api and /tiles to the former.
 */
import { createServer as createViteServer } from 'vite';
import { join } from 'node:path';
import { openArchiveApi } from '../src/server/archive-api-from-env.ts';
import { createServer } from '../src/server/create-server.ts';
import { runBuildSteps } from '../src/build/build-steps.ts';
import { dataBuildPlan } from '../src/build/build-plan.ts';
import { projectPaths } from '../src/build/project-paths.ts';
import { PROJECT_ROOT } from './project-root.ts';

const apiPort = Number(process.env.API_PORT ?? 8080);
const paths = projectPaths(PROJECT_ROOT);
await runBuildSteps(dataBuildPlan(paths));

const archive = openArchiveApi(PROJECT_ROOT);
const api = await createServer({
  viewerDir: join(PROJECT_ROOT, 'dist', 'no-viewer-in-dev'),
  tilesDir: paths.tiles,
  apiPlugins: [archive.plugin],
  corsOrigins: archive.config.corsOrigins,
  trustProxy: archive.config.trustProxy,
});
api.addHook('onClose', archive.close);
await api.listen({ port: apiPort, host: '127.0.0.1' });

const vite = await createViteServer({ configFile: join(PROJECT_ROOT, 'vite.config.ts') });
await vite.listen();
vite.printUrls();
