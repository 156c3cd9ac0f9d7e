/**
 * SQLite rows and the shapes the seam answers with, both ways, and the statements every
 * write on a building shares (the head the service decides on, plan upsert, grade and
 * version bumps): one place, so records and imports write a building alike.
 */
import type Database from 'better-sqlite3';
import type { RenovationPlan } from '../../../core/archive-record.ts';
import type { SafetyGrade } from '../../../core/grades.ts';
import type { HazardItem } from '../../../core/hazards.ts';
import type { PlanStatus } from '../../../core/renovation-plan.ts';
import type { BuildingHead, RegistryBuilding } from '../record-store.ts';
import type { AppraisalView, BuildingSummary, InspectionView, PlanView } from '../store-types.ts';

export interface BuildingRow {
  code: string;
  name: string | null;
  address: string;
  community: string | null;
  floors: number;
  height: number;
  year_built: number;
  structure: BuildingSummary['structure'];
  use: BuildingSummary['use'];
  heritage: number;
  lon: number;
  lat: number;
  grade: SafetyGrade | null;
  version: number;
  plan_status: PlanStatus | null;
  areas: string | null;
}

export interface AppraisalRow {
  id: number;
  date: string;
  agency: string;
  grade: SafetyGrade;
  hazards: string;
  source: 'import' | 'inspection';
  inspection_id: number | null;
}

export interface InspectionRow {
  id: number;
  date: string;
  inspector: string;
  findings: string;
  hazards: string;
  grade_before: SafetyGrade | null;
  grade_after: SafetyGrade | null;
  photos: string;
  recorded_at: string;
}

export interface PlanRow {
  code: string;
  measures: string;
  status: PlanStatus;
  start: string;
  end: string;
  budget_wan: number;
  funding: string;
  unit: string;
  key_project: string | null;
  updated_at: string;
  updated_by: string;
}
export const BUILDING_COLUMNS = `b.code, b.name, b.address, b.community, b.floors, b.height, b.year_built, b.structure, b.use,
  b.heritage, b.lon, b.lat, b.grade, b.version, p.status AS plan_status,
  (SELECT group_concat(area_id, ',') FROM building_areas ba WHERE ba.code = b.code) AS areas`;

export function toSummary(row: BuildingRow): BuildingSummary {
  return {
    code: row.code,
    name: row.name,
    address: row.address,
    community: row.community,
    floors: row.floors,
    height: row.height,
    yearBuilt: row.year_built,
    structure: row.structure,
    use: row.use,
    heritage: row.heritage === 1,
    lon: row.lon,
    lat: row.lat,
    grade: row.grade,
    planStatus: row.plan_status,
    areas: row.areas ? row.areas.split(',').sort() : [],
  };
}

export function toAppraisal(row: AppraisalRow): AppraisalView {
  return {
    id: row.id,
    date: row.date,
    agency: row.agency,
    grade: row.grade,
    hazards: JSON.parse(row.hazards) as HazardItem[],
    source: row.source,
    inspectionId: row.inspection_id,
  };
}

export function toInspection(row: InspectionRow): InspectionView {
  return {
    id: row.id,
    date: row.date,
    inspector: row.inspector,
    findings: row.findings,
    hazards: JSON.parse(row.hazards) as HazardItem[],
    gradeBefore: row.grade_before,
    gradeAfter: row.grade_after,
    photos: JSON.parse(row.photos) as string[],
    recordedAt: row.recorded_at,
  };
}

export function toPlan(row: PlanRow): PlanView {
  return {
    measures: JSON.parse(row.measures) as PlanView['measures'],
    status: row.status,
    start: row.start,
    end: row.end,
    budgetWan: row.budget_wan,
    funding: JSON.parse(row.funding) as PlanView['funding'],
    unit: row.unit,
    keyProject: row.key_project,
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
  };
}
export function planColumns(plan: RenovationPlan) {
  return {
    measures: JSON.stringify(plan.measures),
    status: plan.status,
    start: plan.start,
    end: plan.end,
    budget_wan: plan.budgetWan,
    funding: JSON.stringify(plan.funding),
    unit: plan.unit,
    key_project: plan.keyProject,
  };
}

export function samePlan(row: PlanRow | undefined, plan: RenovationPlan): boolean {
  if (!row) return false;
  const c = planColumns(plan);
  return (
    row.measures === c.measures &&
    row.status === c.status &&
    row.start === c.start &&
    row.end === c.end &&
    row.budget_wan === c.budget_wan &&
    row.funding === c.funding &&
    row.unit === c.unit &&
    row.key_project === c.key_project
  );
}

/** Lower-cased haystack for `?q=`: code, name, address and community in one column. */
export function searchText(p: RegistryBuilding['properties']): string {
  return [p.id, p.name ?? '', p.address, p.community ?? ''].join(' ').toLowerCase();
}
export function planFromRow(row: PlanRow): RenovationPlan {
  const { updatedAt: _u, updatedBy: _b, ...plan } = toPlan(row);
  return plan;
}

/** Statements every building write uses, prepared once per connection. */
export function buildingWriteStatements(db: Database.Database) {
  const stmt = {
    writeHead: db.prepare<[string], { grade: SafetyGrade | null; version: number; heritage: number; status: PlanStatus | null }>(
      'SELECT b.grade, b.version, b.heritage, p.status FROM buildings b LEFT JOIN plans p ON p.code = b.code WHERE b.code = ?',
    ),
    latestAppraisal: db.prepare<[string], { grade: SafetyGrade; date: string }>('SELECT grade, date FROM appraisals WHERE code = ? ORDER BY date DESC, id DESC LIMIT 1'),
    plan: db.prepare<[string], PlanRow>('SELECT * FROM plans WHERE code = ?'),
    setGrade: db.prepare('UPDATE buildings SET grade = ?, map_version = ? WHERE code = ?'),
    touchMap: db.prepare('UPDATE buildings SET map_version = ? WHERE code = ?'),
    bumpBuilding: db.prepare<[string], number>('UPDATE buildings SET version = version + 1 WHERE code = ? RETURNING version').pluck(),
    upsertPlan: db.prepare(
      `INSERT INTO plans (code, measures, status, start, "end", budget_wan, funding, unit, key_project, updated_at, updated_by)
       VALUES (@code, @measures, @status, @start, @end, @budget_wan, @funding, @unit, @key_project, @updated_at, @updated_by)
       ON CONFLICT (code) DO UPDATE SET measures = excluded.measures, status = excluded.status, start = excluded.start,
         "end" = excluded."end", budget_wan = excluded.budget_wan, funding = excluded.funding, unit = excluded.unit,
         key_project = excluded.key_project, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
    ),
  };
  return {
    ...stmt,
    /** The building as a write sees it (call inside the write transaction); undefined for an unknown code. */
    head(code: string): (BuildingHead & { planStatus: PlanStatus | null }) | undefined {
      const row = stmt.writeHead.get(code);
      if (!row) return undefined;
      const latest = stmt.latestAppraisal.get(code);
      return {
        code,
        grade: row.grade,
        version: row.version,
        heritage: row.heritage === 1,
        planStatus: row.status,
        latestAppraisal: latest ? { date: latest.date, grade: latest.grade } : null,
      };
    },
  };
}
