/**
 * Staging a build's output folder (published-folder.ts) with the error a person
 * reads when it cannot be created, as a value: the one staged-output step of the
 * terrain, basemap, buildings and lifelines builds. It was two: terrain's
 * output-folder.ts (a message naming the folder, the errno code — "a file is in the
 * way" for EEXIST/ENOTDIR — and the fix: kept) and the feature tileset writer's own
 * try/catch (the Node message only, no fix). Staging happens before any work, so an
 * unwritable target fails in a second, not after the tiles are encoded.
 */
import { stageFolder, type StagedFolder } from './published-folder.ts';

export type StagedOutput = { ok: true; staged: StagedFolder } | { ok: false; error: string };

/** Stages a new version of `outDir` now, or says (zh-CN / English) why it cannot. */
export function stageOutput(outDir: string): StagedOutput {
  try {
    return { ok: true, staged: stageFolder(outDir) };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'EEXIST' || code === 'ENOTDIR' ? `${code}: 路径中有同名文件 / a file is in the way` : (code ?? String(error));
    return {
      ok: false,
      error: `${outDir}: 无法写入输出目录（${reason}） / cannot write the output folder (${reason}): choose a writable --out folder or fix its permissions.`,
    };
  }
}
