/**
 * The audit log in SQLite: `audit_log` is append-only (triggers refuse UPDATE and
 * DELETE, migration 1). {@link SqliteAudit.record} runs inside the caller's transaction,
 * so an entry exists exactly when its change was committed.
 */
import type Database from 'better-sqlite3';
import type { AuditEntry, AuditStore } from '../audit-store.ts';
import type { Actor } from '../store-types.ts';

export class SqliteAudit implements AuditStore {
  private readonly insert;

  constructor(private readonly db: Database.Database) {
    this.insert = db.prepare('INSERT INTO audit_log (at, actor, action, entity, before, after) VALUES (?, ?, ?, ?, ?, ?)');
  }

  record(actor: Actor, action: string, entity: string, before: unknown, after: unknown): void {
    this.insert.run(
      new Date().toISOString(),
      actor.name,
      action,
      entity,
      before === undefined ? null : JSON.stringify(before),
      after === undefined ? null : JSON.stringify(after),
    );
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
}
