/**
 * Writes a folder atomically: everything goes to a temporary sibling, which replaces
 * the target only when complete, so a failed or interrupted build never leaves a
 * half-written tileset where the server would find it.
 */
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

export interface StagedFolder {
  /** Where to write now. */
  readonly path: string;
  /** Moves the staged folder into place (replacing the old one). */
  commit(): void;
  /** Deletes the staged folder. */
  discard(): void;
}

export function stageFolder(target: string): StagedFolder {
  const parent = dirname(target);
  mkdirSync(parent, { recursive: true });
  const path = join(parent, `.${basename(target)}.tmp-${process.pid}-${Date.now()}`);
  rmSync(path, { recursive: true, force: true });
  mkdirSync(path, { recursive: true });
  return {
    path,
    commit() {
      const old = join(parent, `.${basename(target)}.old-${process.pid}-${Date.now()}`);
      if (existsSync(target)) renameSync(target, old);
      renameSync(path, target);
      rmSync(old, { recursive: true, force: true });
    },
    discard() {
      rmSync(path, { recursive: true, force: true });
    },
  };
}
