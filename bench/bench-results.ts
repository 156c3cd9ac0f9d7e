/**
 * Pure: the reports of every benchmark → `bench/results.json`, the one file the
 * results page is rendered from. Keeps the headline figures (with their targets and
 * whether each is met) next to each bench's full median report.
 */
import type { MachineInfo } from './machine.ts';
import type { ViewerComparison } from './viewer/viewer-summary.ts';

export const TARGETS = { loadRatio: 10, fpsRatio: 5, pickMs: 50 } as const;

/** A bench that ran (`runs`: how many runs its medians are over), or why it did not. */
export type BenchSection<T> = { status: 'ok'; report: T; runs?: number } | { status: 'skipped' | 'failed'; reason: string };

export interface Target {
  target: string;
  actual: number | null;
  met: boolean;
  note?: string;
}

export interface BenchResults {
  date: string;
  /** Set when the results were collected (`--collect`) from earlier runs: when those were measured. */
  collected?: { measuredFrom: string; measuredTo: string };
  mode: 'full' | 'smoke';
  command: string;
  /** Runs per benchmark; every figure is the median of these. */
  runs: number;
  machine: MachineInfo & { loadAverageAtEnd: number[]; chromium: string | null; webgl: string };
  viewer:
    | ({ status: 'ok'; loadRatio: number | null; fpsRatio: number | null; targets: Record<'load' | 'fps' | 'pick', Target>; settings: Record<string, unknown> } & ViewerComparison)
    | { status: 'skipped' | 'failed'; reason: string; loadRatio: null; fpsRatio: null };
  pipelines: { terrain: BenchSection<unknown>; buildings: BenchSection<unknown>; lifelines: BenchSection<unknown> };
  api: BenchSection<unknown>;
}

export interface ViewerReport {
  machine?: { chromium?: string };
  settings: Record<string, unknown>;
  summary: ViewerComparison;
}

export function viewerTargets(v: ViewerComparison): Record<'load' | 'fps' | 'pick', Target> {
  const pick = v.ours.pick.medianMs;
  return {
    load: {
      target: `naive ÷ ours ≥ ${TARGETS.loadRatio}×`,
      actual: v.loadRatio,
      met: v.loadRatio !== null && v.loadRatio >= TARGETS.loadRatio,
      note: [
        v.loadRatioIsLowerBound ? `the naive page timed out (${v.readyTimeoutMs / 1000} s): the ratio is at least this` : null,
        // Judged on the whole view; the buildings layer alone is reported beside it, not instead.
        v.buildingsLoadRatio !== null ? `buildings layer alone: naive ÷ ours = ${v.buildingsLoadRatio}×` : null,
      ]
        .filter((n) => n !== null)
        .join('; ') || undefined,
    },
    fps: { target: `ours ÷ naive ≥ ${TARGETS.fpsRatio}×`, actual: v.fpsRatio, met: v.fpsRatio !== null && v.fpsRatio >= TARGETS.fpsRatio },
    pick: {
      target: `ours ≤ ${TARGETS.pickMs} ms (median click → identified)`,
      actual: pick,
      met: pick !== null && pick <= TARGETS.pickMs && (v.ours.pick.p95Ms ?? Infinity) <= TARGETS.pickMs,
      note: `p95 ${v.ours.pick.p95Ms ?? '—'} ms, max ${v.ours.pick.maxMs ?? '—'} ms; met only if the p95 is within the target too`,
    },
  };
}

export interface BuildResultsInput {
  date: string;
  collected?: { measuredFrom: string; measuredTo: string };
  mode: 'full' | 'smoke';
  command: string;
  runs: number;
  machine: MachineInfo;
  loadAverageAtEnd: number[];
  viewer: BenchSection<ViewerReport>;
  terrain: BenchSection<unknown>;
  buildings: BenchSection<unknown>;
  lifelines: BenchSection<unknown>;
  api: BenchSection<unknown>;
}

export function buildResults(input: BuildResultsInput): BenchResults {
  const v = input.viewer;
  return {
    date: input.date,
    ...(input.collected ? { collected: input.collected } : {}),
    mode: input.mode,
    command: input.command,
    runs: input.runs,
    machine: {
      ...input.machine,
      loadAverageAtEnd: input.loadAverageAtEnd,
      chromium: v.status === 'ok' ? (v.report.machine?.chromium ?? null) : null,
      webgl: 'SwiftShader (software WebGL on the CPU, no GPU)',
    },
    viewer:
      v.status === 'ok'
        ? { status: 'ok', ...v.report.summary, loadRatio: v.report.summary.loadRatio, fpsRatio: v.report.summary.fpsRatio, targets: viewerTargets(v.report.summary), settings: v.report.settings }
        : { status: v.status, reason: v.reason, loadRatio: null, fpsRatio: null },
    pipelines: { terrain: input.terrain, buildings: input.buildings, lifelines: input.lifelines },
    api: input.api,
  };
}
