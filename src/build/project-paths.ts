/**
 * The project's folders, as every build step and CLI sees them.
 *
 * Source data (the sample's or the district's own) lives outside the served folder,
 * in `var/source/` (`SOURCE_DATA` to move it): it once lay in `tiles/source/`, where
 * the server published archive.csv, the gas mains and the DEM to anyone. Only build
 * outputs go into `tiles/`.
 */
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';

export interface ProjectPaths {
  root: string;
  tiles: string;
  sourceData: string;
  viewerDist: string;
}

/** Where the source data lived before it moved out of the served folder. */
export function legacySourceData(root: string): string {
  return join(root, 'tiles', 'source');
}

/**
 * The project's folders. `SOURCE_DATA` (absolute, or relative to the root) says where
 * the source data is; default `var/source/` (git-ignored, never served).
 */
export function projectPaths(root: string, env: NodeJS.ProcessEnv = process.env): ProjectPaths {
  const source = env.SOURCE_DATA;
  return {
    root,
    tiles: join(root, 'tiles'),
    sourceData: source ? (isAbsolute(source) ? source : join(root, source)) : join(root, 'var', 'source'),
    viewerDist: join(root, 'dist', 'viewer'),
  };
}

/**
 * Moves a checkout's `tiles/source/` (from before the move) to the source folder when
 * that does not exist yet, so a district's own files replaced there are kept and no
 * longer lie in the served folder. Returns whether it moved. The sample step calls it
 * first, and generates nothing when the moved files are fresh.
 */
export function moveLegacySourceData(paths: ProjectPaths): boolean {
  const legacy = legacySourceData(paths.root);
  if (!existsSync(legacy) || existsSync(paths.sourceData)) return false;
  mkdirSync(dirname(paths.sourceData), { recursive: true });
  renameSync(legacy, paths.sourceData);
  return true;
}
