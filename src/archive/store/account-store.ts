/**
 * Accounts and sessions. Passwords arrive hashed (argon2id, `auth/passwords.ts`) and
 * sessions by the SHA-256 of their token: a store never sees a secret.
 */
import type { UserView } from '../../core/api/session-contracts.ts';
import type { Role } from '../../core/roles.ts';
import type { Actor } from './store-types.ts';
import { type Outcome } from '../../core/result.ts';

/** A user as stored and as the API shows one: the contract's type (src/core/api/session-contracts.ts, z.infer), not a copy. */
export type UserRecord = UserView;

/**
 * The one answer that carries the password hash, for the log-in check only: the
 * contract's user extended on purpose, since the API never exposes the hash
 * (UserViewSchema leaves it out, and the routes answer with UserRecord).
 */
export type UserLoginRecord = UserRecord & { passwordHash: string };

export interface AccountStore {
  countUsers(): Promise<number>;
  createUser(name: string, role: Role, passwordHash: string, actor: Actor): Promise<Outcome<UserRecord, { kind: 'exists'; name: string }>>;
  /** The user and their hash, or null for an unknown or disabled name. */
  findUserForLogin(name: string): Promise<UserLoginRecord | null>;
  listUsers(): Promise<UserRecord[]>;
  createSession(tokenHash: string, userId: number, expiresAt: Date): Promise<void>;
  /** The session's user while the session is unexpired and the user enabled; else null. */
  sessionUser(tokenHash: string, now: Date): Promise<UserRecord | null>;
  deleteSession(tokenHash: string): Promise<void>;
}
