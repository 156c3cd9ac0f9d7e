/**
 * Replacing the lifelines network in SQLite without holding the write lock for long
 * (issue 15), and one replacement at a time (issue 16).
 *
 * The rows are written into shadow tables (`lifeline_*_next`) in transactions of
 * ≤ {@link BATCH_MS} ms with a {@link PAUSE_MS} ms pause after each (so a server's 200 ms
 * busy wait finds a gap), swapped in by four `ALTER TABLE … RENAME` in one transaction,
 * and the old tables are then emptied in batches and dropped (one DROP of the sample's
 * 515,313 pairs held the lock 0.1–0.2 s). The importer computes each batch of rows while
 * no transaction is open: the lock used to be held for the whole computation, 15.7 s on
 * the sample; now the swap takes ~3 ms and no transaction more than ~0.2 s (figures in
 * `lifelines/lifeline-importer.ts`). The shadow's indexes alternate between the
 * migration's name and a `__b` twin, since SQLite cannot rename an index; the shadow's
 * DDL is the live table's, so the migrations stay its only source.
 *
 * The guard: two imports at once used to run into each other, the second dropping the
 * first's shadow tables as a crash's leftovers. Now an import holds a lease in `meta`
 * (`lifelines_import_pid`, `…_token`, `…_heartbeat`), taken in the same transaction that
 * counts the stored segments and asks the importer's rule, and refreshed by every write.
 * Another import is refused (`busy`) while the holder's process lives and its heartbeat
 * is younger than {@link LEASE_STALE_MS}; a WAL database is only ever opened on one host,
 * so a dead pid means a crashed import, whose lease is taken over and whose leftover
 * tables are dropped first. A crash leaves the live tables whole (the old network before
 * the swap, the new one after it).
 */
import { randomInt } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { LifelineReplaced, LifelineReplaceError, LifelineReplacement } from '../lifeline-store.ts';
import { type Outcome, err, ok } from '../../../core/result.ts';

/** Segment columns in insert order. */
const SEGMENT_COLUMNS = 'id, network, diameter_mm, depth_m, material, install_year, condition, pressure, length_m, lon, lat, geometry';
const LIVE = { segments: 'lifeline_segments', proximity: 'lifeline_proximity' } as const;
const SHADOW = { segments: 'lifeline_segments_next', proximity: 'lifeline_proximity_next' } as const;
const OLD = { segments: 'lifeline_segments_old', proximity: 'lifeline_proximity_old' } as const;
/** The shadow tables' indexes alternate between the migration's name and this suffix (SQLite cannot rename an index). */
const INDEX_TWIN = '__b';

/** Longest a shadow-table batch holds the write lock (ms), and the pause after it that lets another process write. */
const BATCH_MS = 25;
const PAUSE_MS = 25;
/** A lease whose heartbeat is older than this is a stuck or crashed import's, even if its pid now belongs to another process (ms). */
export const LEASE_STALE_MS = 10 * 60_000;
const LEASE = { pid: 'lifelines_import_pid', token: 'lifelines_import_token', heartbeat: 'lifelines_import_heartbeat' } as const;

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

/** Whether a process with this id runs on this host (EPERM: it does, under another user). */
function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const round1 = (v: number) => Math.round(v * 10) / 10;

export class SqliteLifelineSwap {
  constructor(private readonly db: Database.Database) {}

