/**
 * `npm start`: build whatever is missing or stale (sample data, tiles, viewer), then
 * serve the viewer at /, tiles at /tiles and the archive API at /api from one process.
 * PORT (default 8080) and HOST (default 0.0.0.0) override where it listens.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openArchiveApi } from '../src/server/archive-api-from-env.ts';
import { createServer } from '../src/server/create-server.ts';
import { runBuildSteps } from '../src/build/build-steps.ts';
import { fullBuildPlan } from '../src/build/build-plan.ts';
import { projectPaths } from '../src/build/project-paths.ts';
import { PROJECT_ROOT } from './project-root.ts';

const port = Number(process.env.PORT ?? 8080);
const host = process.env.HOST ?? '0.0.0.0';
if (!Number.isInteger(port) || port <= 0 || port > 65535) {
  console.error(`PORT must be a number from 1 to 65535, got "${process.env.PORT}"`);
  process.exit(2);
}

const paths = projectPaths(PROJECT_ROOT);
const { version } = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string };

try {
  await runBuildSteps(fullBuildPlan(paths));
} catch (error) {
  console.error(`构建失败 / build failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}

// The archive database was created or refreshed by the build's archive step (ARCHIVE_DB, ARCHIVE_READS: see README).
const archive = openArchiveApi(PROJECT_ROOT, { version });
const app = await createServer({ viewerDir: paths.viewerDist, tilesDir: paths.tiles, version, apiPlugins: [archive.plugin], corsOrigins: archive.config.corsOrigins, trustProxy: archive.config.trustProxy });
app.addHook('onClose', archive.close);
try {
  await app.listen({ port, host });
} catch (error) {
  const code = (error as NodeJS.ErrnoException).code;
  console.error(
    code === 'EADDRINUSE'
      ? `端口 ${port} 已被占用 / port ${port} is in use: stop the other server or set PORT=…`
      : `无法启动服务 / cannot start the server: ${String(error)}`,
  );
  process.exit(1);
}
console.log(`渝中数字孪生 / Yuzhong Twin: http://localhost:${port}/`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void app.close().then(() => process.exit(0));
  });
}
