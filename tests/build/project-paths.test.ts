/**
 * Where the source data lives: outside the served folder (var/source, SOURCE_DATA to
 * move it), and a checkout's old tiles/source moved there once, its files kept, by the
 * sample step, which then generates nothing when they are fresh. (Moved here from
 * tests/pipeline/overlays/overlays.test.ts with src/build/project-paths.ts.)
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dataBuildPlan } from '../../src/build/build-plan.ts';
import { runBuildSteps } from '../../src/build/build-steps.ts';
import { moveLegacySourceData, projectPaths, type ProjectPaths } from '../../src/build/project-paths.ts';
import { sampleStep } from '../../src/build/steps/sample-step.ts';
import { EXCHANGE_FILES } from '../../src/core/exchange-files.ts';
import { writeSources } from './overlay-sources.ts';


describe('the source folder', () => {
  let dir: string;
  let paths: ProjectPaths;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'yz-source-'));
    paths = projectPaths(dir, {});
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps the source data outside the served folder: var/source by default, SOURCE_DATA to move it', () => {
    expect(paths.sourceData).toBe(join(dir, 'var', 'source'));
    expect(paths.sourceData.startsWith(paths.tiles)).toBe(false);
    expect(projectPaths(dir, { SOURCE_DATA: 'data/in' }).sourceData).toBe(join(dir, 'data', 'in'));
    expect(projectPaths(dir, { SOURCE_DATA: '/srv/yz-source' }).sourceData).toBe('/srv/yz-source');
    // No step of the plan writes into tiles/source any more.
    for (const step of dataBuildPlan(paths)) for (const output of step.outputs) expect(output.startsWith(join(paths.tiles, 'source'))).toBe(false);
  });

  it('moves a checkout’s tiles/source to the source folder once, keeping its files', () => {
    writeSources(join(dir, 'tiles', 'source'));
    expect(moveLegacySourceData(paths)).toBe(true);
    expect(existsSync(join(dir, 'tiles', 'source'))).toBe(false);
    expect(existsSync(join(paths.sourceData, 'areas.geojson'))).toBe(true);
    writeSources(join(dir, 'tiles', 'source'));
    expect(moveLegacySourceData(paths)).toBe(false); // the source folder exists: left alone
  });

  it('keeps a district’s own files from tiles/source: the sample step moves them and generates nothing when they are fresh', async () => {
    // The step's code inputs are the checkout's files (code-inputs.ts), older than the files written below.
    const legacy = join(dir, 'tiles', 'source');
    mkdirSync(legacy, { recursive: true });
    for (const file of Object.values(EXCHANGE_FILES)) writeFileSync(join(legacy, file), `own ${file}`);
    const logged: string[] = [];
    await runBuildSteps([sampleStep(paths)], { log: (line) => logged.push(line) });
    expect(logged.join('\n')).toContain('tiles/source');
    expect(existsSync(legacy)).toBe(false);
    for (const file of Object.values(EXCHANGE_FILES)) expect(readFileSync(join(paths.sourceData, file), 'utf8')).toBe(`own ${file}`);
  });
});
