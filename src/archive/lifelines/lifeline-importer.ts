/**
 * Loads pipe segments into the archive: the segments themselves and every
 * pipe-building pair within `maxDistanceM` (default 50 m, the largest distance the
 * API lets a user ask for), found with a Flatbush index over the footprints and
 * measured exactly (pipe-distance.ts). Segments are checked by the tileset's own
 * validator, so the database and the tiles hold the same segments; bad ones are
 * skipped and returned by id. The pipes are replaced as a whole: the survey file is
 * their source of truth.
 *
 * Two things stop that replacement from hurting the archive (issue 15):
 *
 * - A file that would wipe or gut the network is refused before anything is written
 *   (core/import-shrink.ts: nothing valid → always; > 10 % fewer segments or > 10 %
 *   rejected → unless `allowShrink`). An empty FeatureCollection used to take the sample
 *   from 40,958 segments and 515,313 pairs to none.
 * - The write lock is held only briefly. The import used to compute the proximity inside
 *   its one write transaction, so the lock was held for the whole import: 15.7 s on the
 *   sample (measured by a second connection probing BEGIN IMMEDIATE every 10 ms; 132 s in
 *   the run issue 15 reports), and a server next to it failed 11 of 33 writes. Now every row is
 *   computed first with no lock (6–13 s on the sample), written into shadow tables in
 *   transactions of ≤ {@link BATCH_MS} ms with a {@link PAUSE_MS} ms pause after each (so
 *   the server's 200 ms busy wait finds a gap), swapped in by four renames in one
 *   transaction, and the old tables are then emptied in batches and dropped (one DROP of
 *   the sample's pairs held the lock 0.1–0.2 s). Sample, three runs on a machine loaded
 *   13–20 on 2 cores: 220–365 transactions, the swap 3–17 ms, the longest 0.13–0.21 s
 *   (COMMITs that ran a WAL checkpoint). Next to a server posting an inspection every
 *   0.4 s (`openArchiveApi`, 200 ms busy timeout) all 65 and all 90 POSTs were 201, none
 *   slower than 0.14 s; before, 3 of 18 failed with 500 and the slowest took 11.6 s. The
 *   whole import took 18–39 s before and 19–38 s now (same machine, varying load).
 *
 * A crash mid-import leaves the live tables whole (the old network before the swap, the
 * new one after it) and shadow or old tables behind; the next import drops them first.
 */
import type Database from 'better-sqlite3';
import Flatbush from 'flatbush';
import type { Geometry } from 'geojson';
import { createLocalProjection, type LocalProjection } from '../../core/local-projection.ts';
import type { Pipe } from '../../sources/pipe.ts';
import type { RawFeature } from '../../sources/raw-feature.ts';
import type { PipeProblem } from '../../sources/pipe-problem.ts';
import { createPipeValidator, lineLengthM } from '../../sources/pipe-validator.ts';
import { lineToPolygonsDistance, type LocalPolygon, type Xy } from './pipe-distance.ts';
import { REASONS_SHOWN, shrinkRefusal } from '../../core/import-shrink.ts';
import { err, ok, type Result } from '../store/archive-store.ts';

export interface LifelineImportOptions {
  /** Largest pipe-building distance kept (m). Default 50. */
  maxDistanceM?: number;
  /** Centre of the local projection; default Yuzhong (106.55, 29.55). */
  origin?: [number, number];
  /** Go ahead even when the network would shrink by more than 10 % or more than 10 % of the features are rejected (core/import-shrink.ts). */
  allowShrink?: boolean;
}

export interface LifelineImportSummary {
  segments: number;
  /** Pipe-building pairs within maxDistanceM. */
  pairs: number;
  maxDistanceM: number;
  problems: PipeProblem[];
  seconds: number;
  /** Of which the proximity computation, done before any write lock is taken. */
  computeSeconds: number;
  /** The write lock: longest single transaction, the swap (ms, BEGIN to COMMIT's return: a checkpoint the COMMIT runs counts), and how many transactions. */
  lock: { longestMs: number; swapMs: number; transactions: number };
}

export const DEFAULT_MAX_PROXIMITY_M = 50;

export interface FootprintIndex {
  codes: string[];
  polygons: LocalPolygon[][];
  index: Flatbush;
  projection: LocalProjection;
}

