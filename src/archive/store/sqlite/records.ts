/**
 * The embedded archive store: one SQLite file through better-sqlite3, WAL mode.
 * better-sqlite3 is synchronous, so each write transaction runs start to end without
 * another request interleaving; `BEGIN IMMEDIATE` also takes the file's write lock up
 * front, so a second process (an import next to the running server) waits instead of
 * failing halfway. Every committed change bumps `change_version`, the number behind
 * the grades ETag, `?since=` and the API's caches.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Geometry } from 'geojson';
import type { ArchiveRecord, RenovationPlan } from '../../../core/archive-record.ts';
import { FORBIDDEN_FOR_HERITAGE, PLAN_STATUSES, type PlanStatus, type RenovationMeasure } from '../../../core/renovation-plan.ts';
import type { AreaBuildingPlan } from '../../../core/plan-outcome.ts';
import type { SafetyGrade } from '../../../core/grades.ts';
import type { HazardItem } from '../../../core/hazards.ts';
import { AREA_KINDS, type AreaKind } from '../../../core/renewal-areas.ts';
import {
  type Actor,
  type AppraisalView,
  type ArchiveImportSummary,
  type ArchiveStats,
  type ArchiveStore,
  type AreaRecord,
  type AuditEntry,
  type BuildingSummary,
  type CountByGrade,
  type Dossier,
  type GradeEntry,
  type GradeMap,
  type ImportOptions,
  type InspectionInput,
  type InspectionOutcome,
  type InspectionView,
  type PlanInput,
  type PlanView,
  type RegistryBuilding,
  type RegistryImportSummary,
  type Result,
  type Role,
  type SearchPage,
  type SearchQuery,
  type UserRecord,
  type WriteError,
  err,
  ok,
} from '../archive-store.ts';
import { migrate } from './migrations.ts';
import { SearchIndex } from './search-index.ts';

export interface SqliteStoreOptions {
  /** File path, or `:memory:` for throwaway tests. */
  path: string;
  /** Open read-only (no migrations run). Default false. */
  readonly?: boolean;
  /** ms to wait for another process's write lock (the wait blocks the thread). Default 10 000, for the CLIs; the server passes 200 (src/server/archive-api-from-env.ts). */
  busyTimeoutMs?: number;
  /** Page cache size (MiB); memory-mapped reads get four times that. Default 64. */
  cacheMiB?: number;
  /** Search through an in-memory snapshot (true) or plain SQL (false). Default true. */
  searchIndex?: boolean;
}

/** Agency recorded on appraisals that an inspector's grade change creates, unless the inspection names one. */
export const INSPECTION_AGENCY = '渝中区房屋安全巡查';

