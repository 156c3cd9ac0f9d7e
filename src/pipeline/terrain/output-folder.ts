/**
 * Builds into a temporary sibling folder and swaps it in only when everything was
 * written, so a failed or interrupted build leaves the previous output as it was.
 */
import { mkdirSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { TerrainInputError } from './terrain-input-error.ts';

/** Creates the temporary folder now (so an unwritable target fails before any work). */
export function prepareTemporaryOutput(outDir: string): string {
  const target = resolve(outDir);
  const temp = join(dirname(target), `.${basename(target)}.tmp-${process.pid}-${Date.now()}`);
  try {
    mkdirSync(dirname(target), { recursive: true });
    mkdirSync(temp);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'EEXIST' || code === 'ENOTDIR' ? `${code}: 路径中有同名文件 / a file is in the way` : (code ?? String(error));
    throw new TerrainInputError(
      'output-not-writable',
      outDir,
      `${outDir}: 无法写入输出目录（${reason}） / cannot write the output folder (${reason}): choose a writable --out folder or fix its permissions.`,
    );
  }
  return temp;
}

/** Replaces `outDir` with the finished temporary folder. */
export function commitOutput(temp: string, outDir: string): void {
  const target = resolve(outDir);
  const old = `${temp}.old`;
  let moved = false;
  try {
    renameSync(target, old);
    moved = true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  try {
    renameSync(temp, target);
  } catch (error) {
    if (moved) renameSync(old, target);
    throw error;
  }
  if (moved) rmSync(old, { recursive: true, force: true });
}

export function discardOutput(temp: string): void {
  rmSync(temp, { recursive: true, force: true });
}
