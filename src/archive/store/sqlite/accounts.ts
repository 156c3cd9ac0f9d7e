/** Accounts and sessions in SQLite: `users` and `sessions` (token hashes only). */
import type Database from 'better-sqlite3';
import type { AccountStore, UserLoginRecord, UserRecord } from '../account-store.ts';
import type { Role } from '../../../core/roles.ts';
import { type Actor } from '../store-types.ts';
import type { SqliteAudit } from './audit.ts';
import { type Outcome, err, ok } from '../../../core/result.ts';

interface UserRow {
  id: number;
  name: string;
  role: Role;
  password_hash: string;
  created_at: string;
  created_by: string;
  disabled: number;
}

function toUser(row: UserRow): UserRecord {
  return { id: row.id, name: row.name, role: row.role, createdAt: row.created_at, createdBy: row.created_by, disabled: row.disabled === 1 };
}

export class SqliteAccounts implements AccountStore {
  private readonly stmt;

  constructor(
    private readonly db: Database.Database,
    private readonly audit: SqliteAudit,
  ) {
    this.stmt = {
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

  async countUsers(): Promise<number> {
    return this.stmt.countUsers.get() as number;
  }

  async createUser(name: string, role: Role, passwordHash: string, actor: Actor): Promise<Outcome<UserRecord, { kind: 'exists'; name: string }>> {
    return this.db.transaction((): Outcome<UserRecord, { kind: 'exists'; name: string }> => {
      const row = this.stmt.insertUser.get(name, role, passwordHash, new Date().toISOString(), actor.name) as UserRow | undefined;
      if (!row) return err({ kind: 'exists', name });
      const user = toUser(row);
      this.audit.record(actor, 'user.create', `user:${name}`, null, { name, role });
      return ok(user);
    }).immediate();
  }

  async findUserForLogin(name: string): Promise<UserLoginRecord | null> {
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
}
