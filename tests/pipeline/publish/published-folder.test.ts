/**
 * Publishing without a gap: a child process publishes `tiles/buildings` again and again
 * while this process asks the server for /tiles/buildings/tileset.json in a loop. With
 * versioned folders and one symlink rename, every answer is a whole tileset, never
 * older than the one before; the two-rename swap it replaced is run the same way as
 * the reference the check must catch.
 */
import { spawn } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createServer } from '../../../src/server/create-server.ts';
import { cleanStaleFolders, currentVersion, stageFolder, versionsFolder } from '../../../src/pipeline/publish/published-folder.ts';

const COMMITS = 1500;
/** Requests in flight at once, like a viewer loading tiles. */
const READERS = 8;

interface ReaderTally {
  checks: number;
  misses: number;
  inconsistent: number;
  lastBuild: number;
}

/** Publishes COMMITS times in a child process while reading through the server. */
async function race(tiles: string, mode: 'versioned' | 'two-rename'): Promise<ReaderTally> {
  const app = await createServer({ viewerDir: join(tiles, '..', 'no-viewer'), tilesDir: tiles });
  const tally: ReaderTally = { checks: 0, misses: 0, inconsistent: 0, lastBuild: 0 };
  const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'commit-loop.ts'), tiles, String(COMMITS), mode], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  let running = true;
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => ((running = false), resolve(code))));
  try {
    // Each reader's answers never go back to an older build (concurrent readers may overlap).
    const read = async (seen: { last: number }) => {
      const response = await app.inject({ method: 'GET', url: '/tiles/buildings/tileset.json' });
      tally.checks++;
      if (response.statusCode !== 200) {
        tally.misses++;
        return;
      }
      try {
        const build = (JSON.parse(response.body) as { extras: { build: number } }).extras.build;
        if (build < seen.last) tally.inconsistent++;
        seen.last = build;
        tally.lastBuild = Math.max(tally.lastBuild, build);
      } catch {
        tally.inconsistent++;
      }
    };
    await Promise.all(
      Array.from({ length: READERS }, async () => {
        const seen = { last: 0 };
        while (running) await read(seen);
      }),
    );
    expect(await exited, stderr).toBe(0);
  } finally {
    child.kill();
    await app.close();
  }
  return tally;
}

