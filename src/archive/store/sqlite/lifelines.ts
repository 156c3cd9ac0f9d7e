/**
 * Pipe lookups in SQLite, from the precomputed proximity table and the buildings'
 * *current* grades (an inspection that changes a grade changes the risk at once).
 * Every query is an index lookup, never a scan of the geometry. What is old, poor or at
 * risk is decided in `service/lifelines.ts`; the at-risk list filters here with that
 * rule's parameters and the core's poor conditions and risk grades. Replacing the
 * network (shadow tables, the swap, the import lease) is `lifeline-swap.ts`.
 */
import type Database from 'better-sqlite3';
import type { Geometry } from 'geojson';
import { POOR_CONDITIONS, RISK_GRADES, type NearbyBuilding, type Network } from '../../../core/lifelines.ts';
import type {
  LifelineLine,
  LifelineReplaced,
  LifelineReplaceError,
  LifelineReplacement,
  LifelineStore,
  RiskFilter,
  StoredNearbyBuilding,
  StoredSegment,
} from '../lifeline-store.ts';
import { SqliteLifelineSwap } from './lifeline-swap.ts';
import { type Outcome } from '../../../core/result.ts';

const SEGMENT_COLUMNS = 's.id, s.network, s.diameter_mm, s.depth_m, s.material, s.install_year, s.condition, s.pressure, s.length_m, s.lon, s.lat';
const POOR_SQL = POOR_CONDITIONS.map((c) => `'${c}'`).join(',');
const GRADES_SQL = RISK_GRADES.map((g) => `'${g}'`).join(',');

export class SqliteLifelines implements LifelineStore {
  private readonly stmt;
  private readonly swap: SqliteLifelineSwap;

  constructor(db: Database.Database) {
    this.swap = new SqliteLifelineSwap(db);
    this.stmt = {
      footprints: db.prepare('SELECT code, geometry FROM footprints ORDER BY code'),
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
      lines: db.prepare('SELECT id, network, depth_m, geometry FROM lifeline_segments ORDER BY id'),
    };
  }

  async lifelineFootprints(): Promise<Array<{ code: string; geometry: Geometry }>> {
    return (this.stmt.footprints.all() as { code: string; geometry: string }[]).map((r) => ({ code: r.code, geometry: JSON.parse(r.geometry) as Geometry }));
  }

  async lifelineLines(): Promise<LifelineLine[]> {
    return (this.stmt.lines.all() as { id: string; network: Network; depth_m: number | null; geometry: string }[]).map((r) => ({
      id: r.id,
      network: r.network,
      depthM: r.depth_m,
      geometry: JSON.parse(r.geometry) as LifelineLine['geometry'],
    }));
  }

  replaceLifelines(network: LifelineReplacement): Promise<Outcome<LifelineReplaced, LifelineReplaceError>> {
    return this.swap.replace(network);
  }

  async lifelineMaxDistanceM(): Promise<number> {
    return (this.stmt.maxDistance.get() as number | undefined) ?? 0;
  }

  async lifelineSegment(id: string, distanceM: number): Promise<{ segment: StoredSegment; buildings: StoredNearbyBuilding[] } | null> {
    const segment = this.stmt.segment.get(id) as StoredSegment | undefined;
    if (!segment) return null;
    const rows = this.stmt.nearSegment.all(id, distanceM) as { code: string; address: string; name: string | null; grade: NearbyBuilding['grade']; distance_m: number }[];
    return { segment, buildings: rows.map((b) => ({ code: b.code, address: b.address, name: b.name, grade: b.grade, distanceM: b.distance_m })) };
  }

  async lifelineBuildingPipes(code: string, distanceM: number): Promise<{ grade: NearbyBuilding['grade']; pipes: Array<StoredSegment & { distanceM: number }> } | null> {
    const building = this.stmt.building.get(code) as { code: string; grade: NearbyBuilding['grade'] } | undefined;
    if (!building) return null;
    const rows = this.stmt.nearBuilding.all(code, distanceM) as (StoredSegment & { distance_m: number })[];
    return { grade: building.grade, pipes: rows.map(({ distance_m, ...segment }) => ({ ...segment, distanceM: distance_m })) };
  }

  async lifelineNearRiskGrade(id: string, distanceM: number): Promise<boolean> {
    return (this.stmt.segmentRisk.get(id, distanceM) as number) === 1;
  }

  async lifelineRiskSegments(filter: RiskFilter): Promise<{ segments: number; atRisk: Array<{ id: string; network: Network }> }> {
    const atRisk = this.stmt.riskIds.all(filter.distanceM, filter.oldBeforeYear) as { id: string; network: Network }[];
    return { segments: this.stmt.count.get() as number, atRisk };
  }
}
