// TEMPORARY (lead): replaced by the flood helper's client at merge.
import { decodeAnalysisGrid, ANALYSIS_GRID_FILE, type AnalysisGrid } from '../../core/analysis/analysis-grid.ts';
export async function fetchAnalysisGrid(signal?: AbortSignal): Promise<AnalysisGrid> {
  const r = await fetch(`/tiles/${ANALYSIS_GRID_FILE}`, signal ? { signal } : {});
  if (!r.ok) throw new Error(`HTTP ${r.status}`);
  const d = decodeAnalysisGrid(await r.arrayBuffer());
  if (!d.ok) throw new Error(d.problems.map((p) => p.message).join('; '));
  return d.value;
}
export async function fetchFloodReport(level: number, signal?: AbortSignal): Promise<import('../analysis/flood/flood-result.ts').FloodReportLike> {
  const r = await fetch(`/api/analysis/flood?level=${level}`, signal ? { signal } : {});
  if (!r.ok) throw new Error(`HTTP ${r.status}`);
  return r.json();
}
export function floodCsvUrl(level: number, list: 'buildings' | 'pipes'): string {
  return `/api/analysis/flood.csv?level=${level}&list=${list}`;
}
