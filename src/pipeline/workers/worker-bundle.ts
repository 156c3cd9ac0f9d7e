/**
 * Bundles a worker (worker-serve.ts plus the handler module the pool was given, and
 * their dependencies) into one plain ES module with esbuild, so a worker thread starts
 * in a fraction of a second instead of loading tsx and transpiling every module
 * through its hooks (~1 s per worker). Moved here from tiles3d/tile-worker-bundle.ts;
 * the terrain workers, which always loaded through tsx, now start from a bundle too.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WORKER_HANDLER_EXPORT } from './worker-module.ts';

export interface WorkerBundle {
  /** Path of the bundled worker module. */
  path: string;
  dispose(): void;
}

/** Bundles the worker that serves the handler module at `handlerUrl` (a file: URL). */
export async function bundleWorker(handlerUrl: string): Promise<WorkerBundle> {
  const { build } = await import('esbuild');
  const dir = mkdtempSync(join(tmpdir(), 'yz-worker-'));
  const path = join(dir, 'worker.mjs');
  // Removed on dispose, or at exit if the build ended before the bundle was even used.
  const remove = () => rmSync(dir, { recursive: true, force: true });
  process.once('exit', remove);
  const serve = fileURLToPath(new URL('./worker-serve.ts', import.meta.url));
  const handler = fileURLToPath(handlerUrl);
  try {
    await build({
      stdin: {
        contents: [
          `import { serveWorkerHandler } from ${JSON.stringify(serve)};`,
          `import { ${WORKER_HANDLER_EXPORT} } from ${JSON.stringify(handler)};`,
          `serveWorkerHandler(${WORKER_HANDLER_EXPORT});`,
        ].join('\n'),
        resolveDir: dirname(handler),
        sourcefile: 'worker-entry.ts',
        loader: 'ts',
      },
      outfile: path,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      logLevel: 'silent',
      // CommonJS dependencies inside an ES module still need `require`.
      banner: { js: "import { createRequire as __yzRequire } from 'node:module'; const require = __yzRequire(import.meta.url);" },
    });
  } catch (error) {
    process.off('exit', remove);
    remove();
    throw error;
  }
  return {
    path,
    dispose: () => {
      process.off('exit', remove);
      remove();
    },
  };
}
