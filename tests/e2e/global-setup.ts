/**
 * Once for all browser tests: check Chromium is there (fail loudly, never skip), build
 * exactly what `npm start` builds, and serve it on a free loopback port.
 */
import type { AddressInfo } from 'node:net';
import type { TestProject } from 'vitest/node';
import { openArchiveApi } from '../../src/archive/api/archive-api-from-env.ts';
import { createServer } from '../../src/archive/server/create-server.ts';
import { fullBuildPlan, projectPaths } from '../../src/pipeline/build-plan.ts';
import { runBuildSteps } from '../../src/pipeline/build-steps.ts';
import { assertChromiumInstalled } from './chromium.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

export default async function setup(project: TestProject) {
  assertChromiumInstalled();
  const paths = projectPaths(process.cwd());
  await runBuildSteps(fullBuildPlan(paths));
  const archive = openArchiveApi(paths.root);
  const app = await createServer({ viewerDir: paths.viewerDist, tilesDir: paths.tiles, apiPlugins: [archive.plugin] });
  app.addHook('onClose', archive.close);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  project.provide('baseUrl', `http://127.0.0.1:${port}`);
  return async () => {
    await app.close();
  };
}
