/**
 * Buildings and their records: the registry, appraisals, inspections and plans, and the
 * reads the API answers from (dossier, search, the grade map, counts). The store keeps
 * and finds; it does not decide. Where a write needs a rule (which grade is current, what
 * a heritage building may not have, what an inspection's grade change creates), the
 * service (`src/archive/service/`) passes the decision in as a function that the store
 * calls inside its write transaction, with the building row it has locked: so the rule
 * is written once, in TypeScript, and a second backend gets it by taking the same
 * function.
 */
import type { Geometry } from 'geojson';
import type { ArchiveRecord, RenovationPlan } from '../../core/archive-record.ts';
import type { BuildingProperties } from '../../core/building.ts';
import type { GradeMapView } from '../../core/api/grade-contracts.ts';
import type { SafetyGrade } from '../../core/grades.ts';
import type { HazardItem } from '../../core/hazards.ts';
import type { AreaBuildingPlan } from '../../core/plan-outcome.ts';
import type { Actor, AppraisalView, AreaRecord, ArchiveStats, BuildingSummary, Dossier, InspectionView, PlanView, SearchPage, WriteError } from './store-types.ts';
import { type Outcome } from '../../core/result.ts';

/** A building for the registry import: static attributes, centroid, footprint and areas. */
export interface RegistryBuilding {
  properties: BuildingProperties;
  lon: number;
  lat: number;
  footprint: Geometry | null;
  areaIds: string[];
}

/** A building as the analysis tools list it (flood): address, current grade, plan, areas and footprint. */
export interface AnalysisBuildingRecord {
  code: string;
  address: string;
  grade: SafetyGrade | null;
  /** The plan's measures and status, or null without a plan. */
  plan: Pick<PlanView, 'measures' | 'status'> | null;
  /** Ids of the areas (renewal areas, old communities) the building lies in, ascending. */
  areaIds: string[];
  footprint: Geometry | null;
}

export interface SearchQuery {
  q?: string;
  grade?: SafetyGrade | 'none';
  use?: BuildingProperties['use'];
  structure?: BuildingProperties['structure'];
  yearFrom?: number;
  yearTo?: number;
  area?: string;
  heritage?: boolean;
  page: number;
  pageSize: number;
}

/**
 * What the map colours by, as `GET /api/grades` sends it: the API contract's type
 * (src/core/api/grade-contracts.ts, z.infer), not a copy — the store computes exactly
 * the body the route answers with. `version`: change counter of the whole archive (a
 * client asks `?since=` this next time); `since`: only the buildings changed after it,
 * or null for all of them; `buildings`: code → [grade, plan status].
 */
export type GradeMap = GradeMapView;
export type GradeEntry = GradeMap['buildings'][string];

/** A dossier as stored: everything but the derived current hazards (the service adds those). */
export type DossierRecords = Omit<Dossier, 'hazards'>;

/** An appraisal's date and grade: enough to tell which one the current grade comes from. */
export interface AppraisalKey {
  date: string;
  grade: SafetyGrade;
}

/**
 * Which of the stored current appraisal and one just added (recorded after it) is the
 * current one now. The service's rule (`service/current-record.ts`).
 */
export type CurrentAppraisalRule = (stored: AppraisalKey | null, added: AppraisalKey) => AppraisalKey;

/** The building as the write transaction sees it, for the service's decision. */
export interface BuildingHead {
  code: string;
  grade: SafetyGrade | null;
  /** Per-building optimistic-concurrency token, already checked against the writer's. */
  version: number;
  heritage: boolean;
  /** The appraisal the current grade comes from, or null when none is stored. */
  latestAppraisal: AppraisalKey | null;
}

/** What an inspection writes, as the service decided it. */
export interface InspectionWrite {
  inspection: { date: string; findings: string; hazards: HazardItem[]; photos: string[]; gradeBefore: SafetyGrade | null; gradeAfter: SafetyGrade | null };
  /** The appraisal the inspection's grade change creates, or null. */
  appraisal: { date: string; agency: string; grade: SafetyGrade; hazards: HazardItem[] } | null;
  /** The building's current grade after the write. */
  grade: SafetyGrade | null;
}