function polygonsOf(geometry: Geometry, projection: LocalProjection): LocalPolygon[] {
  const list = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.type === 'MultiPolygon' ? geometry.coordinates : [];
  return list.map((rings) => rings.map((ring) => ring.map((p) => projection.toLocal(p[0]!, p[1]!) as Xy)));
}

/** The footprints of the archive's buildings, projected and indexed. */
export function loadFootprintIndex(db: Database.Database, origin: [number, number] = [106.55, 29.55]): FootprintIndex {
  const projection = createLocalProjection(...origin);
  const rows = db.prepare('SELECT code, geometry FROM footprints ORDER BY code').all() as { code: string; geometry: string }[];
  const codes: string[] = [];
  const polygons: LocalPolygon[][] = [];
  for (const row of rows) {
    const p = polygonsOf(JSON.parse(row.geometry) as Geometry, projection);
    if (p.length === 0) continue;
    codes.push(row.code);
    polygons.push(p);
  }
  const index = new Flatbush(Math.max(1, codes.length));
  for (const p of polygons) {
    let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
    for (const polygon of p) for (const [x, y] of polygon[0]!) {
      minX = Math.min(minX, x); minY = Math.min(minY, y); maxX = Math.max(maxX, x); maxY = Math.max(maxY, y);
    }
    index.add(minX, minY, maxX, maxY);
  }
  if (codes.length === 0) index.add(0, 0, 0, 0); // Flatbush needs one item; no code maps to it.
  index.finish();
  return { codes, polygons, index, projection };
}

/** Buildings within maxDistance of a pipe: [code, distance] sorted by code. */
export function nearbyBuildings(fi: FootprintIndex, pipe: Pipe, maxDistanceM: number): [string, number][] {
  const out: [string, number][] = [];
  const lines = pipe.parts.map((part) => {
    const line: Xy[] = [];
    for (let i = 0; i < part.length; i += 2) line.push(fi.projection.toLocal(part[i]!, part[i + 1]!) as Xy);
    return line;
  });
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const line of lines) for (const [x, y] of line) {
    minX = Math.min(minX, x); minY = Math.min(minY, y); maxX = Math.max(maxX, x); maxY = Math.max(maxY, y);
  }
  const hits = fi.index.search(minX - maxDistanceM, minY - maxDistanceM, maxX + maxDistanceM, maxY + maxDistanceM);
  for (const i of hits) {
    if (i >= fi.codes.length) continue;
    const d = Math.min(...lines.map((line) => lineToPolygonsDistance(line, fi.polygons[i]!)));
    if (d <= maxDistanceM) out.push([fi.codes[i]!, d]);
  }
  return out.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

function midpoint(pipe: Pipe): [number, number] {
  const part = pipe.parts[0]!;
  const half = lineLengthM(part) / 2;
  let along = 0;
  for (let i = 2; i < part.length; i += 2) {
    const step = lineLengthM(part.subarray(i - 2, i + 2));
    if (along + step >= half && step > 0) {
      const t = (half - along) / step;
      return [part[i - 2]! + (part[i]! - part[i - 2]!) * t, part[i - 1]! + (part[i + 1]! - part[i - 1]!) * t];
    }
    along += step;
  }
  return [part[0]!, part[1]!];
}

/** Segment columns in insert order. */
const SEGMENT_COLUMNS = 'id, network, diameter_mm, depth_m, material, install_year, condition, pressure, length_m, lon, lat, geometry';
const LIVE = { segments: 'lifeline_segments', proximity: 'lifeline_proximity' } as const;
const SHADOW = { segments: 'lifeline_segments_next', proximity: 'lifeline_proximity_next' } as const;
const OLD = { segments: 'lifeline_segments_old', proximity: 'lifeline_proximity_old' } as const;
/** The shadow tables' indexes alternate between the migration's name and this suffix (SQLite cannot rename an index). */
const INDEX_TWIN = '__b';

const SUBJECT = { zh: '管段', en: 'pipe segments', override: 'npm run archive:import -- --lifelines <file> --allow-shrink' };

/** What the import computed before touching the database: every row it will write. */
interface LifelineRows {
  segments: unknown[][];
  pairSegment: string[];
  pairCode: string[];
  pairDistance: number[];
}

