import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runBuildSteps, stepState, type BuildStep } from '../../src/build/build-steps.ts';

describe('build steps', () => {
  let dir: string;
  let runs: string[];

  const touch = (path: string, secondsAgo: number) => {
    writeFileSync(path, 'x');
    const t = Date.now() / 1000 - secondsAgo;
    utimesSync(path, t, t);
  };

  const step = (name: string, inputs: string[], outputs: string[]): BuildStep => ({
    name,
    title: name,
    inputs,
    outputs,
    run: async () => {
      runs.push(name);
      for (const o of outputs) writeFileSync(o, 'built');
    },
  });

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'yz-steps-'));
    mkdirSync(join(dir, 'in'));
    runs = [];
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('runs a step whose output is missing, then reuses it', async () => {
    touch(join(dir, 'in', 'a.txt'), 100);
    const s = step('s', [join(dir, 'in')], [join(dir, 'out.txt')]);
    expect(stepState(s)).toEqual({ fresh: false, reason: `missing ${join(dir, 'out.txt')}` });
    await runBuildSteps([s], { log: () => {} });
    expect(stepState(s)).toEqual({ fresh: true });
    await runBuildSteps([s], { log: () => {} });
    expect(runs).toEqual(['s']);
  });

  it('reruns when any file deep in an input folder is newer than the oldest output', async () => {
    mkdirSync(join(dir, 'in', 'deep'));
    touch(join(dir, 'in', 'deep', 'a.txt'), 100);
    // Folder mtimes count too (a deleted input changes them): age them with the file.
    for (const folder of [join(dir, 'in', 'deep'), join(dir, 'in')]) utimesSync(folder, Date.now() / 1000 - 100, Date.now() / 1000 - 100);
    touch(join(dir, 'out1.txt'), 50);
    touch(join(dir, 'out2.txt'), 10);
    const s = step('s', [join(dir, 'in')], [join(dir, 'out1.txt'), join(dir, 'out2.txt')]);
    expect(stepState(s).fresh).toBe(true);
    touch(join(dir, 'in', 'deep', 'a.txt'), 20); // newer than out1, older than out2
    expect(stepState(s)).toMatchObject({ fresh: false });
  });

  it('names the failing step and stops there', async () => {
    const bad: BuildStep = { ...step('bad', [], [join(dir, 'never')]), run: async () => Promise.reject(new Error('disk full')) };
    const after = step('after', [], [join(dir, 'after.txt')]);
    await expect(runBuildSteps([bad, after], { log: () => {} })).rejects.toThrow('build step "bad" failed: disk full');
    expect(runs).toEqual([]);
  });

  it('force reruns fresh steps', async () => {
    touch(join(dir, 'out.txt'), 0);
    const s = step('s', [], [join(dir, 'out.txt')]);
    await runBuildSteps([s], { force: true, log: () => {} });
    expect(runs).toEqual(['s']);
  });
});
