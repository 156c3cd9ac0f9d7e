/**
 * A tiny make: each build step names its inputs and outputs, and runs only when an
 * output is missing or older than the newest input. `npm start` and `npm run build`
 * run the same list, so a second start reuses everything that is still fresh.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface BuildStep {
  /** Short machine name, e.g. `sample`, `terrain`. */
  name: string;
  /** What the user sees while it runs (zh-CN / English). */
  title: string;
  /** Files or folders whose change makes the outputs stale. */
  inputs: string[];
  /** Files the step writes; all must exist for the step to be fresh. */
  outputs: string[];
  run(progress: (message: string) => void): Promise<void>;
}

export type StepState = { fresh: true } | { fresh: false; reason: string };

/** Newest modification time under a file or folder (ms), or undefined if missing. */
export function newestMtime(path: string): number | undefined {
  if (!existsSync(path)) return undefined;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) {
    const m = newestMtime(join(path, entry));
    if (m !== undefined && m > newest) newest = m;
  }
  return newest;
}

export function stepState(step: BuildStep): StepState {
  let oldestOutput = Infinity;
  for (const output of step.outputs) {
    if (!existsSync(output)) return { fresh: false, reason: `missing ${output}` };
    oldestOutput = Math.min(oldestOutput, statSync(output).mtimeMs);
  }
  for (const input of step.inputs) {
    const m = newestMtime(input);
    if (m === undefined) return { fresh: false, reason: `input ${input} is missing` };
    if (m > oldestOutput) return { fresh: false, reason: `${input} changed` };
  }
  return { fresh: true };
}

export interface RunStepsOptions {
  /** Rerun every step whatever its state. */
  force?: boolean;
  log?: (line: string) => void;
}

/** Runs the stale steps in order; throws the first failure with the step's name. */
export async function runBuildSteps(steps: BuildStep[], options: RunStepsOptions = {}): Promise<void> {
  const log = options.log ?? ((line: string) => console.log(line));
  for (const [i, step] of steps.entries()) {
    const prefix = `[${i + 1}/${steps.length}] ${step.title}`;
    const state = options.force ? ({ fresh: false, reason: 'forced' } as const) : stepState(step);
    if (state.fresh) {
      log(`${prefix}: 已是最新 / up to date`);
      continue;
    }
    log(`${prefix}: 构建中 / building (${state.reason})…`);
    const started = performance.now();
    try {
      await step.run((message) => log(`${prefix}: ${message}`));
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      throw new Error(`build step "${step.name}" failed: ${message}`, { cause: error });
    }
    log(`${prefix}: 完成 / done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
}
