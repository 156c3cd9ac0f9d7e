/**
 * Child process of published-folder.test.ts: publishes `count` versions of
 * `<dir>/buildings` as fast as it can, each with a tileset.json naming its build
 * number, either through the versioned folders (`versioned`) or the two-rename swap
 * they replaced (`two-rename`, kept here as the reference the test must catch).
 *   node --import tsx commit-loop.ts <dir> <count> <versioned|two-rename>
 */
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stageFolder } from '../../../src/pipeline/publish/published-folder.ts';

const [dir, countText, mode] = process.argv.slice(2) as [string, string, string];
const target = join(dir, 'buildings');
const count = Number(countText);

function tileset(build: number): string {
  return JSON.stringify({ asset: { version: '1.1' }, extras: { build }, pad: 'x'.repeat(20_000) });
}

/** The publishing this replaced (src/pipeline/tiles3d/output-folder.ts before). */
function twoRenameCommit(build: number): void {
  const path = join(dir, `.buildings.tmp-${process.pid}-${build}`);
  mkdirSync(path, { recursive: true });
  writeFileSync(join(path, 'tileset.json'), tileset(build));
  const old = join(dir, `.buildings.old-${process.pid}-${build}`);
  if (existsSync(target)) renameSync(target, old);
  renameSync(path, target);
  rmSync(old, { recursive: true, force: true });
}

for (let build = 1; build <= count; build++) {
  if (mode === 'two-rename') {
    twoRenameCommit(build);
  } else {
    const staged = stageFolder(target);
    writeFileSync(join(staged.path, 'tileset.json'), tileset(build));
    staged.commit();
  }
}
