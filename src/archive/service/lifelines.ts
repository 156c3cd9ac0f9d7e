/**
 * Pipe risk, the rule: a segment is at risk when it is old or in poor condition and lies
 * within the chosen distance of a C or D building, by the buildings' *current* grades
 * (an inspection that changes a grade changes the risk at once). The options are settled
 * here (defaults, the import's maximum distance); any {@link LifelineStore} supplies the
 * lookups.
 */
import {
  DEFAULT_RISK_AGE_YEARS,
  DEFAULT_RISK_DISTANCE_M,
  isPoorCondition,
  isRiskGrade,
  NETWORKS,
  type LifelineRiskStats,
  type NearbyBuilding,
  type NearbyPipe,
  type Network,
  type PipeSegmentView,
  type RiskList,
} from '../../core/lifelines.ts';
import type { LifelineStore, StoredSegment } from '../store/lifeline-store.ts';

export interface RiskOptions {
  /** A segment this many years old or older counts as old. Default 30. */
  ageYears?: number;
  /** Distance to a C/D building (m). Default 15; at most the import's maximum (50). */
  distanceM?: number;
  /** "Now", for ages. Default the current date. */
  now?: Date;
}

export interface RiskSettings {
  ageYears: number;
  distanceM: number;
  /** Pipes installed in or before this year are old. */
  oldBeforeYear: number;
}

export class RiskOptionError extends Error {}

/** Settles the options against the largest distance the store holds; throws RiskOptionError with an actionable message. */
export function settleRiskOptions(options: RiskOptions, maxDistanceM: number): RiskSettings {
  const ageYears = options.ageYears ?? DEFAULT_RISK_AGE_YEARS;
  const distanceM = options.distanceM ?? DEFAULT_RISK_DISTANCE_M;
  if (maxDistanceM > 0 && distanceM > maxDistanceM) {
    throw new RiskOptionError(
      `距离不能超过 ${maxDistanceM} 米（导入时预计算的范围）/ distance may be at most ${maxDistanceM} m, the range precomputed at import: re-import the lifelines with a larger maximum`,
    );
  }
  const year = (options.now ?? new Date()).getFullYear();
  return { ageYears, distanceM, oldBeforeYear: year - ageYears };
}

/** A segment as the API shows it; `nearRisk` is whether a C/D building is within the distance. */
export function pipeView(row: StoredSegment, s: RiskSettings, nearRisk: boolean): PipeSegmentView {
  const old = row.install_year <= s.oldBeforeYear;
  const poorCondition = isPoorCondition(row.condition);
  return {
    id: row.id,
    network: row.network,
    diameterMm: row.diameter_mm,
    depthM: row.depth_m,
    material: row.material,
    installYear: row.install_year,
    ageYears: s.oldBeforeYear + s.ageYears - row.install_year,
    condition: row.condition,
    pressure: row.pressure,
    lengthM: row.length_m,
    lon: row.lon,
    lat: row.lat,
    old,
    poorCondition,
    atRisk: (old || poorCondition) && nearRisk,
  };
}

export class Lifelines {
  constructor(private readonly store: LifelineStore) {}

  async settings(options: RiskOptions = {}): Promise<RiskSettings> {
    return settleRiskOptions(options, await this.store.lifelineMaxDistanceM());
  }

  /** A segment and the buildings it runs under or near, nearest first; null if unknown. */
  async segment(id: string, options: RiskOptions = {}): Promise<{ segment: PipeSegmentView; buildings: NearbyBuilding[]; settings: RiskSettings } | null> {
    const s = await this.settings(options);
    const found = await this.store.lifelineSegment(id, s.distanceM);
    if (!found) return null;
    const buildings = found.buildings.map((b) => ({ ...b, under: b.distanceM === 0 }));
    const nearRisk = buildings.some((b) => isRiskGrade(b.grade));
    return { segment: pipeView(found.segment, s, nearRisk), buildings, settings: s };
  }

  /** The pipes within the distance of a building, nearest first; null if the building is unknown. */
  async buildingPipes(code: string, options: RiskOptions = {}): Promise<{ code: string; grade: NearbyBuilding['grade']; pipes: NearbyPipe[]; settings: RiskSettings } | null> {
    const s = await this.settings(options);
    const found = await this.store.lifelineBuildingPipes(code, s.distanceM);
    if (!found) return null;
    const dangerous = isRiskGrade(found.grade);
    const pipes: NearbyPipe[] = [];
    for (const { distanceM, ...row } of found.pipes) {
      // This building being C/D settles it; otherwise another C/D neighbour may (asked only when the pipe is old or poor).
      const candidate = row.install_year <= s.oldBeforeYear || isPoorCondition(row.condition);
      const nearRisk = dangerous || (candidate && (await this.store.lifelineNearRiskGrade(row.id, s.distanceM)));
      pipes.push({ ...pipeView(row, s, nearRisk), distanceM, under: distanceM === 0 });
    }
    return { code, grade: found.grade, pipes, settings: s };
  }

  /** Ids of every at-risk segment (for the map's highlight), with the counts. */
  async risk(options: RiskOptions = {}): Promise<RiskList> {
    const s = await this.settings(options);
    const { segments, atRisk } = await this.store.lifelineRiskSegments({ distanceM: s.distanceM, oldBeforeYear: s.oldBeforeYear });
    const byNetwork = Object.fromEntries(NETWORKS.map((n) => [n, 0])) as Record<Network, number>;
    for (const r of atRisk) byNetwork[r.network]++;
    return { ageYears: s.ageYears, distanceM: s.distanceM, segments, total: atRisk.length, byNetwork, ids: atRisk.map((r) => r.id) };
  }

  /** Counts only (the big screen). */
  async riskStats(options: RiskOptions = {}): Promise<LifelineRiskStats> {
    const { ids: _ids, ...stats } = await this.risk(options);
    return stats;
  }
}
