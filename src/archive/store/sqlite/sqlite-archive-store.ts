/**
 * The embedded archive store: one SQLite file through better-sqlite3, WAL mode
 * (`connection.ts`). One connection, one concern per module: buildings and records
 * (`records.ts`), their batch import and export (`imports.ts`), lifelines
 * (`lifelines.ts`), accounts and sessions (`accounts.ts`), the audit log (`audit.ts`).
 * This class puts them behind the one {@link ArchiveStore} the service and API take.
 */
import type Database from 'better-sqlite3';
import type { Geometry } from 'geojson';
import type { ArchiveRecord, RenovationPlan } from '../../../core/archive-record.ts';
import type { NearbyBuilding, Network } from '../../../core/lifelines.ts';
import type { AreaBuildingPlan } from '../../../core/plan-outcome.ts';
import type { UserLoginRecord, UserRecord } from '../account-store.ts';
import type { ArchiveStore } from '../archive-store.ts';
import type { AuditEntry } from '../audit-store.ts';
import type { LifelineLine, LifelineReplaced, LifelineReplaceError, LifelineReplacement, RiskFilter, StoredNearbyBuilding, StoredSegment } from '../lifeline-store.ts';
import type {
  AnalysisBuildingRecord,
  ArchiveImportSummary,
  BuildingHead,
  CurrentAppraisalRule,
  DossierRecords,
  GradeMap,
  ImportOptions,
  InspectionWrite,
  InspectionWritten,
  PlanWritten,
  RegistryBuilding,
  RegistryImportSummary,
  SearchQuery,
} from '../record-store.ts';
import type { Role } from '../../../core/roles.ts';
import type { Actor, ArchiveStats, AreaRecord, BuildingSummary, PlanView, SearchPage, WriteError } from '../store-types.ts';
import { SqliteAccounts } from './accounts.ts';
import { SqliteAudit } from './audit.ts';
import { ChangeVersion, openArchiveDatabase, type SqliteStoreOptions } from './connection.ts';
import { SqliteImports } from './imports.ts';
import { SqliteLifelines } from './lifelines.ts';
import { SqliteRecords } from './records.ts';
import { type Outcome } from '../../../core/result.ts';

export type { SqliteStoreOptions };

export class SqliteArchiveStore implements ArchiveStore {
  /** The connection, for SQLite-only work (tests, benchmarks). */
  readonly db: Database.Database;
  private readonly version: ChangeVersion;
  private readonly records: SqliteRecords;
  private readonly imports: SqliteImports;
  private readonly lifelines: SqliteLifelines;
  private readonly accounts: SqliteAccounts;
  private readonly audit: SqliteAudit;

  constructor(options: SqliteStoreOptions) {
    this.db = openArchiveDatabase(options);
    this.version = new ChangeVersion(this.db);
    this.audit = new SqliteAudit(this.db);
    this.records = new SqliteRecords(this.db, this.audit, this.version, options.searchIndex ?? true);
    this.imports = new SqliteImports(this.db, this.audit, this.version);
    this.lifelines = new SqliteLifelines(this.db);
    this.accounts = new SqliteAccounts(this.db, this.audit);
  }

