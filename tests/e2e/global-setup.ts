/**
 * Once for all browser tests: check Chromium is there (fail loudly, never skip), build
 * exactly what `npm start` builds, and serve it on a free loopback port. The archive
 * the tests write to is a copy of the built one (grade changes must not land in the
 * developer's database), with an inspector account made for this run. A second
 * server without the archive API stands for "the archive is down".
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { TestProject } from 'vitest/node';
import { openArchiveApi } from '../../src/server/archive-api-from-env.ts';
import { hashPassword, randomPassword } from '../../src/archive/auth/passwords.ts';
import { archiveDbPath } from '../../src/archive/config.ts';
import { createServer } from '../../src/server/create-server.ts';
import { fullBuildPlan } from '../../src/build/build-plan.ts';
import { projectPaths } from '../../src/build/project-paths.ts';
import { runBuildSteps } from '../../src/build/build-steps.ts';
import { assertChromiumInstalled } from './chromium.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    /** The same viewer and tiles, no /api: the archive is "down". */
    noApiBaseUrl: string;
    inspector: { name: string; password: string };
  }
}

export default async function setup(project: TestProject) {
  assertChromiumInstalled();
  const paths = projectPaths(process.cwd());
  await runBuildSteps(fullBuildPlan(paths));

  const scratch = mkdtempSync(join(tmpdir(), 'yz-e2e-'));
  const dbCopy = join(scratch, 'archive.sqlite');
  const source = new Database(archiveDbPath(paths.root), { readonly: true });
  await source.backup(dbCopy);
  source.close();
  const archive = openArchiveApi(paths.root, { env: { ...process.env, ARCHIVE_DB: dbCopy, ARCHIVE_READS: 'open' } });
  const inspector = { name: 'e2e-inspector', password: randomPassword() };
  const created = await archive.store.createUser(inspector.name, 'inspector', await hashPassword(inspector.password), { name: 'e2e:global-setup', userId: null });
  if (!created.ok) throw new Error(`could not create ${inspector.name}`);

  const app = await createServer({ viewerDir: paths.viewerDist, tilesDir: paths.tiles, apiPlugins: [archive.plugin] });
  app.addHook('onClose', archive.close);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const noApi = await createServer({ viewerDir: paths.viewerDist, tilesDir: paths.tiles });
  await noApi.listen({ port: 0, host: '127.0.0.1' });
  const port = (app.server.address() as AddressInfo).port;
  const noApiPort = (noApi.server.address() as AddressInfo).port;
  project.provide('baseUrl', `http://127.0.0.1:${port}`);
  project.provide('noApiBaseUrl', `http://127.0.0.1:${noApiPort}`);
  project.provide('inspector', inspector);
  return async () => {
    await Promise.all([app.close(), noApi.close()]);
    rmSync(scratch, { recursive: true, force: true });
  };
}