function computeRows(fi: FootprintIndex, pipes: readonly Pipe[], maxDistanceM: number): LifelineRows {
  const rows: LifelineRows = { segments: [], pairSegment: [], pairCode: [], pairDistance: [] };
  for (const pipe of pipes) {
    const [lon, lat] = midpoint(pipe);
    const coords = pipe.parts.map((part) => Array.from({ length: part.length / 2 }, (_, i) => [part[2 * i]!, part[2 * i + 1]!]));
    const geometry = coords.length === 1 ? { type: 'LineString', coordinates: coords[0] } : { type: 'MultiLineString', coordinates: coords };
    rows.segments.push([
      pipe.id, pipe.network, pipe.diameterMm, pipe.depthM, pipe.material, pipe.installYear, pipe.condition, pipe.pressure,
      Math.round(pipe.parts.reduce((s, p) => s + lineLengthM(p), 0) * 100) / 100, lon, lat, JSON.stringify(geometry),
    ]);
    for (const [code, d] of nearbyBuildings(fi, pipe, maxDistanceM)) {
      rows.pairSegment.push(pipe.id);
      rows.pairCode.push(code);
      // Centimetres; 0 only for a pipe that really crosses the footprint (`under`), never for one 4 mm beside it.
      rows.pairDistance.push(d === 0 ? 0 : Math.max(0.01, Math.round(d * 100) / 100));
    }
  }
  return rows;
}

/** The live table's DDL (the migrations stay its only source) rewritten for its shadow, with the shadow's indexes. */
function shadowDdl(db: Database.Database): string[] {
  const tableSql = (name: string) => db.prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?").pluck().get(name) as string;
  const rename = (sql: string, pattern: RegExp, replacement: string) => {
    const out = sql.replace(pattern, replacement);
    if (out === sql) throw new Error(`lifelines shadow table: cannot rewrite ${sql.slice(0, 80)}`);
    return out;
  };
  const ddl: string[] = [];
  for (const key of ['segments', 'proximity'] as const) {
    let sql = rename(tableSql(LIVE[key]), new RegExp(`^CREATE TABLE\\s+"?${LIVE[key]}"?\\s*\\(`), `CREATE TABLE ${SHADOW[key]} (`);
    if (key === 'proximity') sql = rename(sql, new RegExp(`REFERENCES\\s+"?${LIVE.segments}"?\\s*\\(`), `REFERENCES ${SHADOW.segments} (`);
    ddl.push(sql);
    const indexes = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL").all(LIVE[key]) as {
      name: string;
      sql: string;
    }[];
    for (const index of indexes) {
      const twin = index.name.endsWith(INDEX_TWIN) ? index.name.slice(0, -INDEX_TWIN.length) : `${index.name}${INDEX_TWIN}`;
      ddl.push(rename(index.sql, new RegExp(`^CREATE (UNIQUE )?INDEX\\s+"?${index.name}"?\\s+ON\\s+"?${LIVE[key]}"?\\s*\\(`), `CREATE $1INDEX ${twin} ON ${SHADOW[key]} (`));
    }
  }
  return ddl;
}

/** Longest a shadow-table batch holds the write lock (ms), and the pause after it that lets another process write. */
const BATCH_MS = 25;
const PAUSE_MS = 25;