interface BuildingRow {
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

interface AppraisalRow {
  id: number;
  date: string;
  agency: string;
  grade: SafetyGrade;
  hazards: string;
  source: 'import' | 'inspection';
  inspection_id: number | null;
}

interface InspectionRow {
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

interface PlanRow {
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

interface UserRow {
  id: number;
  name: string;
  role: Role;
  password_hash: string;
  created_at: string;
  created_by: string;
  disabled: number;
}

const BUILDING_COLUMNS = `b.code, b.name, b.address, b.community, b.floors, b.height, b.year_built, b.structure, b.use,
  b.heritage, b.lon, b.lat, b.grade, b.version, p.status AS plan_status,
  (SELECT group_concat(area_id, ',') FROM building_areas ba WHERE ba.code = b.code) AS areas`;

function toSummary(row: BuildingRow): BuildingSummary {
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

function toAppraisal(row: AppraisalRow): AppraisalView {
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

function toInspection(row: InspectionRow): InspectionView {
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

function toPlan(row: PlanRow): PlanView {
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

function toUser(row: UserRow): UserRecord {
  return { id: row.id, name: row.name, role: row.role, createdAt: row.created_at, createdBy: row.created_by, disabled: row.disabled === 1 };
}

function planColumns(plan: RenovationPlan) {
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

function samePlan(row: PlanRow | undefined, plan: RenovationPlan): boolean {
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
function searchText(p: RegistryBuilding['properties']): string {
  return [p.id, p.name ?? '', p.address, p.community ?? ''].join(' ').toLowerCase();
}

function emptyGradeCounts(): CountByGrade {
  return { A: 0, B: 0, C: 0, D: 0, unappraised: 0 };
}

/** China Standard Time (UTC+8, no daylight saving): inspection dates are Chongqing calendar days. */
const CST_OFFSET_MS = 8 * 3600_000;

function monthBounds(now: Date): { month: string; from: string; to: string } {
  const local = new Date(now.getTime() + CST_OFFSET_MS);
  const y = local.getUTCFullYear();
  const m = local.getUTCMonth();
  const iso = (year: number, month: number) => `${year}-${String(month + 1).padStart(2, '0')}-01`;
  const next = m === 11 ? iso(y + 1, 0) : iso(y, m + 1);
  return { month: iso(y, m).slice(0, 7), from: iso(y, m), to: next };
}

export class SqliteArchiveStore implements ArchiveStore {
  readonly db: Database.Database;
  private readonly stmt;
  private readonly useSearchIndex: boolean;

  constructor(options: SqliteStoreOptions) {
    this.useSearchIndex = options.searchIndex ?? true;
    if (options.path !== ':memory:') mkdirSync(dirname(options.path), { recursive: true });
    this.db = new Database(options.path, { readonly: options.readonly ?? false });
    this.db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 10_000}`);
    if (!options.readonly) {
      // WAL: readers never block the writer; a killed process leaves uncommitted frames that the next open discards.
      this.db.pragma('journal_mode = WAL');
      // NORMAL is durable across process crashes in WAL mode (only a power cut can lose the last commits).
      this.db.pragma('synchronous = NORMAL');
      migrate(this.db);
    }
    this.db.pragma('foreign_keys = ON');
    // The default 2 MB page cache is smaller than a district: searches and stats would go to the OS for every scan.
    this.db.pragma(`cache_size = -${(options.cacheMiB ?? 64) * 1024}`);
    this.db.pragma(`mmap_size = ${(options.cacheMiB ?? 64) * 4 * 1024 * 1024}`);
    const db = this.db;
    this.stmt = {
      version: db.prepare("SELECT value FROM meta WHERE key = 'change_version'").pluck(),
      bumpVersion: db.prepare("UPDATE meta SET value = value + 1 WHERE key = 'change_version' RETURNING value").pluck(),
      building: db.prepare<[string], BuildingRow>(`SELECT ${BUILDING_COLUMNS} FROM buildings b LEFT JOIN plans p ON p.code = b.code WHERE b.code = ?`),
      buildingAreas: db.prepare<[string], { id: string; kind: AreaKind; name: string; name_en: string }>(
        'SELECT a.id, a.kind, a.name, a.name_en FROM building_areas ba JOIN areas a ON a.id = ba.area_id WHERE ba.code = ? ORDER BY a.id',
      ),
      appraisals: db.prepare<[string], AppraisalRow>('SELECT * FROM appraisals WHERE code = ? ORDER BY date DESC, id DESC'),
      inspections: db.prepare<[string], InspectionRow>('SELECT * FROM inspections WHERE code = ? ORDER BY date DESC, id DESC'),
      plan: db.prepare<[string], PlanRow>('SELECT * FROM plans WHERE code = ?'),
      latestGrade: db.prepare<[string], { grade: SafetyGrade; date: string }>('SELECT grade, date FROM appraisals WHERE code = ? ORDER BY date DESC, id DESC LIMIT 1'),
      writeHead: db.prepare<[string], { grade: SafetyGrade | null; version: number; heritage: number; status: PlanStatus | null }>(
        'SELECT b.grade, b.version, b.heritage, p.status FROM buildings b LEFT JOIN plans p ON p.code = b.code WHERE b.code = ?',
      ),
      insertInspection: db.prepare(
        `INSERT INTO inspections (code, date, inspector, user_id, findings, hazards, grade_before, grade_after, photos, recorded_at)
         VALUES (@code, @date, @inspector, @user_id, @findings, @hazards, @grade_before, @grade_after, @photos, @recorded_at)`,
      ),
      insertAppraisal: db.prepare(
        `INSERT INTO appraisals (code, date, agency, grade, hazards, source, inspection_id, recorded_at)
         VALUES (@code, @date, @agency, @grade, @hazards, @source, @inspection_id, @recorded_at)`,
      ),
      insertImportedAppraisal: db.prepare(
        `INSERT OR IGNORE INTO appraisals (code, date, agency, grade, hazards, source, inspection_id, recorded_at)
         VALUES (@code, @date, @agency, @grade, @hazards, 'import', NULL, @recorded_at)`,
      ),
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
      audit: db.prepare('INSERT INTO audit_log (at, actor, action, entity, before, after) VALUES (?, ?, ?, ?, ?, ?)'),
      gradeMapAll: db.prepare<[], { code: string; grade: SafetyGrade | null; status: PlanStatus | null }>(
        'SELECT b.code, b.grade, p.status FROM buildings b LEFT JOIN plans p ON p.code = b.code ORDER BY b.code',
      ),
      gradeMapSince: db.prepare<[number], { code: string; grade: SafetyGrade | null; status: PlanStatus | null }>(
        'SELECT b.code, b.grade, p.status FROM buildings b LEFT JOIN plans p ON p.code = b.code WHERE b.map_version > ? ORDER BY b.code',
      ),
      codes: db.prepare('SELECT code FROM buildings').pluck(),
      searchRows: db.prepare<
        [],
        { code: string; search_text: string; grade: SafetyGrade | null; use: string; structure: string; year_built: number; heritage: number; areas: string | null }
      >(
        `SELECT b.code, b.search_text, b.grade, b.use, b.structure, b.year_built, b.heritage,
           (SELECT group_concat(area_id, ',') FROM building_areas ba WHERE ba.code = b.code) AS areas
         FROM buildings b ORDER BY b.code`,
      ),
      buildingsByCodes: db.prepare<[string], BuildingRow>(
        `SELECT ${BUILDING_COLUMNS} FROM buildings b LEFT JOIN plans p ON p.code = b.code
         WHERE b.code IN (SELECT value FROM json_each(?)) ORDER BY b.code`,
      ),
      heritageCodes: db.prepare('SELECT code FROM buildings WHERE heritage = 1').pluck(),
      area: db.prepare<[string], { id: string; kind: AreaKind; name: string; name_en: string }>('SELECT id, kind, name, name_en FROM areas WHERE id = ?'),
      areaPlans: db.prepare<
        [string],
        { code: string; name: string | null; grade: SafetyGrade | null; heritage: number; lon: number; lat: number; height: number; status: PlanStatus | null; measures: string | null }
      >(
        `SELECT b.code, b.name, b.grade, b.heritage, b.lon, b.lat, b.height, p.status, p.measures
         FROM building_areas ba JOIN buildings b ON b.code = ba.code LEFT JOIN plans p ON p.code = b.code
         WHERE ba.area_id = ? ORDER BY b.code`,
      ),
      registryRow: db.prepare<[string], Record<string, unknown>>(
        `SELECT b.name, b.address, b.community, b.floors, b.height, b.year_built, b.structure, b.use, b.heritage, b.lon, b.lat, f.geometry AS footprint
         FROM buildings b LEFT JOIN footprints f ON f.code = b.code WHERE b.code = ?`,
      ),
      upsertFootprint: db.prepare(
        'INSERT INTO footprints (code, geometry) VALUES (?, ?) ON CONFLICT (code) DO UPDATE SET geometry = excluded.geometry',
      ),
      deleteFootprint: db.prepare('DELETE FROM footprints WHERE code = ?'),
      footprint: db.prepare<[string], { geometry: string | null }>('SELECT f.geometry FROM buildings b LEFT JOIN footprints f ON f.code = b.code WHERE b.code = ?'),
      registryAreas: db.prepare('SELECT area_id FROM building_areas WHERE code = ? ORDER BY area_id').pluck(),
      insertBuilding: db.prepare(
        `INSERT INTO buildings (code, name, address, community, floors, height, year_built, structure, use, heritage, lon, lat, search_text, map_version)
         VALUES (@code, @name, @address, @community, @floors, @height, @year_built, @structure, @use, @heritage, @lon, @lat, @search_text, @map_version)`,
      ),
      updateBuilding: db.prepare(
        `UPDATE buildings SET name = @name, address = @address, community = @community, floors = @floors, height = @height,
           year_built = @year_built, structure = @structure, use = @use, heritage = @heritage, lon = @lon, lat = @lat,
           search_text = @search_text, version = version + 1 WHERE code = @code`,
      ),
      deleteBuildingAreas: db.prepare('DELETE FROM building_areas WHERE code = ?'),
      insertBuildingArea: db.prepare('INSERT INTO building_areas (code, area_id) VALUES (?, ?)'),
      upsertArea: db.prepare(
        `INSERT INTO areas (id, kind, name, name_en) VALUES (@id, @kind, @name, @nameEn)
         ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, name = excluded.name, name_en = excluded.name_en
         WHERE areas.kind IS NOT excluded.kind OR areas.name IS NOT excluded.name OR areas.name_en IS NOT excluded.name_en`,
      ),
      exportRows: db.prepare<[], { code: string; a_date: string | null; agency: string | null; grade: SafetyGrade | null; hazards: string | null } & Partial<PlanRow>>(
        `SELECT b.code, a.date AS a_date, a.agency, a.grade, a.hazards,
           p.measures, p.status, p.start, p."end", p.budget_wan, p.funding, p.unit, p.key_project, p.updated_at, p.updated_by
         FROM buildings b
         LEFT JOIN appraisals a ON a.id = (SELECT id FROM appraisals WHERE code = b.code ORDER BY date DESC, id DESC LIMIT 1)
         LEFT JOIN plans p ON p.code = b.code
         ORDER BY b.code`,
      ),
      exportFeatures: db.prepare<[], BuildingRow & { footprint: string | null }>(
        `SELECT ${BUILDING_COLUMNS}, f.geometry AS footprint FROM buildings b LEFT JOIN plans p ON p.code = b.code
         LEFT JOIN footprints f ON f.code = b.code ORDER BY b.code`,
      ),
      allPlans: db.prepare<[], PlanRow>('SELECT * FROM plans'),
      countUsers: db.prepare('SELECT count(*) FROM users').pluck(),
      userByName: db.prepare<[string], UserRow>('SELECT * FROM users WHERE name = ?'),
      insertUser: db.prepare(
        'INSERT INTO users (name, role, password_hash, created_at, created_by) VALUES (?, ?, ?, ?, ?) ON CONFLICT (name) DO NOTHING RETURNING *',
      ),
      listUsers: db.prepare<[], UserRow>('SELECT * FROM users ORDER BY name'),
      insertSession: db.prepare('INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)'),
      sessionUser: db.prepare<[string, string], UserRow>(
        'SELECT u.* FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ? AND s.expires_at > ? AND u.disabled = 0',
      ),
      deleteSession: db.prepare('DELETE FROM sessions WHERE token_hash = ?'),
      purgeSessions: db.prepare('DELETE FROM sessions WHERE expires_at <= ?'),
    };
  }

  /** Search SQL comes in a few dozen shapes (which filters are set): prepare each once. */
  private readonly statementCache = new Map<string, Database.Statement>();
  private prepared(sql: string): Database.Statement {
    let statement = this.statementCache.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statementCache.set(sql, statement);
    }
    return statement;
  }

  private audit(actor: Actor, action: string, entity: string, before: unknown, after: unknown): void {
    this.stmt.audit.run(
      new Date().toISOString(),
      actor.name,
      action,
      entity,
      before === undefined ? null : JSON.stringify(before),
      after === undefined ? null : JSON.stringify(after),
    );
  }

  private currentVersion(): number {
    return this.stmt.version.get() as number;
  }

  async dataVersion(): Promise<number> {
    return this.currentVersion();
  }

  /** Synchronous dossier read; the API's hot path calls this directly through {@link getDossier}. */
  dossierSync(code: string): Dossier | null {
    const row = this.stmt.building.get(code);
    if (!row) return null;
    const appraisals = this.stmt.appraisals.all(code).map(toAppraisal);
    const inspections = this.stmt.inspections.all(code).map(toInspection);
    const planRow = this.stmt.plan.get(code);
    const latestAppraisal = appraisals[0];
    const latestInspection = inspections[0];
    const hazards =
      latestInspection && (!latestAppraisal || latestInspection.date >= latestAppraisal.date)
        ? latestInspection.hazards
        : (latestAppraisal?.hazards ?? []);
    return {
      building: toSummary(row),
      version: row.version,
      grade: row.grade,
      hazards,
      appraisals,
      inspections,
      plan: planRow ? toPlan(planRow) : null,
      areas: this.stmt.buildingAreas.all(code).map((a) => ({ id: a.id, kind: a.kind, name: a.name, nameEn: a.name_en })),
    };
  }

  async getDossier(code: string): Promise<Dossier | null> {
    return this.dossierSync(code);
  }

  async getFootprint(code: string): Promise<{ geometry: Geometry | null } | null> {
    const row = this.stmt.footprint.get(code);
    if (!row) return null;
    return { geometry: row.geometry ? (JSON.parse(row.geometry) as Geometry) : null };
  }

  async search(query: SearchQuery): Promise<SearchPage> {
    if (!this.useSearchIndex) return this.searchSql(query);
    const index = this.currentSearchIndex();
    const codes = index.match(query);
    const pageCodes = codes.slice((query.page - 1) * query.pageSize, query.page * query.pageSize);
    const rows = pageCodes.length > 0 ? this.stmt.buildingsByCodes.all(JSON.stringify(pageCodes)) : [];
    return { total: codes.length, page: query.page, pageSize: query.pageSize, items: rows.map(toSummary) };
  }

  private searchIndex: SearchIndex | undefined;
  private currentSearchIndex(): SearchIndex {
    const version = this.currentVersion();
    if (this.searchIndex?.version !== version) {
      const rows = this.stmt.searchRows.all().map((r) => ({
        code: r.code,
        text: r.search_text,
        grade: r.grade,
        use: r.use,
        structure: r.structure,
        year: r.year_built,
        heritage: r.heritage === 1,
        areas: r.areas ? r.areas.split(',') : [],
      }));
      this.searchIndex = new SearchIndex(version, rows);
    }
    return this.searchIndex;
  }

  /** The same search in SQL: the reference the index is tested against, and the path without the index. */
  async searchSql(query: SearchQuery): Promise<SearchPage> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      where.push(sql);
      params.push(value);
    };
    for (const term of (query.q ?? '').toLowerCase().split(/\s+/).filter(Boolean)) {
      // instr, not LIKE: a plain substring test, so % and _ in user input need no escaping.
      where.push('instr(b.search_text, ?) > 0');
      params.push(term);
    }
    if (query.grade === 'none') where.push('b.grade IS NULL');
    else if (query.grade) add('b.grade = ?', query.grade);
    if (query.use) add('b.use = ?', query.use);
    if (query.structure) add('b.structure = ?', query.structure);
    if (query.yearFrom !== undefined) add('b.year_built >= ?', query.yearFrom);
    if (query.yearTo !== undefined) add('b.year_built <= ?', query.yearTo);
    if (query.heritage !== undefined) add('b.heritage = ?', query.heritage ? 1 : 0);
    if (query.area) add('EXISTS (SELECT 1 FROM building_areas x WHERE x.code = b.code AND x.area_id = ?)', query.area);
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    // The clause is built only from the fixed fragments above; every user value is a bound parameter.
    const total = this.prepared(`SELECT count(*) FROM buildings b ${clause}`).pluck().get(...params) as number;
    const rows = this.prepared(`SELECT ${BUILDING_COLUMNS} FROM buildings b LEFT JOIN plans p ON p.code = b.code ${clause} ORDER BY b.code LIMIT ? OFFSET ?`)
      .all(...params, query.pageSize, (query.page - 1) * query.pageSize) as BuildingRow[];
    return { total, page: query.page, pageSize: query.pageSize, items: rows.map(toSummary) };
  }

  async gradeMap(since?: number): Promise<GradeMap> {
    return this.db.transaction(() => {
      const version = this.currentVersion();
      // A `since` from the future means the client saw another database: give it everything.
      const partial = since !== undefined && since <= version;
      const rows = partial ? this.stmt.gradeMapSince.all(since) : this.stmt.gradeMapAll.all();
      const buildings: Record<string, GradeEntry> = {};
      for (const r of rows) buildings[r.code] = [r.grade, r.status];
      return { version, since: partial ? since : null, buildings };
    })();
  }

  async stats(now: Date): Promise<ArchiveStats> {
    return this.db.transaction(() => {
      const byGrade = emptyGradeCounts();
      let buildings = 0;
      for (const r of this.db.prepare<[], { grade: SafetyGrade | null; n: number }>('SELECT grade, count(*) AS n FROM buildings GROUP BY grade').all()) {
        byGrade[r.grade ?? 'unappraised'] += r.n;
        buildings += r.n;
      }
      const byPlanStatus = Object.fromEntries(PLAN_STATUSES.map((s) => [s, 0])) as Record<PlanStatus, number>;
      for (const r of this.db.prepare<[], { status: PlanStatus; n: number }>('SELECT status, count(*) AS n FROM plans GROUP BY status').all()) {
        byPlanStatus[r.status] = r.n;
      }
      // Renewal structure first (core, wings, belts, zones), then the old communities.
      const kindOrder = (k: AreaKind) => AREA_KINDS.indexOf(k);
      const areas = this.db
        .prepare<[], { id: string; kind: AreaKind; name: string; name_en: string }>('SELECT * FROM areas ORDER BY id')
        .all()
        .sort((a, b) => kindOrder(a.kind) - kindOrder(b.kind));
      const areaCounts = new Map(areas.map((a) => [a.id, emptyGradeCounts()]));
      for (const r of this.db
        .prepare<[], { area_id: string; grade: SafetyGrade | null; n: number }>(
          'SELECT ba.area_id, b.grade, count(*) AS n FROM building_areas ba JOIN buildings b ON b.code = ba.code GROUP BY ba.area_id, b.grade',
        )
        .all()) {
        const counts = areaCounts.get(r.area_id);
        if (counts) counts[r.grade ?? 'unappraised'] += r.n;
      }
      const { month, from, to } = monthBounds(now);
      const inspectionsThisMonth = this.db.prepare('SELECT count(*) FROM inspections WHERE date >= ? AND date < ?').pluck().get(from, to) as number;
      return {
        version: this.currentVersion(),
        buildings,
        byGrade,
        byPlanStatus,
        byArea: areas.map((a) => {
          const counts = areaCounts.get(a.id) ?? emptyGradeCounts();
          return {
            id: a.id,
            kind: a.kind,
            name: a.name,
            nameEn: a.name_en,
            buildings: counts.A + counts.B + counts.C + counts.D + counts.unappraised,
            byGrade: counts,
          };
        }),
        inspectionsThisMonth,
        month,
      };
    })();
  }

  async areaPlans(areaId: string): Promise<{ area: AreaRecord; buildings: AreaBuildingPlan[] } | null> {
    return this.db.transaction(() => {
      const a = this.stmt.area.get(areaId);
      if (!a) return null;
      const buildings = this.stmt.areaPlans.all(areaId).map(
        (r): AreaBuildingPlan => ({
          code: r.code,
          name: r.name,
          grade: r.grade,
          heritage: r.heritage === 1,
          lon: r.lon,
          lat: r.lat,
          height: r.height,
          planStatus: r.status,
          measures: r.measures === null ? null : (JSON.parse(r.measures) as RenovationMeasure[]),
        }),
      );
      return { area: { id: a.id, kind: a.kind, name: a.name, nameEn: a.name_en }, buildings };
    })();
  }

  async recordInspection(code: string, input: InspectionInput, actor: Actor): Promise<Result<InspectionOutcome, WriteError>> {
    const run = this.db.transaction((): Result<InspectionOutcome, WriteError> => {
      const head = this.stmt.writeHead.get(code);
      if (!head) return err({ kind: 'not_found', code });
      if (head.version !== input.version) return err({ kind: 'stale_version', code, expected: input.version, current: head.version });
      const now = new Date().toISOString();
      const changeVersion = this.stmt.bumpVersion.get() as number;
      const gradeChanged = input.grade !== undefined && input.grade !== head.grade;
      const inspectionId = Number(
        this.stmt.insertInspection.run({
          code,
          date: input.date,
          inspector: actor.name,
          user_id: actor.userId,
          findings: input.findings,
          hazards: JSON.stringify(input.hazards),
          grade_before: head.grade,
          grade_after: input.grade ?? head.grade,
          photos: JSON.stringify(input.photos),
          recorded_at: now,
        }).lastInsertRowid,
      );
      let appraisal: AppraisalView | null = null;
      if (gradeChanged) {
        const agency = input.agency ?? INSPECTION_AGENCY;
        const hazards = JSON.stringify(input.hazards);
        const id = Number(
          this.stmt.insertAppraisal.run({ code, date: input.date, agency, grade: input.grade, hazards, source: 'inspection', inspection_id: inspectionId, recorded_at: now })
            .lastInsertRowid,
        );
        appraisal = { id, date: input.date, agency, grade: input.grade!, hazards: input.hazards, source: 'inspection', inspectionId };
        this.audit(actor, 'appraisal.create', code, null, appraisal);
      }
      // The current grade is always the latest appraisal's, so a back-dated inspection cannot overrule a newer appraisal.
      const latest = this.stmt.latestGrade.get(code) ?? null;
      const grade = latest?.grade ?? null;
      if (grade !== head.grade) this.stmt.setGrade.run(grade, changeVersion, code);
      const gradeApplied = input.grade === undefined || grade === input.grade;
      const currentAppraisal = latest ? { date: latest.date, grade: latest.grade } : null;
      const version = this.stmt.bumpBuilding.get(code) as number;
      const inspection = toInspection(this.stmt.inspections.all(code).find((r) => r.id === inspectionId)!);
      this.audit(actor, 'inspection.create', code, { grade: head.grade, version: head.version }, { inspection, grade, version });
      return ok({ inspection, appraisal, version, gradeApplied, currentAppraisal });
    });
    return run.immediate();
  }

  async putPlan(code: string, input: PlanInput, actor: Actor): Promise<Result<{ plan: PlanView; version: number; created: boolean }, WriteError>> {
    const run = this.db.transaction((): Result<{ plan: PlanView; version: number; created: boolean }, WriteError> => {
      const head = this.stmt.writeHead.get(code);
      if (!head) return err({ kind: 'not_found', code });
      if (head.version !== input.version) return err({ kind: 'stale_version', code, expected: input.version, current: head.version });
      const forbidden = input.measures.filter((m) => FORBIDDEN_FOR_HERITAGE.includes(m));
      if (head.heritage === 1 && forbidden.length > 0) {
        return err({
          kind: 'invalid',
          message: `历史建筑只修缮不拆除，不能采用“${forbidden.join('、')}” / heritage buildings are repaired, never demolished: remove "${forbidden.join(', ')}"`,
        });
      }
      const { version: _v, ...plan } = input;
      const beforeRow = this.stmt.plan.get(code);
      if (samePlan(beforeRow, plan)) return ok({ plan: toPlan(beforeRow!), version: head.version, created: false });
      const now = new Date().toISOString();
      const changeVersion = this.stmt.bumpVersion.get() as number;
      this.stmt.upsertPlan.run({ code, ...planColumns(plan), updated_at: now, updated_by: actor.name });
      if (beforeRow?.status !== plan.status) this.stmt.touchMap.run(changeVersion, code);
      const version = this.stmt.bumpBuilding.get(code) as number;
      const after = toPlan(this.stmt.plan.get(code)!);
      this.audit(actor, beforeRow ? 'plan.update' : 'plan.create', code, beforeRow ? toPlan(beforeRow) : null, after);
      return ok({ plan: after, version, created: !beforeRow });
    });
    return run.immediate();
  }

  async importRegistry(buildings: readonly RegistryBuilding[], areas: readonly AreaRecord[], actor: Actor): Promise<RegistryImportSummary> {
    const run = this.db.transaction((): RegistryImportSummary => {
      let areasChanged = 0;
      for (const a of areas) areasChanged += this.stmt.upsertArea.run(a).changes;
      const next = this.currentVersion() + 1;
      let added = 0;
      let changed = 0;
      for (const b of buildings) {
        const p = b.properties;
        const cols = {
          code: p.id,
          name: p.name,
          address: p.address,
          community: p.community,
          floors: p.floors,
          height: p.height,
          year_built: p.year_built,
          structure: p.structure,
          use: p.use,
          heritage: p.heritage ? 1 : 0,
          lon: b.lon,
          lat: b.lat,
          footprint: b.footprint ? JSON.stringify(b.footprint) : null,
        };
        const areaIds = [...new Set(b.areaIds)].sort();
        const existing = this.stmt.registryRow.get(p.id);
        if (!existing) {
          const { footprint, ...attributes } = cols;
          this.stmt.insertBuilding.run({ ...attributes, search_text: searchText(p), map_version: next });
          if (footprint !== null) this.stmt.upsertFootprint.run(p.id, footprint);
          for (const id of areaIds) this.stmt.insertBuildingArea.run(p.id, id);
          this.audit(actor, 'building.create', p.id, null, { ...attributes, areas: areaIds });
          added++;
          continue;
        }
        const oldAreas = this.stmt.registryAreas.all(p.id) as string[];
        const diff = Object.entries(cols).filter(([k, v]) => k !== 'code' && existing[k] !== v);
        const areasDiffer = oldAreas.join(',') !== areaIds.join(',');
        if (diff.length === 0 && !areasDiffer) continue;
        const { footprint, ...attributes } = cols;
        this.stmt.updateBuilding.run({ ...attributes, search_text: searchText(p) });
        if (footprint === null) this.stmt.deleteFootprint.run(p.id);
        else this.stmt.upsertFootprint.run(p.id, footprint);
        if (areasDiffer) {
          this.stmt.deleteBuildingAreas.run(p.id);
          for (const id of areaIds) this.stmt.insertBuildingArea.run(p.id, id);
        }
        const before: Record<string, unknown> = Object.fromEntries(diff.map(([k]) => [k, k === 'footprint' ? '(geometry)' : existing[k]]));
        const after: Record<string, unknown> = Object.fromEntries(diff.map(([k, v]) => [k, k === 'footprint' ? '(geometry)' : v]));
        if (areasDiffer) {
          before.areas = oldAreas;
          after.areas = areaIds;
        }
        this.audit(actor, 'building.update', p.id, before, after);
        changed++;
      }
      if (added + changed + areasChanged > 0) this.stmt.bumpVersion.get();
      return { buildings: buildings.length, added, changed, unchanged: buildings.length - added - changed, areas: areas.length };
    });
    return run.immediate();
  }

  async importArchive(records: readonly ArchiveRecord[], actor: Actor, options: ImportOptions = {}): Promise<ArchiveImportSummary> {
    const every = options.progressEvery ?? 1000;
    const run = this.db.transaction((): ArchiveImportSummary => {
      const next = this.currentVersion() + 1;
      const now = new Date().toISOString();
      let appraisalsAdded = 0;
      let plansChanged = 0;
      let gradesChanged = 0;
      let touched = 0;
      for (const [i, r] of records.entries()) {
        const head = this.stmt.writeHead.get(r.code);
        if (!head) throw new Error(`unknown building code ${r.code}: validate rows before importing`);
        let changed = false;
        if (r.appraisal) {
          const a = r.appraisal;
          const inserted = this.stmt.insertImportedAppraisal.run({ code: r.code, date: a.date, agency: a.agency, grade: a.grade, hazards: JSON.stringify(a.hazards), recorded_at: now });
          if (inserted.changes > 0) {
            appraisalsAdded++;
            changed = true;
            this.audit(actor, 'appraisal.import', r.code, null, a);
            const grade = this.stmt.latestGrade.get(r.code)?.grade ?? null;
            if (grade !== head.grade) {
              this.stmt.setGrade.run(grade, next, r.code);
              gradesChanged++;
            }
          }
        }
        if (r.plan) {
          const before = this.stmt.plan.get(r.code);
          if (!samePlan(before, r.plan)) {
            this.stmt.upsertPlan.run({ code: r.code, ...planColumns(r.plan), updated_at: now, updated_by: actor.name });
            if (before?.status !== r.plan.status) this.stmt.touchMap.run(next, r.code);
            this.audit(actor, before ? 'plan.update' : 'plan.create', r.code, before ? toPlan(before) : null, r.plan);
            plansChanged++;
            changed = true;
          }
        }
        if (changed) {
          this.stmt.bumpBuilding.get(r.code);
          touched++;
        }
        if (options.onProgress && (i + 1) % every === 0) options.onProgress(i + 1, records.length);
      }
      if (touched > 0) this.stmt.bumpVersion.get();
      return { rows: records.length, appraisalsAdded, plansChanged, gradesChanged, unchanged: records.length - touched, version: this.currentVersion() };
    });
    return run.immediate();
  }

  async knownCodes(): Promise<Set<string>> {
    return new Set(this.stmt.codes.all() as string[]);
  }

  async heritageCodes(): Promise<Set<string>> {
    return new Set(this.stmt.heritageCodes.all() as string[]);
  }

  async exportRecords(): Promise<ArchiveRecord[]> {
    return this.stmt.exportRows.all().map((r) => ({
      code: r.code,
      appraisal:
        r.a_date && r.agency && r.grade && r.hazards
          ? { date: r.a_date, agency: r.agency, grade: r.grade, hazards: JSON.parse(r.hazards) as HazardItem[] }
          : null,
      plan: r.measures ? planFromRow(r as PlanRow) : null,
    }));
  }

  async exportFeatures(): Promise<Array<{ summary: BuildingSummary; footprint: Geometry | null; plan: PlanView | null }>> {
    const plans = new Map(this.stmt.allPlans.all().map((p) => [p.code, toPlan(p)]));
    return this.stmt.exportFeatures.all().map((r) => ({
      summary: toSummary(r),
      footprint: r.footprint ? (JSON.parse(r.footprint) as Geometry) : null,
      plan: plans.get(r.code) ?? null,
    }));
  }

  async countUsers(): Promise<number> {
    return this.stmt.countUsers.get() as number;
  }

  async createUser(name: string, role: Role, passwordHash: string, actor: Actor): Promise<Result<UserRecord, { kind: 'exists'; name: string }>> {
    return this.db.transaction((): Result<UserRecord, { kind: 'exists'; name: string }> => {
      const row = this.stmt.insertUser.get(name, role, passwordHash, new Date().toISOString(), actor.name) as UserRow | undefined;
      if (!row) return err({ kind: 'exists', name });
      const user = toUser(row);
      this.audit(actor, 'user.create', `user:${name}`, null, { name, role });
      return ok(user);
    }).immediate();
  }

  async findUserForLogin(name: string): Promise<(UserRecord & { passwordHash: string }) | null> {
    const row = this.stmt.userByName.get(name);
    return row && row.disabled === 0 ? { ...toUser(row), passwordHash: row.password_hash } : null;
  }

  async listUsers(): Promise<UserRecord[]> {
    return this.stmt.listUsers.all().map(toUser);
  }

  async createSession(tokenHash: string, userId: number, expiresAt: Date): Promise<void> {
    const now = new Date().toISOString();
    this.stmt.purgeSessions.run(now);
    this.stmt.insertSession.run(tokenHash, userId, now, expiresAt.toISOString());
  }

  async sessionUser(tokenHash: string, now: Date): Promise<UserRecord | null> {
    const row = this.stmt.sessionUser.get(tokenHash, now.toISOString());
    return row ? toUser(row) : null;
  }

  async deleteSession(tokenHash: string): Promise<void> {
    this.stmt.deleteSession.run(tokenHash);
  }

  async auditLog(filter: { entity?: string; action?: string; limit?: number } = {}): Promise<AuditEntry[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      where.push(sql);
      params.push(value);
    };
    if (filter.entity) add('entity = ?', filter.entity);
    if (filter.action) add('action = ?', filter.action);
    const rows = this.db
      .prepare<unknown[], { id: number; at: string; actor: string; action: string; entity: string; before: string | null; after: string | null }>(
        `SELECT * FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id LIMIT ?`,
      )
      .all(...params, filter.limit ?? 1_000_000);
    return rows.map((r) => ({ ...r, before: r.before === null ? null : JSON.parse(r.before), after: r.after === null ? null : JSON.parse(r.after) }));
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}

function planFromRow(row: PlanRow): RenovationPlan {
  const { updatedAt: _u, updatedBy: _b, ...plan } = toPlan(row);
  return plan;
}

export function openSqliteStore(path: string, options: Omit<SqliteStoreOptions, 'path'> = {}): SqliteArchiveStore {
  return new SqliteArchiveStore({ path, ...options });
}
