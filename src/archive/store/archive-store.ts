/**
 * The archive's storage seam. The API, the importer and the exporter talk only to
 * this interface; `sqlite-store.ts` is the embedded implementation, and a PostgreSQL
 * adapter for city scale can implement the same methods without touching the API.
 * Methods are async so that a networked database fits the same shape.
 */
import type { ArchiveRecord, RenovationPlan } from '../../core/archive-record.ts';
import type { BuildingProperties } from '../../core/building.ts';
import type { SafetyGrade } from '../../core/grades.ts';
import type { PlanStatus } from '../../core/renovation-plan.ts';
import type { Geometry } from 'geojson';
import type {
  AppraisalView,
  AreaRecord,
  BuildingSummary,
  Dossier,
  InspectionView,
  PlanView,
  SearchPage,
} from '../../core/archive-views.ts';
import type { ArchiveStats, CountByGrade } from '../../core/archive-stats.ts';
import type { AreaBuildingPlan } from '../../core/plan-outcome.ts';

// The shapes the API answers with live in core, so the viewer can share them.
export type { AppraisalView, AreaRecord, ArchiveStats, BuildingSummary, CountByGrade, Dossier, InspectionView, PlanView, SearchPage };

export const ROLES = ['viewer', 'inspector', 'planner', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Errors are values: each carries what a person needs to act on it. */
export type Result<T, E> = { ok: true; value: T } | { ok: false; error: E };
export const ok = <T>(value: T): { ok: true; value: T } => ({ ok: true, value });
export const err = <E>(error: E): { ok: false; error: E } => ({ ok: false, error });

export type WriteError =
  | { kind: 'not_found'; code: string }
  | { kind: 'stale_version'; code: string; expected: number; current: number }
  | { kind: 'invalid'; message: string };


/** A building for the registry import: static attributes, centroid, footprint and areas. */
export interface RegistryBuilding {
  properties: BuildingProperties;
  lon: number;
  lat: number;
  footprint: Geometry | null;
  areaIds: string[];
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


/** code → [grade, plan status]: what the map colours by. */
export type GradeEntry = [SafetyGrade | null, PlanStatus | null];

export interface GradeMap {
  /** Change counter of the whole archive; a client asks `?since=` this next time. */
  version: number;
  /** Only the buildings changed after `since`, or all of them. */
  since: number | null;
  buildings: Record<string, GradeEntry>;
}

import type { InspectionInput } from '../../core/archive-views.ts';
export type { InspectionInput };

export interface InspectionOutcome {
  inspection: InspectionView;
  appraisal: AppraisalView | null;
  version: number;
  /**
   * False when the inspection asked for a grade the building does not now have, because a
   * newer appraisal exists (a back-dated inspection): the grade is always the latest appraisal's.
   */
  gradeApplied: boolean;
  /** The latest appraisal after this write (the one the current grade comes from), or null. */
  currentAppraisal: { date: string; grade: SafetyGrade } | null;
}

export interface PlanInput extends RenovationPlan {
  version: number;
}

export interface Actor {
  /** User name, or e.g. `import:archive.csv` for batch work. */
  name: string;
  userId: number | null;
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

export interface UserRecord {
  id: number;
  name: string;
  role: Role;
  createdAt: string;
  createdBy: string;
  disabled: boolean;
}

export interface AuditEntry {
  id: number;
  at: string;
  actor: string;
  action: string;
  entity: string;
  before: unknown;
  after: unknown;
}

export interface ArchiveStore {
  /** Grows with every committed change, whichever process made it. */
  dataVersion(): Promise<number>;
  getDossier(code: string): Promise<Dossier | null>;
  /** A building's footprint from the registry import; null for an unknown building (geometry null: none was imported). */
  getFootprint(code: string): Promise<{ geometry: Geometry | null } | null>;
  search(query: SearchQuery): Promise<SearchPage>;
  gradeMap(since?: number): Promise<GradeMap>;
  stats(now: Date): Promise<ArchiveStats>;
  /** An area and its buildings with what their plans need for the before/after view; null for an unknown area. */
  areaPlans(areaId: string): Promise<{ area: AreaRecord; buildings: AreaBuildingPlan[] } | null>;
  recordInspection(code: string, input: InspectionInput, actor: Actor): Promise<Result<InspectionOutcome, WriteError>>;
  putPlan(code: string, input: PlanInput, actor: Actor): Promise<Result<{ plan: PlanView; version: number; created: boolean }, WriteError>>;

  importRegistry(buildings: readonly RegistryBuilding[], areas: readonly AreaRecord[], actor: Actor): Promise<RegistryImportSummary>;
  /** All rows or none: one transaction. Rows must be validated against {@link knownCodes} first. */
  importArchive(records: readonly ArchiveRecord[], actor: Actor, options?: ImportOptions): Promise<ArchiveImportSummary>;
  knownCodes(): Promise<Set<string>>;
  /** Heritage flags, so validation can refuse demolition plans for heritage buildings. */
  heritageCodes(): Promise<Set<string>>;
  exportRecords(): Promise<ArchiveRecord[]>;
  exportFeatures(): Promise<Array<{ summary: BuildingSummary; footprint: Geometry | null; plan: PlanView | null }>>;

  countUsers(): Promise<number>;
  createUser(name: string, role: Role, passwordHash: string, actor: Actor): Promise<Result<UserRecord, { kind: 'exists'; name: string }>>;
  findUserForLogin(name: string): Promise<(UserRecord & { passwordHash: string }) | null>;
  listUsers(): Promise<UserRecord[]>;
  createSession(tokenHash: string, userId: number, expiresAt: Date): Promise<void>;
  sessionUser(tokenHash: string, now: Date): Promise<UserRecord | null>;
  deleteSession(tokenHash: string): Promise<void>;

  auditLog(filter?: { entity?: string; action?: string; limit?: number }): Promise<AuditEntry[]>;
  close(): Promise<void>;
}
