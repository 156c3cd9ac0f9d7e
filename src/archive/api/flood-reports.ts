/**
 * The flood reports the analysis route answers with, and what they are computed from:
 * the build's analysis grid (`tiles/terrain/analysis-grid.bin`, read once and decoded
 * with the core codec; read again only when the published file changes — a rebuild
 * swaps the terrain folder's symlink), the archive's buildings and pipes (read once per
 * archive change version: an inspection changes a grade, an import the footprints), and
 * the last few levels' reports for that grid and version (a wall screen and the desks
 * ask the same presets again and again).
 *
 * Measured on the sample (2,516 × 1,557 grid, 7.9 MB; 14,149 buildings; 40,958 pipe
 * segments), through the plugin with `app.inject` (var/tmp/flood-route-speed.mts, 3 runs on a
 * 2-core machine shared with other jobs, load average ~4): the first request 0.8–1.1 s (grid
 * read and decoded ~0.1 s, the buildings ~0.2 s and the pipe lines 0.4–0.9 s read from
 * SQLite, then the report); a new level 0.15–0.6 s (at 182.01 m, the 寸滩 guarantee level
 * in the DEM frame, 0.29–0.42 s; at 190.13 m, the 2020 crest, 0.39–0.57 s); a level asked
 * before 3–40 ms (serializing up to 0.9 MB of JSON).
 */
import { readFile, realpath, stat } from 'node:fs/promises';
import { decodeAnalysisGrid, type AnalysisGrid } from '../../core/analysis/analysis-grid.ts';
import type { FloodReport } from '../../core/api/analysis-contracts.ts';
import { problemText } from '../../core/problem.ts';
import { floodReport, type FloodInputs } from '../service/flood-report.ts';
import type { ArchiveStore } from '../store/archive-store.ts';

export type FloodAnswer = { ok: true; report: FloodReport } | { ok: false; status: 400 | 404; error: string; message: string };

/** Reports kept: the presets (4) and a few typed levels. */
export const FLOOD_REPORTS_KEPT = 8;

const RUN_BUILD = '请先运行构建(npm run build 或 npm start)/ run the build first (npm run build or npm start)';

export class FloodReports {
  private grid: { key: string; value: AnalysisGrid } | null = null;
  private data: { version: number; value: Omit<FloodInputs, 'grid'> } | null = null;
  private readonly reports = new Map<string, FloodReport>();

  constructor(
    private readonly store: ArchiveStore,
    /** The published analysis grid file; null: none configured (the route answers 404). */
    private readonly gridPath: string | null,
    private readonly kept = FLOOD_REPORTS_KEPT,
  ) {}

  /** The grid, read again when the file behind the path changed; an answer when it cannot be had. */
  private async loadGrid(): Promise<{ ok: true; key: string; grid: AnalysisGrid } | Extract<FloodAnswer, { ok: false }>> {
    const missing = {
      ok: false as const, status: 404 as const, error: 'no_analysis_grid',
      message: `没有淹没分析网格 tiles/terrain/analysis-grid.bin / the flood analysis grid tiles/terrain/analysis-grid.bin is missing: ${RUN_BUILD}`,
    };
    if (!this.gridPath) return missing;
    let key: string;
    let real: string;
    try {
      real = await realpath(this.gridPath);
      const s = await stat(real);
      key = `${real}|${s.mtimeMs}|${s.size}`;
    } catch {
      return missing;
    }
    if (this.grid?.key === key) return { ok: true, key, grid: this.grid.value };
    const decoded = decodeAnalysisGrid(await readFile(real));
    if (!decoded.ok) {
      return { ok: false, status: 404, error: 'bad_analysis_grid', message: decoded.problems.map(problemText).join('; ') };
    }
    this.grid = { key, value: decoded.value };
    return { ok: true, key, grid: decoded.value };
  }

  private async loadData(version: number): Promise<Omit<FloodInputs, 'grid'>> {
    if (this.data?.version === version) return this.data.value;
    const [{ buildings, areas }, lines] = await Promise.all([this.store.analysisBuildings(), this.store.lifelineLines()]);
    this.data = { version, value: { buildings, areas, lines } };
    return this.data.value;
  }

  /** The pipe lines (cached per archive version, shared with the flood reports), for the section and pit routes. */
  async pipeLines(): Promise<FloodInputs['lines']> {
    return (await this.loadData(await this.store.dataVersion())).lines;
  }

  /** The analysis grid's heights, or null when it is missing or damaged. */
  async terrain(): Promise<AnalysisGrid['grid'] | null> {
    const grid = await this.loadGrid();
    return grid.ok ? grid.grid.grid : null;
  }

  async report(level: number): Promise<FloodAnswer> {
    const grid = await this.loadGrid();
    if (!grid.ok) return grid;
    const version = await this.store.dataVersion();
    const cacheKey = `${grid.key}|${version}|${level}`;
    const cached = this.reports.get(cacheKey);
    if (cached) {
      // Most recently used last.
      this.reports.delete(cacheKey);
      this.reports.set(cacheKey, cached);
      return { ok: true, report: cached };
    }
    const data = await this.loadData(version);
    if (data.lines.length === 0) {
      return {
        ok: false, status: 404, error: 'no_lifelines',
        message: `档案中没有管线数据 / the archive holds no lifelines: ${RUN_BUILD}, or import them (npm run archive:import -- --lifelines var/source/lifelines.geojson)`,
      };
    }
    const result = floodReport({ grid: grid.grid, ...data }, level);
    if (!result.ok) {
      const bad = result.problems.some((p) => p.reason === 'bad-level');
      const text = result.problems.map(problemText).join('; ');
      return bad
        ? { ok: false, status: 400, error: 'invalid_query', message: text }
        : { ok: false, status: 404, error: 'no_river', message: `${text}(分析网格中没有河流格 / the analysis grid holds no river cells: ${RUN_BUILD})` };
    }
    this.reports.set(cacheKey, result.value);
    while (this.reports.size > this.kept) this.reports.delete(this.reports.keys().next().value as string);
    return { ok: true, report: result.value };
  }
}
