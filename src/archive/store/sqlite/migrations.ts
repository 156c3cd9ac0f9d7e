/**
 * Schema migrations, versioned in code. The database's `PRAGMA user_version` says
 * which have run; opening a store runs the rest, each in its own transaction, so a
 * crash mid-migration leaves the previous version intact. Never edit a shipped
 * migration: append a new one.
 */
import type Database from 'better-sqlite3';

export interface Migration {
  version: number;
  /** Why this migration exists. */
  description: string;
  sql: string;
}

const GRADE_CHECK = "CHECK (grade IN ('A','B','C','D'))";

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'buildings, areas, appraisals, inspections, plans, users, sessions, append-only audit log',
    sql: `
      CREATE TABLE meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
      INSERT INTO meta (key, value) VALUES ('change_version', 0);

      CREATE TABLE areas (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        name TEXT NOT NULL,
        name_en TEXT NOT NULL
      ) WITHOUT ROWID;

      CREATE TABLE buildings (
        code TEXT PRIMARY KEY,
        name TEXT,
        address TEXT NOT NULL,
        community TEXT,
        floors INTEGER NOT NULL,
        height REAL NOT NULL,
        year_built INTEGER NOT NULL,
        structure TEXT NOT NULL,
        use TEXT NOT NULL,
        heritage INTEGER NOT NULL CHECK (heritage IN (0, 1)),
        lon REAL NOT NULL,
        lat REAL NOT NULL,
        -- Current grade: the latest appraisal's, kept here so the map and search need no join.
        grade TEXT ${GRADE_CHECK},
        -- Per-building optimistic-concurrency token.
        version INTEGER NOT NULL DEFAULT 1,
        -- change_version at which grade or plan status last changed (for /grades?since=).
        map_version INTEGER NOT NULL DEFAULT 0,
        search_text TEXT NOT NULL
      );
      CREATE INDEX buildings_grade ON buildings (grade);
      -- Footprints apart from the attributes: searches and counts scan buildings, and geometry would triple what they read.
      CREATE TABLE footprints (
        code TEXT PRIMARY KEY REFERENCES buildings (code),
        geometry TEXT NOT NULL
      );
      CREATE INDEX buildings_map_version ON buildings (map_version);

      CREATE TABLE building_areas (
        code TEXT NOT NULL REFERENCES buildings (code),
        area_id TEXT NOT NULL REFERENCES areas (id),
        PRIMARY KEY (code, area_id)
      ) WITHOUT ROWID;
      CREATE INDEX building_areas_area ON building_areas (area_id, code);

      CREATE TABLE inspections (
        id INTEGER PRIMARY KEY,
        code TEXT NOT NULL REFERENCES buildings (code),
        date TEXT NOT NULL,
        inspector TEXT NOT NULL,
        user_id INTEGER REFERENCES users (id),
        findings TEXT NOT NULL,
        hazards TEXT NOT NULL,
        grade_before TEXT,
        grade_after TEXT,
        photos TEXT NOT NULL,
        recorded_at TEXT NOT NULL
      );
      CREATE INDEX inspections_code ON inspections (code, date);
      CREATE INDEX inspections_date ON inspections (date);

      CREATE TABLE appraisals (
        id INTEGER PRIMARY KEY,
        code TEXT NOT NULL REFERENCES buildings (code),
        date TEXT NOT NULL,
        agency TEXT NOT NULL,
        grade TEXT NOT NULL ${GRADE_CHECK},
        hazards TEXT NOT NULL,
        source TEXT NOT NULL CHECK (source IN ('import', 'inspection')),
        inspection_id INTEGER REFERENCES inspections (id),
        recorded_at TEXT NOT NULL
      );
      -- Re-importing the same row finds it here and adds nothing (inspections may repeat a finding).
      CREATE UNIQUE INDEX appraisals_identity ON appraisals (code, date, agency, grade, hazards) WHERE source = 'import';
      CREATE INDEX appraisals_code ON appraisals (code, date);

      CREATE TABLE plans (
        code TEXT PRIMARY KEY REFERENCES buildings (code),
        measures TEXT NOT NULL,
        status TEXT NOT NULL,
        start TEXT NOT NULL,
        "end" TEXT NOT NULL,
        budget_wan REAL NOT NULL,
        funding TEXT NOT NULL,
        unit TEXT NOT NULL,
        key_project TEXT,
        updated_at TEXT NOT NULL,
        updated_by TEXT NOT NULL
      ) WITHOUT ROWID;
      CREATE INDEX plans_status ON plans (status);

      CREATE TABLE users (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        role TEXT NOT NULL CHECK (role IN ('viewer', 'inspector', 'planner', 'admin')),
        password_hash TEXT NOT NULL,
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL,
        disabled INTEGER NOT NULL DEFAULT 0
      );

      -- Only a hash of the session token is stored: a copied database opens no sessions.
      CREATE TABLE sessions (
        token_hash TEXT PRIMARY KEY,
        user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL
      ) WITHOUT ROWID;

      CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        entity TEXT NOT NULL,
        before TEXT,
        after TEXT
      );
      CREATE INDEX audit_log_entity ON audit_log (entity, id);
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
    `,
  },
  {
    version: 2,
    description: 'lifelines: pipe segments and the precomputed pipe-to-building proximity behind pipe risk',
    sql: `
      CREATE TABLE lifeline_segments (
        id TEXT PRIMARY KEY,
        network TEXT NOT NULL,
        diameter_mm REAL NOT NULL,
        -- Cover depth (m); null when the survey gave invert elevations instead.
        depth_m REAL,
        material TEXT NOT NULL,
        install_year INTEGER NOT NULL,
        condition TEXT NOT NULL CHECK (condition IN ('良好','一般','较差','危险')),
        pressure TEXT,
        length_m REAL NOT NULL,
        -- Middle of the segment, for flying to it.
        lon REAL NOT NULL,
        lat REAL NOT NULL,
        geometry TEXT NOT NULL
      ) WITHOUT ROWID;
      CREATE INDEX lifeline_segments_network ON lifeline_segments (network);
      -- Every pipe-building pair within the import's maximum distance (meta lifelines_max_distance_m):
      -- risk queries filter this by the requested distance and the buildings' *current* grade,
      -- so a new inspection changes the risk at once without recomputing any geometry.
      CREATE TABLE lifeline_proximity (
        segment_id TEXT NOT NULL REFERENCES lifeline_segments (id) ON DELETE CASCADE,
        code TEXT NOT NULL REFERENCES buildings (code),
        distance_m REAL NOT NULL,
        PRIMARY KEY (segment_id, code)
      ) WITHOUT ROWID;
      CREATE INDEX lifeline_proximity_code ON lifeline_proximity (code, distance_m);
      INSERT INTO meta (key, value) VALUES ('lifelines_max_distance_m', 0);
    `,
  },
];

export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Runs the migrations the database has not seen; returns the versions applied. */
export function migrate(db: Database.Database, migrations: readonly Migration[] = MIGRATIONS): number[] {
  const current = schemaVersion(db);
  const latest = migrations.at(-1)?.version ?? 0;
  if (current > latest) {
    throw new Error(
      `数据库版本 ${current} 比程序新 (${latest}) / the database schema (v${current}) is newer than this program (v${latest}): upgrade the program`,
    );
  }
  const applied: number[] = [];
  for (const migration of migrations) {
    if (migration.version <= current) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    })();
    applied.push(migration.version);
  }
  return applied;
}