  // Buildings and records.
  async dataVersion(): Promise<number> {
    return this.version.current();
  }
  /** Synchronous dossier read, without the derived hazards. */
  dossierSync(code: string): DossierRecords | null {
    return this.records.dossierSync(code);
  }
  getDossier(code: string): Promise<DossierRecords | null> {
    return this.records.getDossier(code);
  }
  getFootprint(code: string): Promise<{ geometry: Geometry | null } | null> {
    return this.records.getFootprint(code);
  }
  analysisBuildings(): Promise<{ buildings: AnalysisBuildingRecord[]; areas: AreaRecord[] }> {
    return this.records.analysisBuildings();
  }
  search(query: SearchQuery): Promise<SearchPage> {
    return this.records.search(query);
  }
  /** The same search in SQL: the reference the in-memory index is tested against. */
  searchSql(query: SearchQuery): Promise<SearchPage> {
    return this.records.searchSql(query);
  }
  gradeMap(since?: number): Promise<GradeMap> {
    return this.records.gradeMap(since);
  }
  stats(now: Date): Promise<Omit<ArchiveStats, 'lifelines'>> {
    return this.records.stats(now);
  }
  areaPlans(areaId: string): Promise<{ area: AreaRecord; buildings: AreaBuildingPlan[] } | null> {
    return this.records.areaPlans(areaId);
  }
  recordInspection(code: string, expectedVersion: number, actor: Actor, decide: (head: BuildingHead) => Outcome<InspectionWrite, WriteError>): Promise<Outcome<InspectionWritten, WriteError>> {
    return this.records.recordInspection(code, expectedVersion, actor, decide);
  }
  putPlan(code: string, expectedVersion: number, actor: Actor, decide: (head: BuildingHead) => Outcome<RenovationPlan, WriteError>): Promise<Outcome<PlanWritten, WriteError>> {
    return this.records.putPlan(code, expectedVersion, actor, decide);
  }
  importRegistry(buildings: readonly RegistryBuilding[], areas: readonly AreaRecord[], actor: Actor): Promise<RegistryImportSummary> {
    return this.imports.importRegistry(buildings, areas, actor);
  }
  importArchive(records: readonly ArchiveRecord[], actor: Actor, current: CurrentAppraisalRule, options?: ImportOptions): Promise<ArchiveImportSummary> {
    return this.imports.importArchive(records, actor, current, options);
  }
  knownCodes(): Promise<Set<string>> {
    return this.imports.knownCodes();
  }
  heritageCodes(): Promise<Set<string>> {
    return this.imports.heritageCodes();
  }
  exportRecords(): Promise<ArchiveRecord[]> {
    return this.imports.exportRecords();
  }
  exportFeatures(): Promise<Array<{ summary: BuildingSummary; footprint: Geometry | null; plan: PlanView | null }>> {
    return this.imports.exportFeatures();
  }

  // Lifelines.
  lifelineFootprints(): Promise<Array<{ code: string; geometry: Geometry }>> {
    return this.lifelines.lifelineFootprints();
  }
  lifelineLines(): Promise<LifelineLine[]> {
    return this.lifelines.lifelineLines();
  }
  replaceLifelines(network: LifelineReplacement): Promise<Outcome<LifelineReplaced, LifelineReplaceError>> {
    return this.lifelines.replaceLifelines(network);
  }
  lifelineMaxDistanceM(): Promise<number> {
    return this.lifelines.lifelineMaxDistanceM();
  }
  lifelineSegment(id: string, distanceM: number): Promise<{ segment: StoredSegment; buildings: StoredNearbyBuilding[] } | null> {
    return this.lifelines.lifelineSegment(id, distanceM);
  }
  lifelineBuildingPipes(code: string, distanceM: number): Promise<{ grade: NearbyBuilding['grade']; pipes: Array<StoredSegment & { distanceM: number }> } | null> {
    return this.lifelines.lifelineBuildingPipes(code, distanceM);
  }
  lifelineNearRiskGrade(id: string, distanceM: number): Promise<boolean> {
    return this.lifelines.lifelineNearRiskGrade(id, distanceM);
  }
  lifelineRiskSegments(filter: RiskFilter): Promise<{ segments: number; atRisk: Array<{ id: string; network: Network }> }> {
    return this.lifelines.lifelineRiskSegments(filter);
  }

  // Accounts and sessions.
  countUsers(): Promise<number> {
    return this.accounts.countUsers();
  }
  createUser(name: string, role: Role, passwordHash: string, actor: Actor): Promise<Outcome<UserRecord, { kind: 'exists'; name: string }>> {
    return this.accounts.createUser(name, role, passwordHash, actor);
  }
  findUserForLogin(name: string): Promise<UserLoginRecord | null> {
    return this.accounts.findUserForLogin(name);
  }
  listUsers(): Promise<UserRecord[]> {
    return this.accounts.listUsers();
  }
  createSession(tokenHash: string, userId: number, expiresAt: Date): Promise<void> {
    return this.accounts.createSession(tokenHash, userId, expiresAt);
  }
  sessionUser(tokenHash: string, now: Date): Promise<UserRecord | null> {
    return this.accounts.sessionUser(tokenHash, now);
  }
  deleteSession(tokenHash: string): Promise<void> {
    return this.accounts.deleteSession(tokenHash);
  }

  // Audit.
  auditLog(filter?: { entity?: string; action?: string; limit?: number }): Promise<AuditEntry[]> {
    return this.audit.auditLog(filter);
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}

export function openSqliteStore(path: string, options: Omit<SqliteStoreOptions, 'path'> = {}): SqliteArchiveStore {
  return new SqliteArchiveStore({ path, ...options });
}
