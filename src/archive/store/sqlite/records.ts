/**
 * Buildings and their records in SQLite: the dossier, footprint, search, grade map,
 * counts and area plans, and the two per-building writes (inspection, plan). better-sqlite3
 * is synchronous, so each write transaction runs start to end without another request
 * interleaving; `BEGIN IMMEDIATE` also takes the file's write lock up front, so a second
 * process (an import next to the running server) waits instead of failing halfway. The
 * service's decision runs inside that transaction with the building row it read. Every
 * committed change bumps `change_version`, the number behind the grades ETag, `?since=`
 * and the API's caches.
 */
import type Database from 'better-sqlite3';
import type { Geometry } from 'geojson';
import type { RenovationPlan } from '../../../core/archive-record.ts';
import type { SafetyGrade } from '../../../core/grades.ts';
import type { AreaBuildingPlan } from '../../../core/plan-outcome.ts';
import { PLAN_STATUSES, type PlanStatus, type RenovationMeasure } from '../../../core/renovation-plan.ts';
import { AREA_KINDS, type AreaKind } from '../../../core/renewal-areas.ts';
import type {
  AnalysisBuildingRecord,
  BuildingHead,
  DossierRecords,
  GradeEntry,
  GradeMap,
  InspectionWrite,
  InspectionWritten,
  PlanWritten,
  SearchQuery,
} from '../record-store.ts';
import { type Actor, type AppraisalView, type ArchiveStats, type AreaRecord, type CountByGrade, type PlanView, type SearchPage, type WriteError } from '../store-types.ts';
import type { SqliteAudit } from './audit.ts';
import type { ChangeVersion } from './connection.ts';
import {
  type AppraisalRow,
  BUILDING_COLUMNS,
  type BuildingRow,
  type InspectionRow,
  buildingWriteStatements,
  planColumns,
  samePlan,
  toAppraisal,
  toInspection,
  toPlan,
  toSummary,
} from './rows.ts';
import { SearchIndex } from './search-index.ts';
import { type Outcome, err, ok } from '../../../core/result.ts';

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

export class SqliteRecords {
  private readonly stmt;
  private readonly writes;

