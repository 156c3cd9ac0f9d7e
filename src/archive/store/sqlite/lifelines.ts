/**
 * Pipe risk from the precomputed proximity table and the buildings' *current*
 * grades (an inspection that changes a grade changes the risk at once):
 * a segment is at risk when it is old or in poor condition and lies within the
 * chosen distance of a C or D building. Every query is an index lookup, never a
 * scan of the geometry.
 */
import type Database from 'better-sqlite3';
import {
  DEFAULT_RISK_AGE_YEARS,
  DEFAULT_RISK_DISTANCE_M,
  isPoorCondition,
  isRiskGrade,
  NETWORKS,
  POOR_CONDITIONS,
  RISK_GRADES,
  type LifelineRiskStats,
  type NearbyBuilding,
  type NearbyPipe,
  type Network,
  type PipeRecord,
  type PipeSegmentView,
  type RiskList,
} from '../../../core/lifelines.ts';

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

interface SegmentRow extends PipeRecord {
  lon: number;
  lat: number;
}

const SEGMENT_COLUMNS = 's.id, s.network, s.diameter_mm, s.depth_m, s.material, s.install_year, s.condition, s.pressure, s.length_m, s.lon, s.lat';
const POOR_SQL = POOR_CONDITIONS.map((c) => `'${c}'`).join(',');
const GRADES_SQL = RISK_GRADES.map((g) => `'${g}'`).join(',');

export class LifelineQueries {
  private readonly stmt;

  constructor(private readonly db: Database.Database) {
    this.stmt = {
      maxDistance: db.prepare("SELECT value FROM meta WHERE key = 'lifelines_max_distance_m'").pluck(),
      segment: db.prepare(`SELECT ${SEGMENT_COLUMNS} FROM lifeline_segments s WHERE s.id = ?`),
      nearSegment: db.prepare(
        `SELECT b.code, b.address, b.name, b.grade, p.distance_m FROM lifeline_proximity p JOIN buildings b ON b.code = p.code
         WHERE p.segment_id = ? AND p.distance_m <= ? ORDER BY p.distance_m, b.code`,
      ),
      building: db.prepare('SELECT code, grade FROM buildings WHERE code = ?'),
      nearBuilding: db.prepare(
        `SELECT ${SEGMENT_COLUMNS}, p.distance_m FROM lifeline_proximity p JOIN lifeline_segments s ON s.id = p.segment_id
         WHERE p.code = ? AND p.distance_m <= ? ORDER BY p.distance_m, s.id`,
      ),
      riskIds: db.prepare(
        `SELECT DISTINCT s.id, s.network FROM lifeline_segments s JOIN lifeline_proximity p ON p.segment_id = s.id
         JOIN buildings b ON b.code = p.code
         WHERE p.distance_m <= ? AND b.grade IN (${GRADES_SQL}) AND (s.install_year <= ? OR s.condition IN (${POOR_SQL}))
         ORDER BY s.id`,
      ),
      segmentRisk: db.prepare(
        `SELECT EXISTS (SELECT 1 FROM lifeline_proximity p JOIN buildings b ON b.code = p.code
         WHERE p.segment_id = ? AND p.distance_m <= ? AND b.grade IN (${GRADES_SQL}))`,
      ).pluck(),
      count: db.prepare('SELECT COUNT(*) FROM lifeline_segments').pluck(),
    };
  }

  /** The largest distance the proximity table holds (0 before any import). */
  maxDistanceM(): number {
    return (this.stmt.maxDistance.get() as number | undefined) ?? 0;
  }

  /** Settles the options; throws RiskOptionError with an actionable message. */
  settings(options: RiskOptions = {}): RiskSettings {
    const ageYears = options.ageYears ?? DEFAULT_RISK_AGE_YEARS;
    const distanceM = options.distanceM ?? DEFAULT_RISK_DISTANCE_M;
    const max = this.maxDistanceM();
    if (max > 0 && distanceM > max) {
      throw new RiskOptionError(
        `距离不能超过 ${max} 米（导入时预计算的范围）/ distance may be at most ${max} m, the range precomputed at import: re-import the lifelines with a larger maximum`,
      );
    }
    const year = (options.now ?? new Date()).getFullYear();
    return { ageYears, distanceM, oldBeforeYear: year - ageYears };
  }

  private view(row: SegmentRow, s: RiskSettings, nearRisk: boolean | null): PipeSegmentView {
    const old = row.install_year <= s.oldBeforeYear;
    const poorCondition = isPoorCondition(row.condition);
    const atRisk = (old || poorCondition) && (nearRisk ?? (this.stmt.segmentRisk.get(row.id, s.distanceM) as number) === 1);
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
      atRisk,
    };
  }

  /** A segment and the buildings it runs under or near, nearest first; null if unknown. */
  segment(id: string, options: RiskOptions = {}): { segment: PipeSegmentView; buildings: NearbyBuilding[]; settings: RiskSettings } | null {
    const s = this.settings(options);
    const row = this.stmt.segment.get(id) as SegmentRow | undefined;
    if (!row) return null;
    const buildings = (this.stmt.nearSegment.all(id, s.distanceM) as { code: string; address: string; name: string | null; grade: NearbyBuilding['grade']; distance_m: number }[])
      .map((b) => ({ code: b.code, address: b.address, name: b.name, grade: b.grade, distanceM: b.distance_m, under: b.distance_m === 0 }));
    const nearRisk = buildings.some((b) => isRiskGrade(b.grade));
    return { segment: this.view(row, s, nearRisk), buildings, settings: s };
  }

  /** The pipes within the distance of a building, nearest first; null if the building is unknown. */
  buildingPipes(code: string, options: RiskOptions = {}): { code: string; grade: NearbyBuilding['grade']; pipes: NearbyPipe[]; settings: RiskSettings } | null {
    const s = this.settings(options);
    const building = this.stmt.building.get(code) as { code: string; grade: NearbyBuilding['grade'] } | undefined;
    if (!building) return null;
    const dangerous = isRiskGrade(building.grade);
    const pipes = (this.stmt.nearBuilding.all(code, s.distanceM) as (SegmentRow & { distance_m: number })[]).map((row) => ({
      // This building being C/D settles it; otherwise another C/D neighbour may.
      ...this.view(row, s, dangerous ? true : null),
      distanceM: row.distance_m,
      under: row.distance_m === 0,
    }));
    return { code, grade: building.grade, pipes, settings: s };
  }

  /** Ids of every at-risk segment (for the map's highlight), with the counts. */
  risk(options: RiskOptions = {}): RiskList {
    const s = this.settings(options);
    const rows = this.stmt.riskIds.all(s.distanceM, s.oldBeforeYear) as { id: string; network: Network }[];
    const byNetwork = Object.fromEntries(NETWORKS.map((n) => [n, 0])) as Record<Network, number>;
    for (const r of rows) byNetwork[r.network]++;
    return {
      ageYears: s.ageYears,
      distanceM: s.distanceM,
      segments: this.stmt.count.get() as number,
      total: rows.length,
      byNetwork,
      ids: rows.map((r) => r.id),
    };
  }

  /** Counts only (the big screen). */
  riskStats(options: RiskOptions = {}): LifelineRiskStats {
    const { ids: _ids, ...stats } = this.risk(options);
    return stats;
  }
}
