import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { stepState } from '../../../src/build/build-steps.ts';
import { projectPaths } from '../../../src/build/project-paths.ts';
import type { SourcePlan } from '../../../src/build/source-plan.ts';
import { lifelinesStep, NO_LIFELINES_FILE } from '../../../src/build/steps/lifelines-step.ts';

describe('the lifelines build step', () => {
  const root = mkdtempSync(join(tmpdir(), 'yz-lifelines-step-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('for a hand-over without pipes: removes the lifelines tiles of an earlier build, says why in a file that names no server path, and is fresh after', async () => {
    const paths = projectPaths(root, {});
    const folder = join(root, 'secret-handover-folder');
    const entry = (role: string, file: string) => ({ role, path: join(folder, file), foundBy: 'manifest' }) as never;
    const plan: SourcePlan = { kind: 'district', folder, name: null, files: { dem: entry('dem', 'dem.tif'), buildings: entry('buildings', 'b.shp'), lifelines: null, areas: null, roads: null, rail: null, archive: null } };
    // The sample's pipes from an earlier build.
    const out = join(paths.tiles, 'lifelines');
    mkdirSync(join(out, 'tiles'), { recursive: true });
    writeFileSync(join(out, 'tileset.json'), '{}');
    writeFileSync(join(out, 'tiles', '0.glb'), 'x');

    const step = lifelinesStep(paths, plan);
    expect(step.outputs).toEqual([join(out, NO_LIFELINES_FILE)]);
    expect(stepState(step)).toMatchObject({ fresh: false });
    const lines: string[] = [];
    await step.run((m) => lines.push(m));
    expect(readdirSync(out)).toEqual([NO_LIFELINES_FILE]);
    expect(existsSync(join(out, 'tileset.json'))).toBe(false);
    const note = readFileSync(join(out, NO_LIFELINES_FILE), 'utf8');
    expect(JSON.parse(note)).toMatchObject({ lifelines: null, reason: expect.stringContaining('no pipe file') });
    expect(note).not.toContain('secret-handover-folder');
    expect(lines.join('\n')).toMatch(/no lifelines tiles published/);
    expect(stepState(step)).toEqual({ fresh: true });
  });

  it('with a pipe file, builds the tileset (tileset.json is its output)', () => {
    const paths = projectPaths(root, {});
    const entry = (role: string, file: string) => ({ role, path: join(root, file), foundBy: 'default-name' }) as never;
    const plan: SourcePlan = { kind: 'sample', folder: root, name: null, files: { dem: entry('dem', 'dem.tif'), buildings: entry('buildings', 'buildings.geojson'), lifelines: entry('lifelines', 'lifelines.geojson'), areas: null, roads: null, rail: null, archive: null } };
    expect(lifelinesStep(paths, plan).outputs).toEqual([join(paths.tiles, 'lifelines', 'tileset.json')]);
  });
});
