/**
 * Pure: the medians over runs of each viewer's figures, and the ratios between them
 * (naive ÷ ours for times and bytes, ours ÷ naive for frame rate). A run that timed
 * out counts as "slower than the timeout": if the naive page timed out, its load time
 * and the load ratio are lower bounds, and say so.
 */
import { median, percentile, ratio } from '../stats.ts';
import type { ViewerKind, ViewerRun, ViewLoad } from './viewer-run.ts';

export interface ViewLoadSummary {
  /** Median load time of the runs (ms); a timed-out run counts as the timeout. */
  loadMs: number | null;
  /** True when at least half of the runs timed out: loadMs is then "more than". */
  loadIsLowerBound: boolean;
  timedOutRuns: number;
  /** Median time to the buildings layer loaded (ms), over the runs that did not time out. */
  buildingsMs: number | null;
  /** Median buildings drawn once ready. */
  buildingsDrawn: number | null;
  requests: number | null;
  bytes: number | null;
}

export interface ViewerSummary {
  runs: number;
  opening: ViewLoadSummary;
  street: ViewLoadSummary;
  jsHeapBytes: number | null;
  webglBufferBytes: number | null;
  webglTextureBytes: number | null;
  tilesetBytes: number | null;
  fps: number | null;
  pick: {
    clicks: number;
    identified: number;
    medianMs: number | null;
    p95Ms: number | null;
    maxMs: number | null;
    firstMs: number | null;
    /** Ours: clicks per identification method the app reported ('cpu', 'gpu'). */
    methods?: Record<string, number>;
  };
  /** Ours only: click → dossier open (median ms). */
  dossierMs: number | null;
  /** Ours only: the render profile of the first run (`yz.renderProfile`). */
  renderProfile?: ViewerRun['renderProfile'];
  /** Measurements that failed, over all runs. */
  errors: string[];
}

export interface ViewerComparison {
  ours: ViewerSummary;
  naive: ViewerSummary;
  /** Naive load time ÷ ours (opening view). */
  loadRatio: number | null;
  loadRatioIsLowerBound: boolean;
  /** Naive ÷ ours, time until the buildings layer is loaded (opening view). */
  buildingsLoadRatio: number | null;
  streetLoadRatio: number | null;
  /** Ours fps ÷ naive fps over the scripted flight. */
  fpsRatio: number | null;
  /** Naive bytes ÷ ours until the opening view is complete. */
  openingBytesRatio: number | null;
  readyTimeoutMs: number;
}

function summarizeLoads(loads: ViewLoad[], timeoutMs: number): ViewLoadSummary {
  const timedOutRuns = loads.filter((l) => l.timedOut).length;
  return {
    loadMs: median(loads.map((l) => (l.timedOut ? timeoutMs : l.loadMs))),
    loadIsLowerBound: loads.length > 0 && timedOutRuns * 2 >= loads.length,
    timedOutRuns,
    buildingsMs: median(loads.map((l) => l.buildingsMs)),
    buildingsDrawn: median(loads.map((l) => l.buildingsDrawn)),
    requests: median(loads.map((l) => l.streaming.requests)),
    bytes: median(loads.map((l) => l.streaming.bytes)),
  };
}

function countBy(values: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const v of values) counts[v] = (counts[v] ?? 0) + 1;
  return counts;
}

export function summarizeViewer(runs: ViewerRun[], timeoutMs: number): ViewerSummary {
  const clicks = runs.flatMap((r) => r.clicks);
  const identified = clicks.filter((c) => c.code !== null && c.code === c.expected);
  const firsts = runs.map((r) => r.clicks[0]?.ms);
  return {
    runs: runs.length,
    opening: summarizeLoads(runs.map((r) => r.opening), timeoutMs),
    street: summarizeLoads(runs.map((r) => r.street), timeoutMs),
    jsHeapBytes: median(runs.map((r) => r.memory?.jsHeapBytes)),
    webglBufferBytes: median(runs.map((r) => r.memory?.webgl?.buffers)),
    webglTextureBytes: median(runs.map((r) => r.memory?.webgl?.textures)),
    tilesetBytes: median(runs.map((r) => r.memory?.tilesetBytes)),
    fps: median(runs.map((r) => r.flight?.fps)),
    pick: {
      clicks: clicks.length,
      identified: identified.length,
      medianMs: median(clicks.map((c) => c.ms)),
      p95Ms: percentile(clicks.map((c) => c.ms), 95),
      maxMs: percentile(clicks.map((c) => c.ms), 100),
      firstMs: median(firsts),
      ...(clicks.some((c) => c.method) ? { methods: countBy(clicks.map((c) => c.method ?? 'none')) } : {}),
    },
    dossierMs: median(clicks.map((c) => c.dossierMs)),
    ...(runs[0]?.renderProfile ? { renderProfile: runs[0].renderProfile } : {}),
    errors: [...new Set(runs.flatMap((r) => r.errors ?? []))],
  };
}

export function compareViewers(runs: ViewerRun[], timeoutMs: number): ViewerComparison {
  const of = (kind: ViewerKind) => summarizeViewer(runs.filter((r) => r.kind === kind), timeoutMs);
  const ours = of('ours');
  const naive = of('naive');
  return {
    ours,
    naive,
    loadRatio: ratio(naive.opening.loadMs, ours.opening.loadMs),
    loadRatioIsLowerBound: naive.opening.loadIsLowerBound,
    buildingsLoadRatio: ratio(naive.opening.buildingsMs, ours.opening.buildingsMs),
    streetLoadRatio: ratio(naive.street.loadMs, ours.street.loadMs),
    fpsRatio: ratio(ours.fps, naive.fps),
    openingBytesRatio: ratio(naive.opening.bytes, ours.opening.bytes),
    readyTimeoutMs: timeoutMs,
  };
}