export interface InspectionWritten {
  inspection: InspectionView;
  appraisal: AppraisalView | null;
  version: number;
}

export interface PlanWritten {
  plan: PlanView;
  version: number;
  /** True when the building had no plan before. */
  created: boolean;
}

export interface RegistryImportSummary {
  buildings: number;
  added: number;
  changed: number;
  unchanged: number;
  areas: number;
}

export interface ArchiveImportSummary {
  rows: number;
  appraisalsAdded: number;
  plansChanged: number;
  gradesChanged: number;
  unchanged: number;
  version: number;
}

export interface ImportOptions {
  /** Called every `progressEvery` rows while the transaction is open. */
  onProgress?: (done: number, total: number) => void;
  progressEvery?: number;
}

export interface RecordStore {
  /** Grows with every committed change, whichever process made it. */
  dataVersion(): Promise<number>;
  getDossier(code: string): Promise<DossierRecords | null>;
  /** A building's footprint from the registry import; null for an unknown building (geometry null: none was imported). */
  getFootprint(code: string): Promise<{ geometry: Geometry | null } | null>;
  /** Every building (by code) with its footprint, grade, plan and areas, and every area: one read for the analysis tools. */
  analysisBuildings(): Promise<{ buildings: AnalysisBuildingRecord[]; areas: AreaRecord[] }>;
  search(query: SearchQuery): Promise<SearchPage>;
  gradeMap(since?: number): Promise<GradeMap>;
  /** Counts by grade, area and plan status, and the inspections of `now`'s month (Asia/Shanghai). */
  stats(now: Date): Promise<Omit<ArchiveStats, 'lifelines'>>;
  /** An area and its buildings with what their plans need for the before/after view; null for an unknown area. */
  areaPlans(areaId: string): Promise<{ area: AreaRecord; buildings: AreaBuildingPlan[] } | null>;

  /**
   * One transaction: not_found / stale_version against `expectedVersion`, then `decide`
   * with the locked building; its error is returned as is, its write is stored with the
   * audit entries (`inspection.create`, `appraisal.create`), the building's version bumped.
   */
  recordInspection(
    code: string,
    expectedVersion: number,
    actor: Actor,
    decide: (head: BuildingHead) => Outcome<InspectionWrite, WriteError>,
  ): Promise<Outcome<InspectionWritten, WriteError>>;
  /** As {@link recordInspection}: `decide` gives the plan to store (an unchanged plan writes nothing and keeps the version). */
  putPlan(code: string, expectedVersion: number, actor: Actor, decide: (head: BuildingHead) => Outcome<RenovationPlan, WriteError>): Promise<Outcome<PlanWritten, WriteError>>;

  importRegistry(buildings: readonly RegistryBuilding[], areas: readonly AreaRecord[], actor: Actor): Promise<RegistryImportSummary>;
  /**
   * All rows or none: one transaction. Rows must be validated against {@link knownCodes}
   * first. An appraisal already stored (same building, date, agency, grade) is not added
   * twice; `current` says which appraisal the grade comes from after one is added.
   */
  importArchive(records: readonly ArchiveRecord[], actor: Actor, current: CurrentAppraisalRule, options?: ImportOptions): Promise<ArchiveImportSummary>;
  knownCodes(): Promise<Set<string>>;
  /** Heritage flags, so validation can refuse demolition plans for heritage buildings. */
  heritageCodes(): Promise<Set<string>>;
  /** Every building's current appraisal and plan, in the import format. */
  exportRecords(): Promise<ArchiveRecord[]>;
  exportFeatures(): Promise<Array<{ summary: BuildingSummary; footprint: Geometry | null; plan: PlanView | null }>>;
}
