/**
 * Accounts and sessions. Passwords arrive hashed (argon2id, `auth/passwords.ts`) and
 * sessions by the SHA-256 of their token: a store never sees a secret.
 */
import type { Actor, Role } from './store-types.ts';
import { type Outcome } from '../../core/result.ts';

export interface UserRecord {
  id: number;
  name: string;
  role: Role;
  createdAt: string;
  createdBy: string;
  disabled: boolean;
}

export interface AccountStore {
  countUsers(): Promise<number>;
  createUser(name: string, role: Role, passwordHash: string, actor: Actor): Promise<Outcome<UserRecord, { kind: 'exists'; name: string }>>;
  /** The user and their hash, or null for an unknown or disabled name. */
  findUserForLogin(name: string): Promise<(UserRecord & { passwordHash: string }) | null>;
  listUsers(): Promise<UserRecord[]>;
  createSession(tokenHash: string, userId: number, expiresAt: Date): Promise<void>;
  /** The session's user while the session is unexpired and the user enabled; else null. */
  sessionUser(tokenHash: string, now: Date): Promise<UserRecord | null>;
  deleteSession(tokenHash: string): Promise<void>;
}
