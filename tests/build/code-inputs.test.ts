/**
 * A build step's code inputs come from its import graph (src/build/code-inputs.ts): on a
 * small temp project, what counts (static, dynamic and worker imports, files read
 * through `new URL(…, import.meta.url)`) and what does not (npm packages, type-only
 * imports, the build engine); that a change deep in the graph makes a step stale; and on
 * this checkout, that each data step covers the code it runs — e.g. the overlays step
 * now covers src/core, which its hand-kept folder list missed.
 */
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runBuildSteps, stepState, type BuildStep } from '../../src/build/build-steps.ts';
import { CODE_ROOT, codeInputs } from '../../src/build/code-inputs.ts';
import { dataBuildPlan } from '../../src/build/build-plan.ts';
import { projectPaths } from '../../src/build/project-paths.ts';

describe('code inputs of a temp project', () => {
  let dir: string;
  const write = (path: string, text: string) => {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  };
  const rel = (files: readonly string[]) => files.map((f) => relative(dir, f).split('\\').join('/'));

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'yz-code-inputs-'));
    write('src/build/steps/demo-step.ts', "import { stepState } from '../build-steps.ts';\nexport const s = stepState;\nexport const run = () => import('../../pipeline/demo/builder.ts');\n");
    write('src/build/build-steps.ts', 'export const stepState = 1;\n');
    write(
      'src/pipeline/demo/builder.ts',
      [
        "import { z } from 'zod';",
        "import type { Shape } from '../../core/shape.ts';",
        "import { rule } from '../../core/rule.ts';",
        "const data = new URL('./data/', import.meta.url);",
        "const worker = new URL('./worker.ts', import.meta.url);",
        'export const x: Shape | null = null;',
        'export default [z, rule, data, worker];',
      ].join('\n'),
    );
    write('src/pipeline/demo/worker.ts', "import { helper } from './worker-helper.ts';\nexport default helper;\n");
    write('src/pipeline/demo/worker-helper.ts', 'export const helper = 1;\n');
    write('src/pipeline/demo/data/table.csv', 'a,b\n');
    write('src/core/rule.ts', 'export const rule = 1;\n');
    write('src/core/shape.ts', 'export interface Shape { a: number }\n');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('walks static, dynamic and worker imports and lists files read at run time; leaves out packages, types and the build engine', () => {
    const files = codeInputs([join(dir, 'src/build/steps/demo-step.ts')], { root: dir });
    expect(rel(files)).toEqual([
      'src/build/steps/demo-step.ts',
      'src/core/rule.ts',
      'src/pipeline/demo/builder.ts',
      'src/pipeline/demo/data',
      'src/pipeline/demo/worker-helper.ts',
      'src/pipeline/demo/worker.ts',
    ]);
  });

  it('makes a step stale when a file deep in its graph changes', async () => {
    const old = Date.now() / 1000 - 100;
    const step: BuildStep = {
      name: 'demo',
      title: 'demo',
      inputs: [...codeInputs([join(dir, 'src/build/steps/demo-step.ts')], { root: dir })],
      outputs: [join(dir, 'out.txt')],
      run: async () => writeFileSync(join(dir, 'out.txt'), 'built'),
    };
    for (const input of step.inputs) utimesSync(input, old, old);
    await runBuildSteps([step], { log: () => {} });
    expect(stepState(step)).toEqual({ fresh: true });
    utimesSync(join(dir, 'src/pipeline/demo/worker-helper.ts'), old + 200, old + 200);
    expect(stepState(step)).toEqual({ fresh: false, reason: `${join(dir, 'src/pipeline/demo/worker-helper.ts')} changed` });
  });

  it('says which module it cannot read, in both languages', () => {
    write('src/pipeline/demo/builder.ts', 'export const = ;\n');
    expect(() => codeInputs([join(dir, 'src/pipeline/demo/builder.ts')], { root: dir })).toThrow(/无法读取构建步骤的代码依赖 \/ cannot read a build step's imports: src\/pipeline\/demo\/builder\.ts:1/);
  });
});

describe('code inputs of the data steps on this checkout', () => {
  const steps = dataBuildPlan(projectPaths('/p', {}));
  const code = (name: string) =>
    steps
      .find((s) => s.name === name)!
      .inputs.filter((f) => f.startsWith(CODE_ROOT))
      .map((f) => relative(CODE_ROOT, f).split('\\').join('/'));

  it('covers the modules each step loads, and src/core where they use it', () => {
    expect(code('overlays')).toEqual(expect.arrayContaining(['src/build/steps/overlays-step.ts', 'src/pipeline/overlays/overlays-builder.ts', 'src/core/renewal-areas.ts']));
    expect(code('overlays').some((f) => f.startsWith('src/sources/'))).toBe(true);
    expect(code('terrain')).toEqual(expect.arrayContaining(['src/pipeline/terrain/terrain-builder.ts', 'src/pipeline/workers/worker-serve.ts', 'src/pipeline/workers/worker-bootstrap.mjs', 'src/sources/dem-reader.ts']));
    expect(code('buildings')).toEqual(expect.arrayContaining(['src/pipeline/buildings/buildings-command.ts', 'src/build/steps/feature-tiles-step.ts', 'src/pipeline/workers/worker-serve.ts']));
    expect(code('lifelines')).toEqual(expect.arrayContaining(['src/pipeline/lifelines/lifelines-command.ts', 'src/core/lifelines.ts']));
    expect(code('sample')).toEqual(expect.arrayContaining(['src/sample/sample-world.ts', 'src/sample/reference']));
  });

  it('never lists what the step does not run: other layers, packages, the build engine', () => {
    for (const step of steps) {
      for (const file of code(step.name)) {
        expect(file, `${step.name}: ${file}`).not.toMatch(/^(src\/(viewer|server|archive)\/|node_modules\/|src\/build\/[^/]+$)/);
      }
    }
  });

  it('lists only files and folders that exist (a missing input would make the step always stale)', () => {
    for (const step of steps) for (const file of code(step.name)) expect(stepState({ ...step, outputs: [], inputs: [join(CODE_ROOT, file)] }), file).toEqual({ fresh: true });
  });
});