export async function importLifelines(
  db: Database.Database,
  features: AsyncIterable<RawFeature> | Iterable<RawFeature>,
  options: LifelineImportOptions = {},
): Promise<Result<LifelineImportSummary, string>> {
  const started = performance.now();
  const maxDistanceM = options.maxDistanceM ?? DEFAULT_MAX_PROXIMITY_M;
  const validator = createPipeValidator();
  const pipes: Pipe[] = [];
  const problems: PipeProblem[] = [];
  const take = (raw: RawFeature) => {
    const r = validator.validate(raw);
    if (r.ok) pipes.push(r.pipe);
    else problems.push(r.problem);
  };
  if (Symbol.iterator in features) for (const raw of features) take(raw);
  else for await (const raw of features) take(raw);

  // 1. Refuse before anything is written: an empty or wrong file must not wipe the network.
  const stored = db.prepare(`SELECT count(*) FROM ${LIVE.segments}`).pluck().get() as number;
  const refusal = shrinkRefusal(SUBJECT, {
    stored,
    remaining: pipes.length,
    valid: pipes.length,
    rejected: problems.length,
    reasons: problems.slice(0, REASONS_SHOWN).map((p) => p.message),
    allowShrink: options.allowShrink ?? false,
  });
  if (refusal !== null) return err(refusal);

  // 2. The long part, with no lock held: proximity of every pipe to every footprint within maxDistanceM.
  const computeStarted = performance.now();
  const rows = computeRows(loadFootprintIndex(db, options.origin), pipes, maxDistanceM);
  const computeSeconds = (performance.now() - computeStarted) / 1000;

  // 3. Short write transactions: shadow tables filled in batches of ≤ BATCH_MS, a pause after each.
  const lock = { longestMs: 0, swapMs: 0, transactions: 0 };
  const write = (fn: () => void): number => {
    db.exec('BEGIN IMMEDIATE');
    const t = performance.now();
    try {
      fn();
      db.exec('COMMIT');
    } catch (error) {
      if (db.inTransaction) db.exec('ROLLBACK');
      throw error;
    }
    const ms = performance.now() - t;
    lock.longestMs = Math.max(lock.longestMs, ms);
    lock.transactions++;
    return ms;
  };
  const pause = () => new Promise((resolve) => setTimeout(resolve, PAUSE_MS));
  /** Runs `step` in transactions of ≤ BATCH_MS until it returns false (nothing left). */
  const inBatches = async (step: () => boolean) => {
    let more = true;
    while (more) {
      write(() => {
        const until = performance.now() + BATCH_MS;
        do more = step();
        while (more && performance.now() < until);
      });
      await pause();
    }
  };
  /** Empties and drops tables a row batch at a time: a DROP of the sample's 515,313 pairs held the lock 0.1–0.2 s. */
  const dropGradually = async (proximity: string, segments: string) => {
    const exists = (name: string) => db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;
    for (const [table, key] of [[proximity, 'segment_id'], [segments, 'id']] as const) {
      if (!exists(table)) continue;
      const remove = db.prepare(`DELETE FROM ${table} WHERE ${key} IN (SELECT ${key} FROM ${table} LIMIT 100)`);
      await inBatches(() => remove.run().changes > 0);
      write(() => db.exec(`DROP TABLE ${table}`));
    }
  };
  // A crashed earlier import may have left shadow or old tables behind (the live ones were never touched): gone first.
  await dropGradually(SHADOW.proximity, SHADOW.segments);
  await dropGradually(OLD.proximity, OLD.segments);
  write(() => db.exec(`${shadowDdl(db).join(';\n')};`));
  const insertSegment = db.prepare(`INSERT INTO ${SHADOW.segments} (${SEGMENT_COLUMNS}) VALUES (${SEGMENT_COLUMNS.split(',').map(() => '?').join(', ')})`);
  const insertPair = db.prepare(`INSERT INTO ${SHADOW.proximity} (segment_id, code, distance_m) VALUES (?, ?, ?)`);
  const inserting = (count: number, insert: (i: number) => void) => {
    let i = 0;
    return () => {
      if (i < count) insert(i++);
      return i < count;
    };
  };
  try {
    await inBatches(inserting(rows.segments.length, (i) => insertSegment.run(rows.segments[i]!)));
    await inBatches(inserting(rows.pairCode.length, (i) => insertPair.run(rows.pairSegment[i]!, rows.pairCode[i]!, rows.pairDistance[i]!)));
    // 4. The swap, by renames only: the one moment readers' view changes, and the only transaction that touches the live tables.
    lock.swapMs = write(() => {
      db.exec(`ALTER TABLE ${LIVE.proximity} RENAME TO ${OLD.proximity}; ALTER TABLE ${LIVE.segments} RENAME TO ${OLD.segments};
        ALTER TABLE ${SHADOW.segments} RENAME TO ${LIVE.segments}; ALTER TABLE ${SHADOW.proximity} RENAME TO ${LIVE.proximity};`);
      db.prepare("UPDATE meta SET value = ? WHERE key = 'lifelines_max_distance_m'").run(maxDistanceM);
      // Risk counts are cached per archive version: new pipes must invalidate them.
      db.prepare("UPDATE meta SET value = value + 1 WHERE key = 'change_version'").run();
    });
  } catch (error) {
    if (!db.inTransaction) await dropGradually(SHADOW.proximity, SHADOW.segments);
    throw error;
  }
  // 5. The old network, gone a batch at a time (its index names free again for the next import's shadow).
  await dropGradually(OLD.proximity, OLD.segments);
  return ok({
    segments: pipes.length,
    pairs: rows.pairCode.length,
    maxDistanceM,
    problems,
    seconds: (performance.now() - started) / 1000,
    computeSeconds,
    lock: { longestMs: round1(lock.longestMs), swapMs: round1(lock.swapMs), transactions: lock.transactions },
  });
}

const round1 = (v: number) => Math.round(v * 10) / 10;