describe('published folders', () => {
  let dir: string;
  let tiles: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'yz-publish-'));
    tiles = join(dir, 'tiles');
    mkdirSync(tiles);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const publish = (build: number) => {
    // No grace: versions are pruned as soon as they are neither current nor previous.
    const staged = stageFolder(join(tiles, 'buildings'), { graceMs: 0 });
    writeFileSync(join(staged.path, 'tileset.json'), JSON.stringify({ asset: { version: '1.1' }, extras: { build } }));
    staged.commit();
  };

  it(`never shows a reader a missing or mixed tileset.json over ${COMMITS} commits`, { timeout: 120_000 }, async () => {
    publish(0);
    const tally = await race(tiles, 'versioned');
    console.log(`versioned: ${tally.misses} misses, ${tally.inconsistent} inconsistent in ${tally.checks} checks over ${COMMITS} commits`);
    expect(tally.checks).toBeGreaterThan(COMMITS / 4);
    expect(tally.misses).toBe(0);
    expect(tally.inconsistent).toBe(0);
    expect(tally.lastBuild).toBe(COMMITS);
    // Versions replaced within the grace period stay for in-flight requests; past it,
    // the next publish keeps only the current and the previous one.
    expect(readdirSync(versionsFolder(join(tiles, 'buildings'))).length).toBeGreaterThan(2);
    publish(COMMITS + 1);
    expect(readdirSync(versionsFolder(join(tiles, 'buildings')))).toHaveLength(2);
    expect(readdirSync(tiles).sort()).toEqual(['.versions', 'buildings']);
  });

  it('catches the gap of the two-rename swap it replaced (the check is sensitive)', { timeout: 120_000 }, async () => {
    publish(0);
    rmSync(join(tiles, 'buildings'));
    rmSync(join(tiles, '.versions'), { recursive: true });
    mkdirSync(join(tiles, 'buildings'));
    writeFileSync(join(tiles, 'buildings', 'tileset.json'), JSON.stringify({ asset: { version: '1.1' }, extras: { build: 0 } }));
    const tally = await race(tiles, 'two-rename');
    console.log(`two-rename: ${tally.misses} misses, ${tally.inconsistent} inconsistent in ${tally.checks} checks over ${COMMITS} commits`);
    expect(tally.misses).toBeGreaterThan(0);
  });

  it('publishes as a relative symlink to the current version and keeps the previous one until the next publish', () => {
    const target = join(tiles, 'buildings');
    publish(1);
    const first = currentVersion(target);
    publish(2);
    const second = currentVersion(target);
    expect(lstatSync(target).isSymbolicLink()).toBe(true);
    expect(first).not.toBe(second);
    expect(readdirSync(versionsFolder(target)).sort()).toEqual([first, second].sort());
    publish(3);
    expect(readdirSync(versionsFolder(target)).sort()).toEqual([second, currentVersion(target)].sort());
    expect(JSON.parse(readFileSync(join(target, 'tileset.json'), 'utf8')).extras.build).toBe(3);
  });

  it('keeps versions replaced within the grace period', () => {
    const target = join(tiles, 'buildings');
    for (let build = 1; build <= 4; build++) {
      const staged = stageFolder(target, { graceMs: 60_000 });
      writeFileSync(join(staged.path, 'tileset.json'), '{}');
      staged.commit();
    }
    expect(readdirSync(versionsFolder(target))).toHaveLength(4);
    publish(5);
    expect(readdirSync(versionsFolder(target))).toHaveLength(2);
  });

  it('moves a folder from before versioning aside on its first publish', () => {
    const target = join(tiles, 'buildings');
    mkdirSync(target);
    writeFileSync(join(target, 'tileset.json'), '{"old":true}');
    publish(1);
    expect(lstatSync(target).isSymbolicLink()).toBe(true);
    expect(JSON.parse(readFileSync(join(target, 'tileset.json'), 'utf8')).extras.build).toBe(1);
    expect(readdirSync(versionsFolder(target)).some((v) => v.startsWith('legacy-'))).toBe(true);
    publish(2);
    expect(readdirSync(versionsFolder(target)).some((v) => v.startsWith('legacy-'))).toBe(false);
  });

  it('leaves the published version as it was when a build is discarded', () => {
    const target = join(tiles, 'buildings');
    publish(1);
    const staged = stageFolder(target);
    writeFileSync(join(staged.path, 'tileset.json'), 'half');
    staged.discard();
    expect(JSON.parse(readFileSync(join(target, 'tileset.json'), 'utf8')).extras.build).toBe(1);
    expect(readdirSync(versionsFolder(target))).toHaveLength(1);
  });

  it('cleans the .tmp-/.old- folders crashed builds left behind, but not those of running builds', () => {
    const target = join(tiles, 'buildings');
    const dead = 2 ** 30; // above any pid_max: no such process
    const leftovers = [
      join(tiles, `.buildings.tmp-${dead}-1700000000000`),
      join(tiles, `.buildings.tmp-${dead}-1700000000000.old`),
      join(tiles, `.buildings.old-${dead}-1700000000000`),
      join(tiles, `.buildings.link-${dead}-20260101000000000-${dead}-1`),
      join(versionsFolder(target), `.tmp-${dead}-20260101000000000-${dead}-1`),
    ];
    for (const path of leftovers) {
      mkdirSync(path, { recursive: true });
      writeFileSync(join(path, 'tileset.json'), '{}');
    }
    // A build of another, running process (the parent of this test) and another target's leftovers stay.
    const running = join(tiles, `.buildings.tmp-${process.ppid}-1700000000000`);
    const otherTarget = join(tiles, `.terrain.tmp-${dead}-1700000000000`);
    mkdirSync(running);
    mkdirSync(otherTarget);
    const inProgress = stageFolder(target);

    publish(1);
    for (const path of leftovers) expect(existsSync(path), path).toBe(false);
    expect(existsSync(running)).toBe(true);
    expect(existsSync(otherTarget)).toBe(true);
    expect(existsSync(inProgress.path)).toBe(true);
    inProgress.discard();
    expect(cleanStaleFolders(join(tiles, 'terrain'))).toEqual([otherTarget]);
  });
});
