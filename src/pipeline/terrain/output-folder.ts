/**
 * The terrain and basemap builds publish through the shared versioned folders
 * (src/pipeline/publish/published-folder.ts); this only turns "cannot create the
 * folder" into the terrain error a person reads.
 */
import { stageFolder, type StagedFolder } from '../publish/published-folder.ts';
import { TerrainInputError } from './terrain-input-error.ts';

/** Stages a new version of `outDir` now (so an unwritable target fails before any work). */
export function stageTerrainOutput(outDir: string): StagedFolder {
  try {
    return stageFolder(outDir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'EEXIST' || code === 'ENOTDIR' ? `${code}: 路径中有同名文件 / a file is in the way` : (code ?? String(error));
    throw new TerrainInputError(
      'output-not-writable',
      outDir,
      `${outDir}: 无法写入输出目录（${reason}） / cannot write the output folder (${reason}): choose a writable --out folder or fix its permissions.`,
    );
  }
}