  async replace(network: LifelineReplacement): Promise<Outcome<LifelineReplaced, LifelineReplaceError>> {
    const db = this.db;
    const token = randomInt(1, 2 ** 47);
    const heartbeat = db.prepare(`UPDATE meta SET value = ? WHERE key = '${LEASE.heartbeat}' AND EXISTS (SELECT 1 FROM meta WHERE key = '${LEASE.token}' AND value = ?)`);
    const writes = { longestMs: 0, swapMs: 0, transactions: 0 };
    let leased = false;
    const write = (fn: () => void): number => {
      db.exec('BEGIN IMMEDIATE');
      const t = performance.now();
      try {
        fn();
        // Every write refreshes the lease; one taken over (this import stalled past LEASE_STALE_MS) stops it before it writes more.
        if (heartbeat.run(Date.now(), token).changes === 0 && leased) {
          throw new Error('lifelines import: another import took over the lease of this stalled one / 管线导入停滞过久，已被另一导入接管');
        }
        db.exec('COMMIT');
      } catch (error) {
        if (db.inTransaction) db.exec('ROLLBACK');
        throw error;
      }
      const ms = performance.now() - t;
      writes.longestMs = Math.max(writes.longestMs, ms);
      writes.transactions++;
      return ms;
    };

    // 1. The lease and the importer's rule, in one transaction: a refusal or a busy guard writes nothing.
    let refusal = null as LifelineReplaceError | null;
    write(() => {
      const lease = this.lease();
      if (lease !== null && lease.live) {
        refusal = {
          kind: 'busy',
          message:
            `另一个管线导入正在进行（进程 ${lease.pid}，最后写入于 ${new Date(lease.heartbeat).toISOString()}）：请等它结束后再导入 / ` +
            `another lifelines import is running (process ${lease.pid}, last write ${new Date(lease.heartbeat).toISOString()}): wait for it to finish, then import again`,
        };
        return;
      }
      const message = network.decide(db.prepare(`SELECT count(*) FROM ${LIVE.segments}`).pluck().get() as number);
      if (message !== null) {
        refusal = { kind: 'refused', message };
        return;
      }
      const set = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
      set.run(LEASE.pid, process.pid);
      set.run(LEASE.token, token);
      set.run(LEASE.heartbeat, Date.now());
    });
    if (refusal !== null) return err(refusal);
    leased = true;

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

    let segments = 0;
    let pairs = 0;
    try {
      // A crashed earlier import may have left shadow or old tables behind (the live ones were never touched): gone first.
      await dropGradually(SHADOW.proximity, SHADOW.segments);
      await dropGradually(OLD.proximity, OLD.segments);
      write(() => db.exec(`${shadowDdl(db).join(';\n')};`));
      const insertSegment = db.prepare(`INSERT INTO ${SHADOW.segments} (${SEGMENT_COLUMNS}) VALUES (${SEGMENT_COLUMNS.split(',').map(() => '?').join(', ')})`);
      const insertPair = db.prepare(`INSERT INTO ${SHADOW.proximity} (segment_id, code, distance_m) VALUES (?, ?, ?)`);
      try {
        // 2. Short write transactions: each batch (computed while no transaction is open) in slices of ≤ BATCH_MS, a pause after each.
        for await (const batch of network.batches) {
          // Segments first, then their pairs (the shadow's foreign key), in one run of slices.
          let i = 0;
          let j = 0;
          await inBatches(() => {
            const s = batch.segments[i];
            if (s !== undefined) {
              i++;
              insertSegment.run(s.id, s.network, s.diameter_mm, s.depth_m, s.material, s.install_year, s.condition, s.pressure, s.length_m, s.lon, s.lat, JSON.stringify(s.geometry));
            } else if (j < batch.proximity.length) {
              const p = batch.proximity[j++]!;
              insertPair.run(p.segmentId, p.code, p.distanceM);
            }
            return i < batch.segments.length || j < batch.proximity.length;
          });
          segments += batch.segments.length;
          pairs += batch.proximity.length;
        }
        // 3. The swap, by renames only: the one moment readers' view changes, and the only transaction that touches the live tables.
        writes.swapMs = write(() => {
          db.exec(`ALTER TABLE ${LIVE.proximity} RENAME TO ${OLD.proximity}; ALTER TABLE ${LIVE.segments} RENAME TO ${OLD.segments};
            ALTER TABLE ${SHADOW.segments} RENAME TO ${LIVE.segments}; ALTER TABLE ${SHADOW.proximity} RENAME TO ${LIVE.proximity};`);
          db.prepare("UPDATE meta SET value = ? WHERE key = 'lifelines_max_distance_m'").run(network.maxDistanceM);
          // Risk counts are cached per archive version: new pipes must invalidate them.
          db.prepare("UPDATE meta SET value = value + 1 WHERE key = 'change_version'").run();
        });
      } catch (error) {
        if (!db.inTransaction) await dropGradually(SHADOW.proximity, SHADOW.segments);
        throw error;
      }
      // 4. The old network, gone a batch at a time (its index names free again for the next import's shadow).
      await dropGradually(OLD.proximity, OLD.segments);
    } finally {
      if (db.open && !db.inTransaction) this.release(token);
    }
    return ok({ segments, pairs, writes: { longestMs: round1(writes.longestMs), swapMs: round1(writes.swapMs), transactions: writes.transactions } });
  }

  /** The lease in the database, and whether its holder is still at work. */
  private lease(): { pid: number; heartbeat: number; live: boolean } | null {
    const rows = new Map(
      (this.db.prepare(`SELECT key, value FROM meta WHERE key IN ('${LEASE.pid}', '${LEASE.token}', '${LEASE.heartbeat}')`).all() as { key: string; value: number }[]).map((r) => [r.key, r.value]),
    );
    const pid = rows.get(LEASE.pid);
    const heartbeat = rows.get(LEASE.heartbeat);
    if (pid === undefined || heartbeat === undefined) return null;
    return { pid, heartbeat, live: processAlive(pid) && Date.now() - heartbeat < LEASE_STALE_MS };
  }

  /** Gives the lease up, if it is still this import's (a stale one may have been taken over). */
  private release(token: number): void {
    this.db.transaction(() => {
      const mine = this.db.prepare(`SELECT 1 FROM meta WHERE key = '${LEASE.token}' AND value = ?`).get(token) !== undefined;
      if (mine) this.db.prepare(`DELETE FROM meta WHERE key IN ('${LEASE.pid}', '${LEASE.token}', '${LEASE.heartbeat}')`).run();
    }).immediate();
  }
}
