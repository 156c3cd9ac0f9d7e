/**
 * Pure: the reports of every benchmark → `bench/results.json`, the one file the
 * results page is rendered from. Keeps the headline figures (with their targets and
 * whether each is met) next to each bench's full median report.
 */
import type { AnalysisBench } from './viewer/analysis-run.ts';
import type { MachineInfo } from './machine.ts';
import type { ViewerComparison } from './viewer/viewer-summary.ts';

export const TARGETS = { loadRatio: 10, fpsRatio: 5, pickMs: 50 } as const;

/** A bench that ran (`runs`: how many runs its medians are over), or why it did not. */
export type BenchSection<T> = { status: 'ok'; report: T; runs?: number; keptFrom?: string } | { status: 'skipped' | 'failed'; reason: string };

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
    | ({ status: 'ok'; loadRatio: number | null; fpsRatio: number | null; targets: Record<'load' | 'fps' | 'pick', Target>; settings: Record<string, unknown>; keptFrom?: string; analysis?: AnalysisBench | null } & ViewerComparison)
    | { status: 'skipped' | 'failed'; reason: string; loadRatio: null; fpsRatio: null };
  pipelines: { terrain: BenchSection<unknown>; buildings: BenchSection<unknown>; lifelines: BenchSection<unknown>; sources?: BenchSection<unknown> };
  api: BenchSection<unknown>;
}

export interface ViewerReport {
  machine?: { chromium?: string };
  settings: Record<string, unknown>;
  summary: ViewerComparison;
  /** The analysis tools' timings (bench/viewer/analysis-run.ts). */
  analysis?: AnalysisBench | null;
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
  /** Reading hand-over files (issue 17); absent in results written before it. */
  sources?: BenchSection<unknown>;
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
        ? { status: 'ok', ...v.report.summary, loadRatio: v.report.summary.loadRatio, fpsRatio: v.report.summary.fpsRatio, targets: viewerTargets(v.report.summary), settings: v.report.settings, analysis: v.report.analysis ?? null, ...(v.keptFrom ? { keptFrom: v.keptFrom } : {}) }
        : { status: v.status, reason: v.reason, loadRatio: null, fpsRatio: null },
    pipelines: { terrain: input.terrain, buildings: input.buildings, lifelines: input.lifelines, ...(input.sources ? { sources: input.sources } : {}) },
    api: input.api,
  };
}

export type BenchName = 'viewer' | 'terrain' | 'buildings' | 'lifelines' | 'sources' | 'api';

/**
 * The sections of an earlier results file, as run-all's input again, each marked with
 * when it was measured: `npm run bench -- --only sources` re-measures one bench and
 * keeps the others' figures, rather than leaving them out of the page (a full run
 * takes more than an hour). Only measured sections are kept.
 */
export function keptSections(previous: BenchResults): Partial<Record<BenchName, BenchSection<unknown>>> {
  const from = previous.collected?.measuredTo ?? previous.date;
  const kept: Partial<Record<BenchName, BenchSection<unknown>>> = {};
  const keep = (name: BenchName, s: BenchSection<unknown> | undefined) => {
    if (s?.status === 'ok') kept[name] = { ...s, keptFrom: s.keptFrom ?? from };
  };
  keep('terrain', previous.pipelines.terrain);
  keep('buildings', previous.pipelines.buildings);
  keep('lifelines', previous.pipelines.lifelines);
  keep('sources', previous.pipelines.sources);
  keep('api', previous.api);
  const v = previous.viewer;
  if (v.status === 'ok') {
    const { status: _status, targets: _targets, settings, keptFrom, analysis, ...summary } = v;
    const report: ViewerReport = { machine: { chromium: previous.machine.chromium ?? undefined }, settings, summary: summary as ViewerComparison, analysis: analysis ?? null };
    kept.viewer = { status: 'ok', report, keptFrom: keptFrom ?? from };
  }
  return kept;
}
