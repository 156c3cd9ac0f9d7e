/**
 * Opening the archive's SQLite file: WAL mode, the busy timeout, the page cache, and the
 * migrations (`migrations.ts`). Also the archive-wide `change_version` every concern's
 * writes bump, so every part of the store shares one counter.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { migrate } from './migrations.ts';

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

export function openArchiveDatabase(options: SqliteStoreOptions): Database.Database {
  if (options.path !== ':memory:') mkdirSync(dirname(options.path), { recursive: true });
  const db = new Database(options.path, { readonly: options.readonly ?? false });
  db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 10_000}`);
  if (!options.readonly) {
    // WAL: readers never block the writer; a killed process leaves uncommitted frames that the next open discards.
    db.pragma('journal_mode = WAL');
    // NORMAL is durable across process crashes in WAL mode (only a power cut can lose the last commits).
    db.pragma('synchronous = NORMAL');
    migrate(db);
  }
  db.pragma('foreign_keys = ON');
  // The default 2 MB page cache is smaller than a district: searches and stats would go to the OS for every scan.
  db.pragma(`cache_size = -${(options.cacheMiB ?? 64) * 1024}`);
  db.pragma(`mmap_size = ${(options.cacheMiB ?? 64) * 4 * 1024 * 1024}`);
  return db;
}

/** The archive-wide change counter: the grades ETag, the `?since=` cursor, the API caches' key. */
export class ChangeVersion {
  private readonly read;
  private readonly bump;

  constructor(db: Database.Database) {
    this.read = db.prepare("SELECT value FROM meta WHERE key = 'change_version'").pluck();
    this.bump = db.prepare("UPDATE meta SET value = value + 1 WHERE key = 'change_version' RETURNING value").pluck();
  }

  current(): number {
    return this.read.get() as number;
  }

  /** Bumps the counter inside the caller's transaction; the new value. */
  next(): number {
    return this.bump.get() as number;
  }
}
