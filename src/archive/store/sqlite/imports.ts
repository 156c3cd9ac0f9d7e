/**
 * The batch side of buildings and records in SQLite: the registry import, the archive
 * table import (all rows or none, one `BEGIN IMMEDIATE` transaction), and the exports in
 * the import's own format. Which appraisal is current after one is added is the
 * service's rule, passed in; an appraisal already stored is never added twice (unique
 * index `appraisals_identity`).
 */
import type Database from 'better-sqlite3';
import type { Geometry } from 'geojson';
import type { ArchiveRecord } from '../../../core/archive-record.ts';
import type { SafetyGrade } from '../../../core/grades.ts';
import type { HazardItem } from '../../../core/hazards.ts';
import type {
  ArchiveImportSummary,
  CurrentAppraisalRule,
  ImportOptions,
  RegistryBuilding,
  RegistryImportSummary,
} from '../record-store.ts';
import type { Actor, AreaRecord, BuildingSummary, PlanView } from '../store-types.ts';
import type { SqliteAudit } from './audit.ts';
import type { ChangeVersion } from './connection.ts';
import { BUILDING_COLUMNS, type BuildingRow, type PlanRow, buildingWriteStatements, planColumns, planFromRow, samePlan, searchText, toPlan, toSummary } from './rows.ts';

export class SqliteImports {
  private readonly stmt;
  private readonly writes;

  constructor(
    private readonly db: Database.Database,
    private readonly audit: SqliteAudit,
    private readonly version: ChangeVersion,
  ) {
    this.writes = buildingWriteStatements(db);
    this.stmt = {
      insertImportedAppraisal: db.prepare(
        `INSERT OR IGNORE INTO appraisals (code, date, agency, grade, hazards, source, inspection_id, recorded_at)
         VALUES (@code, @date, @agency, @grade, @hazards, 'import', NULL, @recorded_at)`,
      ),
      codes: db.prepare('SELECT code FROM buildings').pluck(),
      heritageCodes: db.prepare('SELECT code FROM buildings WHERE heritage = 1').pluck(),
      registryRow: db.prepare<[string], Record<string, unknown>>(
        `SELECT b.name, b.address, b.community, b.floors, b.height, b.year_built, b.structure, b.use, b.heritage, b.lon, b.lat, f.geometry AS footprint
         FROM buildings b LEFT JOIN footprints f ON f.code = b.code WHERE b.code = ?`,
      ),
      upsertFootprint: db.prepare(
        'INSERT INTO footprints (code, geometry) VALUES (?, ?) ON CONFLICT (code) DO UPDATE SET geometry = excluded.geometry',
      ),
      deleteFootprint: db.prepare('DELETE FROM footprints WHERE code = ?'),
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
    };
  }

  private currentVersion(): number {
    return this.version.current();
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
          this.audit.record(actor, 'building.create', p.id, null, { ...attributes, areas: areaIds });
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
        this.audit.record(actor, 'building.update', p.id, before, after);
        changed++;
      }
      if (added + changed + areasChanged > 0) this.version.next();
      return { buildings: buildings.length, added, changed, unchanged: buildings.length - added - changed, areas: areas.length };
    });
    return run.immediate();
  }

  async importArchive(records: readonly ArchiveRecord[], actor: Actor, current: CurrentAppraisalRule, options: ImportOptions = {}): Promise<ArchiveImportSummary> {
    const every = options.progressEvery ?? 1000;
    const run = this.db.transaction((): ArchiveImportSummary => {
      const next = this.currentVersion() + 1;
      const now = new Date().toISOString();
      let appraisalsAdded = 0;
      let plansChanged = 0;
      let gradesChanged = 0;
      let touched = 0;
      for (const [i, r] of records.entries()) {
        const head = this.writes.head(r.code);
        if (!head) throw new Error(`unknown building code ${r.code}: validate rows before importing`);
        let changed = false;
        if (r.appraisal) {
          const a = r.appraisal;
          const inserted = this.stmt.insertImportedAppraisal.run({ code: r.code, date: a.date, agency: a.agency, grade: a.grade, hazards: JSON.stringify(a.hazards), recorded_at: now });
          if (inserted.changes > 0) {
            appraisalsAdded++;
            changed = true;
            this.audit.record(actor, 'appraisal.import', r.code, null, a);
            const grade = current(head.latestAppraisal, { date: a.date, grade: a.grade }).grade;
            if (grade !== head.grade) {
              this.writes.setGrade.run(grade, next, r.code);
              gradesChanged++;
            }
          }
        }
        if (r.plan) {
          const before = this.writes.plan.get(r.code);
          if (!samePlan(before, r.plan)) {
            this.writes.upsertPlan.run({ code: r.code, ...planColumns(r.plan), updated_at: now, updated_by: actor.name });
            if (before?.status !== r.plan.status) this.writes.touchMap.run(next, r.code);
            this.audit.record(actor, before ? 'plan.update' : 'plan.create', r.code, before ? toPlan(before) : null, r.plan);
            plansChanged++;
            changed = true;
          }
        }
        if (changed) {
          this.writes.bumpBuilding.get(r.code);
          touched++;
        }
        if (options.onProgress && (i + 1) % every === 0) options.onProgress(i + 1, records.length);
      }
      if (touched > 0) this.version.next();
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

}
