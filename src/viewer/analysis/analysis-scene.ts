/**
 * The data the tools compute on, loaded once per page on first use: the buildings'
 * prisms (the CPU picker's pick index, already in memory after the tileset's first
 * load) and the analysis grid (tiles/terrain/analysis-grid.bin: the DEM at its own
 * resolution with the river cells, written by the build). Either may be missing (an
 * old build, a district without buildings): the tools that need it say so and the
 * others still answer.
 */
import type { BuildingPickIndex } from '../../core/building-pick-index.ts';
import type { ElevationGrid } from '../../core/elevation-grid.ts';
import { createEnuFrame, type EnuFrame } from '../../core/analysis/geodesy.ts';

export interface AnalysisScene {
  terrain: ElevationGrid | null;
  /** River cells of `terrain` (row × width + col): where a flood starts. */
  riverCells: Uint32Array | null;
  buildings: BuildingPickIndex | null;
  /** The pick index's east-north-up frame (null without buildings). */
  frame: EnuFrame | null;
  /** Why a part is missing, one bilingual line each. */
  problems: string[];
}

export interface AnalysisSceneSources {
  pickIndex(): Promise<BuildingPickIndex | null>;
  grid(signal?: AbortSignal): Promise<{ grid: ElevationGrid; riverCells: Uint32Array }>;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** Loads both parts; never rejects (a missing part is a problem line). */
export async function loadAnalysisScene(sources: AnalysisSceneSources, signal?: AbortSignal): Promise<AnalysisScene> {
  const problems: string[] = [];
  const [buildings, grid] = await Promise.all([
    sources.pickIndex().catch((e: unknown) => {
      problems.push(`建筑棱柱索引未载入 / building prisms not loaded: ${message(e)}`);
      return null;
    }),
    sources.grid(signal).catch((e: unknown) => {
      problems.push(`分析高程网格未载入，地形相关结果不可用 / the analysis elevation grid is not loaded (${message(e)}): results that need the terrain are not available. Fix: npm run build`);
      return null;
    }),
  ]);
  if (buildings === null && !problems.some((p) => p.startsWith('建筑'))) problems.push('没有建筑棱柱索引 / no building prisms (pick index): buildings do not block or snap');
  return {
    terrain: grid?.grid ?? null,
    riverCells: grid?.riverCells ?? null,
    buildings,
    frame: buildings ? createEnuFrame([buildings.origin.lon, buildings.origin.lat, buildings.origin.height]) : null,
    problems,
  };
}
