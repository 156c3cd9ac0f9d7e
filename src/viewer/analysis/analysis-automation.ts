/**
 * `window.yz.analysis` (README "Automation handle"): runs a tool from given inputs, as a
 * test or a kiosk script would, and returns its numbers. It opens the tool with those
 * inputs (so the map, the panel and the URL show the same run) and computes with the
 * same pure functions and scene data as the panel; points are first rounded as the URL
 * keeps them (6 decimals, 1 cm), so the copied link gives the same numbers.
 */
import i18next from 'i18next';
import type { AnalysisScene } from './analysis-scene.ts';
import { ANALYSIS_NS } from './analysis-tools.ts';
import { DEFAULT_OBSERVER_HEIGHT_M, DEFAULT_PIT_DEPTH_M, roundPoint, type AnalysisToolId, type AnalysisView, type MeasureMode, type ToolPoint } from './analysis-url-state.ts';
import type { GradeOrUnappraised } from '../../core/grades.ts';
import { fetchFloodReport, fetchPipesAlong, fetchPipesWithin } from '../api/analysis-client.ts';
import { excavateResult, type ExcavateNumbers } from './excavate/excavate-result.ts';
import { sectionResult, type SectionNumbers } from './section/section-result.ts';
import { floodOf, floodResult, type FloodNumbers } from './flood/flood-result.ts';
import { measureResult, type MeasureNumbers } from './measure/measure-result.ts';
import { sightlineResult, type SightlineNumbers } from './sightline/sightline-result.ts';
import { sunHoursClient } from './sun/sun-hours-client.ts';
import { DEFAULT_TIME, defaultSunDate, sunRequest, sunResult, type SunNumbers } from './sun/sun-result.ts';

export interface AnalysisAutomation {
  /** The open tool, or null. */
  readonly open: AnalysisToolId | null;
  /** Loads the tools' data (pick index, analysis grid); resolves with what is missing, one line each. */
  ready(): Promise<{ problems: string[]; terrain: boolean; buildings: number }>;
  /** Measure: points [lon°, lat°, ellipsoid m]; a line by default, `mode: 'area'` for a polygon. */
  measure(input: { points: ToolPoint[]; mode?: MeasureMode }): Promise<MeasureNumbers>;
  /** Sightline from `observer` (its eye `observerHeight` m above it, default 1.6) to `target`; `radius` adds a viewshed. */
  sightline(input: { observer: ToolPoint; target?: ToolPoint; observerHeight?: number; radius?: number }): Promise<SightlineNumbers>;
  /** Flood at `level` (m, the DEM's frame): the water on the grid and the archive's lists (GET /api/analysis/flood). */
  flood(input: { level: number }): Promise<FloodNumbers>;
  /**
   * Sunlight at `date` (YYYY-MM-DD, default this year's 大寒) and `time` (HH:MM China Standard
   * Time, default 12:00); with `building`, its sun hours that day (computed in the worker).
   */
  sun(input: { date?: string; time?: string; building?: string; area?: ToolPoint[] }): Promise<SunNumbers>;
  /** Excavate a pit with this outline (≥ 3 points) `depth` m deep (default 5): the cut, and the pipes inside from the archive. */
  excavate(input: { ring: ToolPoint[]; depth?: number }): Promise<ExcavateNumbers>;
  /** A section along `points` (≥ 2): ground, the buildings and pipes crossed. */
  section(input: { points: ToolPoint[] }): Promise<SectionNumbers>;
  close(): void;
}

export interface AnalysisAutomationDeps {
  loadScene(): Promise<AnalysisScene>;
  current(): AnalysisView | null;
  set(view: AnalysisView | null): void;
  grades(): ReadonlyMap<string, GradeOrUnappraised>;
  useOf(code: string): string | null;
}

export function createAnalysisAutomation(deps: AnalysisAutomationDeps): AnalysisAutomation {
  const t = () => i18next.getFixedT(null, ANALYSIS_NS);
  return {
    get open() {
      return deps.current()?.tool ?? null;
    },
    async ready() {
      const s = await deps.loadScene();
      return { problems: s.problems, terrain: s.terrain !== null, buildings: s.buildings?.count ?? 0 };
    },
    async measure({ points: given, mode = 'line' }) {
      const points = given.map(roundPoint);
      const scene = await deps.loadScene();
      deps.set({ tool: 'measure', mode, points });
      return measureResult(mode, points, scene, t()).numbers;
    },
    async sightline({ observer, target, observerHeight = DEFAULT_OBSERVER_HEIGHT_M, radius }) {
      const scene = await deps.loadScene();
      const view = { tool: 'sightline' as const, points: (target ? [observer, target] : [observer]).map(roundPoint), observerHeight, radius: radius ?? null };
      deps.set(view);
      return sightlineResult(view, scene, t()).result.numbers;
    },
    async flood({ level }) {
      const scene = await deps.loadScene();
      deps.set({ tool: 'flood', level });
      const { map, problems } = floodOf(scene, level);
      return floodResult(level, map, await fetchFloodReport(level), t(), problems).numbers;
    },
    async sun({ date = defaultSunDate(), time = DEFAULT_TIME, building, area }) {
      const scene = await deps.loadScene();
      const view = { tool: 'sun' as const, date, time, building: building ?? null, mode: area ? ('area' as const) : ('building' as const), points: (area ?? []).map(roundPoint) };
      deps.set(view);
      const wanted = area ? view.points.length >= 3 : Boolean(building);
      const answer = wanted && scene.buildings ? await sunHoursClient.run({ index: scene.buildings, terrain: scene.terrain }, sunRequest(view, date, scene.buildings.codes, deps.useOf)) : null;
      return sunResult(date, time, answer, scene.buildings, t()).numbers;
    },
    async excavate({ ring: given, depth = DEFAULT_PIT_DEPTH_M }) {
      const ring = given.map(roundPoint);
      const scene = await deps.loadScene();
      deps.set({ tool: 'excavate', points: ring, depth });
      const pipes = ring.length >= 3 ? (await fetchPipesWithin(ring.map(([lon, lat]) => [lon, lat] as [number, number]))).pipes : null;
      return excavateResult(ring, depth, scene, pipes, t()).result.numbers;
    },
    async section({ points: given }) {
      const points = given.map(roundPoint);
      const scene = await deps.loadScene();
      deps.set({ tool: 'section', points });
      const pipes = points.length >= 2 ? (await fetchPipesAlong(points.map(([lon, lat]) => [lon, lat] as [number, number]))).pipes : null;
      return sectionResult(points, scene, deps.grades(), pipes, t()).result.numbers;
    },
    close: () => deps.set(null),
  };
}
