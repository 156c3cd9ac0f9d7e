/**
 * Bundles the tile worker (tile-worker.ts and its dependencies) into one plain ES
 * module with esbuild, so a worker thread starts in a fraction of a second instead of
 * loading tsx and transpiling every module through its hooks (~1 s per worker).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface WorkerBundle {
  /** Path of the bundled worker module. */
  path: string;
  dispose(): void;
}

export async function bundleTileWorker(): Promise<WorkerBundle> {
  const { build } = await import('esbuild');
  const dir = mkdtempSync(join(tmpdir(), 'yz-tile-worker-'));
  const path = join(dir, 'tile-worker.mjs');
  // Removed on dispose, or at exit if the build ended before the bundle was even used.
  const remove = () => rmSync(dir, { recursive: true, force: true });
  process.once('exit', remove);
  await build({
    entryPoints: [fileURLToPath(new URL('./tile-worker.ts', import.meta.url))],
    outfile: path,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'silent',
    // CommonJS dependencies inside an ES module still need `require`.
    banner: { js: "import { createRequire as __yzRequire } from 'node:module'; const require = __yzRequire(import.meta.url);" },
  });
  return {
    path,
    dispose: () => {
      process.off('exit', remove);
      remove();
    },
  };
}