  constructor(
    private readonly db: Database.Database,
    private readonly audit: SqliteAudit,
    private readonly version: ChangeVersion,
    private readonly useSearchIndex: boolean,
  ) {
    this.writes = buildingWriteStatements(db);
    this.stmt = {
      building: db.prepare<[string], BuildingRow>(`SELECT ${BUILDING_COLUMNS} FROM buildings b LEFT JOIN plans p ON p.code = b.code WHERE b.code = ?`),
      buildingAreas: db.prepare<[string], { id: string; kind: AreaKind; name: string; name_en: string }>(
        'SELECT a.id, a.kind, a.name, a.name_en FROM building_areas ba JOIN areas a ON a.id = ba.area_id WHERE ba.code = ? ORDER BY a.id',
      ),
      appraisals: db.prepare<[string], AppraisalRow>('SELECT * FROM appraisals WHERE code = ? ORDER BY date DESC, id DESC'),
      inspections: db.prepare<[string], InspectionRow>('SELECT * FROM inspections WHERE code = ? ORDER BY date DESC, id DESC'),
      insertInspection: db.prepare(
        `INSERT INTO inspections (code, date, inspector, user_id, findings, hazards, grade_before, grade_after, photos, recorded_at)
         VALUES (@code, @date, @inspector, @user_id, @findings, @hazards, @grade_before, @grade_after, @photos, @recorded_at)`,
      ),
      insertAppraisal: db.prepare(
        `INSERT INTO appraisals (code, date, agency, grade, hazards, source, inspection_id, recorded_at)
         VALUES (@code, @date, @agency, @grade, @hazards, @source, @inspection_id, @recorded_at)`,
      ),
      gradeMapAll: db.prepare<[], { code: string; grade: SafetyGrade | null; status: PlanStatus | null }>(
        'SELECT b.code, b.grade, p.status FROM buildings b LEFT JOIN plans p ON p.code = b.code ORDER BY b.code',
      ),
      gradeMapSince: db.prepare<[number], { code: string; grade: SafetyGrade | null; status: PlanStatus | null }>(
        'SELECT b.code, b.grade, p.status FROM buildings b LEFT JOIN plans p ON p.code = b.code WHERE b.map_version > ? ORDER BY b.code',
      ),
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
      area: db.prepare<[string], { id: string; kind: AreaKind; name: string; name_en: string }>('SELECT id, kind, name, name_en FROM areas WHERE id = ?'),
      areaPlans: db.prepare<
        [string],
        { code: string; name: string | null; grade: SafetyGrade | null; heritage: number; lon: number; lat: number; height: number; status: PlanStatus | null; measures: string | null }
      >(
        `SELECT b.code, b.name, b.grade, b.heritage, b.lon, b.lat, b.height, p.status, p.measures
         FROM building_areas ba JOIN buildings b ON b.code = ba.code LEFT JOIN plans p ON p.code = b.code
         WHERE ba.area_id = ? ORDER BY b.code`,
      ),
      footprint: db.prepare<[string], { geometry: string | null }>('SELECT f.geometry FROM buildings b LEFT JOIN footprints f ON f.code = b.code WHERE b.code = ?'),
      analysisBuildings: db.prepare<
        [],
        { code: string; address: string; grade: SafetyGrade | null; measures: string | null; status: PlanStatus | null; areas: string | null; footprint: string | null }
      >(
        `SELECT b.code, b.address, b.grade, p.measures, p.status, f.geometry AS footprint,
           (SELECT group_concat(area_id, ',') FROM (SELECT area_id FROM building_areas ba WHERE ba.code = b.code ORDER BY area_id)) AS areas
         FROM buildings b LEFT JOIN plans p ON p.code = b.code LEFT JOIN footprints f ON f.code = b.code ORDER BY b.code`,
      ),
      allAreas: db.prepare<[], { id: string; kind: AreaKind; name: string; name_en: string }>('SELECT id, kind, name, name_en FROM areas ORDER BY id'),
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

  private currentVersion(): number {
    return this.version.current();
  }

  /** Synchronous dossier read (without the derived hazards, which the service adds). */
  dossierSync(code: string): DossierRecords | null {
    const row = this.stmt.building.get(code);
    if (!row) return null;
    const appraisals = this.stmt.appraisals.all(code).map(toAppraisal);
    const inspections = this.stmt.inspections.all(code).map(toInspection);
    const planRow = this.writes.plan.get(code);
    return {
      building: toSummary(row),
      version: row.version,
      grade: row.grade,
      appraisals,
      inspections,
      plan: planRow ? toPlan(planRow) : null,
      areas: this.stmt.buildingAreas.all(code).map((a) => ({ id: a.id, kind: a.kind, name: a.name, nameEn: a.name_en })),
    };
  }

  async getDossier(code: string): Promise<DossierRecords | null> {
    return this.dossierSync(code);
  }

  async analysisBuildings(): Promise<{ buildings: AnalysisBuildingRecord[]; areas: AreaRecord[] }> {
    // One read transaction, so the areas and the buildings come from the same commit.
    return this.db.transaction(() => ({
      buildings: this.stmt.analysisBuildings.all().map((r) => ({
        code: r.code,
        address: r.address,
        grade: r.grade,
        plan: r.measures !== null && r.status !== null ? { measures: JSON.parse(r.measures) as PlanView['measures'], status: r.status } : null,
        areaIds: r.areas ? r.areas.split(',') : [],
        footprint: r.footprint ? (JSON.parse(r.footprint) as Geometry) : null,
      })),
      areas: this.stmt.allAreas.all().map((a) => ({ id: a.id, kind: a.kind, name: a.name, nameEn: a.name_en })),
    }))();
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

  async recordInspection(
    code: string,
    expectedVersion: number,
    actor: Actor,
    decide: (head: BuildingHead) => Outcome<InspectionWrite, WriteError>,
  ): Promise<Outcome<InspectionWritten, WriteError>> {
    const run = this.db.transaction((): Outcome<InspectionWritten, WriteError> => {
      const head = this.writes.head(code);
      if (!head) return err({ kind: 'not_found', code });
      if (head.version !== expectedVersion) return err({ kind: 'stale_version', code, expected: expectedVersion, current: head.version });
      const decision = decide(head);
      if (!decision.ok) return decision;
      const write = decision.value;
      const now = new Date().toISOString();
      const changeVersion = this.version.next();
      const inspectionId = Number(
        this.stmt.insertInspection.run({
          code,
          date: write.inspection.date,
          inspector: actor.name,
          user_id: actor.userId,
          findings: write.inspection.findings,
          hazards: JSON.stringify(write.inspection.hazards),
          grade_before: write.inspection.gradeBefore,
          grade_after: write.inspection.gradeAfter,
          photos: JSON.stringify(write.inspection.photos),
          recorded_at: now,
        }).lastInsertRowid,
      );
      let appraisal: AppraisalView | null = null;
      if (write.appraisal) {
        const a = write.appraisal;
        const id = Number(
          this.stmt.insertAppraisal.run({
            code,
            date: a.date,
            agency: a.agency,
            grade: a.grade,
            hazards: JSON.stringify(a.hazards),
            source: 'inspection',
            inspection_id: inspectionId,
            recorded_at: now,
          }).lastInsertRowid,
        );
        appraisal = { id, date: a.date, agency: a.agency, grade: a.grade, hazards: a.hazards, source: 'inspection', inspectionId };
        this.audit.record(actor, 'appraisal.create', code, null, appraisal);
      }
      if (write.grade !== head.grade) this.writes.setGrade.run(write.grade, changeVersion, code);
      const version = this.writes.bumpBuilding.get(code) as number;
      const inspection = toInspection(this.stmt.inspections.all(code).find((r) => r.id === inspectionId)!);
      this.audit.record(actor, 'inspection.create', code, { grade: head.grade, version: head.version }, { inspection, grade: write.grade, version });
      return ok({ inspection, appraisal, version });
    });
    return run.immediate();
  }

  async putPlan(
    code: string,
    expectedVersion: number,
    actor: Actor,
    decide: (head: BuildingHead) => Outcome<RenovationPlan, WriteError>,
  ): Promise<Outcome<PlanWritten, WriteError>> {
    const run = this.db.transaction((): Outcome<PlanWritten, WriteError> => {
      const head = this.writes.head(code);
      if (!head) return err({ kind: 'not_found', code });
      if (head.version !== expectedVersion) return err({ kind: 'stale_version', code, expected: expectedVersion, current: head.version });
      const decision = decide(head);
      if (!decision.ok) return decision;
      const plan = decision.value;
      const beforeRow = this.writes.plan.get(code);
      if (samePlan(beforeRow, plan)) return ok({ plan: toPlan(beforeRow!), version: head.version, created: false });
      const now = new Date().toISOString();
      const changeVersion = this.version.next();
      this.writes.upsertPlan.run({ code, ...planColumns(plan), updated_at: now, updated_by: actor.name });
      if (beforeRow?.status !== plan.status) this.writes.touchMap.run(changeVersion, code);
      const version = this.writes.bumpBuilding.get(code) as number;
      const after = toPlan(this.writes.plan.get(code)!);
      this.audit.record(actor, beforeRow ? 'plan.update' : 'plan.create', code, beforeRow ? toPlan(beforeRow) : null, after);
      return ok({ plan: after, version, created: !beforeRow });
    });
    return run.immediate();
  }
}
